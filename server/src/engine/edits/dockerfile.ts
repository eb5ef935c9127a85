// Dockerfile edit builders: whole instructions inserted where the builder reads them as such, an
// ARG/ENV property removed, words of a RUN command removed.
import type { TextEdit } from '../model';
import type { SourceFile } from '../source';
import { continuationAt, type DockerfileModel, type Instruction, type ParsedRun, type Property } from '../parse/dockerfile';
import type { Word } from '../parse/shell';
import { insertLinesBefore, remove, removeLines } from './text';

/**
 * Inserts whole instructions before `line` (where an instruction starts), or after the last instruction
 * when `line` is past it, so that the builder reads each inserted line as an instruction of its own.
 * At the end of the file a dangling line continuation (`RUN apk add curl \` and nothing after it) would
 * join the first inserted line to that instruction: it continues nothing, so it is removed. Undefined
 * when nothing can follow the last instruction: its heredoc is never closed (the builder rejects the file).
 */
export function insertInstructions(model: DockerfileModel, src: SourceFile, line: number, lines: string[]): TextEdit[] | undefined {
  const all = model.instructions;
  const last = all[all.length - 1];
  if (!last || line <= last.endLine) return [insertLinesBefore(src, line, lines)];
  if (model.endsInOpenHeredoc) return undefined;
  const edits: TextEdit[] = [];
  // The instruction's last line with content: lines after a continuation that are blank or comments do not end it.
  for (let n = last.endLine; n >= last.startLine; n--) {
    const text = src.lineText(n);
    if (text.trim() === '' || (n > last.startLine && text.trimStart().startsWith('#'))) continue;
    const at = continuationAt(text, model.escapeChar);
    if (at >= 0) edits.push(remove({ start: { line: n, character: at }, end: { line: n, character: text.length } }));
    break;
  }
  edits.push(insertLinesBefore(src, line, lines));
  return edits;
}

/** Removes one ARG/ENV property, or the whole instruction when it is the only one. */
export function removePropertyEdit(src: SourceFile, ins: Instruction, property: Property): TextEdit {
  const properties = ins.properties;
  if (properties.length === 1) {
    return removeLines(src, ins.startLine, ins.endLine);
  }
  const index = properties.indexOf(property);
  const range = property.range;
  // Take the blank before it (or after it, for the first property) so the line stays tidy.
  if (index > 0) return remove({ start: properties[index - 1].range.end, end: range.end });
  return remove({ start: range.start, end: properties[1].range.start });
}

/** Removes words [first, last] of a RUN command with the blank before them (`curl -k url` → `curl url`). */
export function removeWords(run: ParsedRun, words: Word[], first: number, last: number): TextEdit {
  return remove(run.rangeOf(words[first - 1].end, words[last].end));
}

/** Removes the letter at `offset` of a short-option cluster (`-fsSLk` → `-fsSL`), or the whole word when it is that letter alone. */
export function removeShortOption(run: ParsedRun, words: Word[], index: number, offset: number): TextEdit {
  return words[index].value.length === 2 ? removeWords(run, words, index, index) : remove(run.rangeOf(offset, offset + 1));
}
