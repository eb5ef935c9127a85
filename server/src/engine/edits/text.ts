// Text edits any file kind uses: the primitives, whole lines inserted or removed (placed where a Helm
// template allows), a comment removed, the one diff of two texts, and applying edits to a text.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range, TextEdit } from '../model';
import type { SourceFile } from '../source';
import { templateSafe } from './template';
import { templateBlocks } from './templateBlocks';

export const replace = (range: Range, newText: string): TextEdit => ({ range, newText });
export const insertAt = (position: Position, newText: string): TextEdit => ({ range: { start: position, end: position }, newText });
export const remove = (range: Range): TextEdit => ({ range, newText: '' });

/**
 * Inserts whole lines before `line`, each ending with the file's line break. In a template, when that
 * place is inside a control block or before the line filling a key, the lines go below the template
 * lines that follow (`{{- end }}`, `{{- toYaml … }}`) where that is safe; else the edit is left for
 * `templateSafe` to refuse.
 */
export function insertLinesBefore(src: SourceFile, line: number, lines: string[]): TextEdit {
  const blocks = templateBlocks(src);
  const first = linesBefore(src, line, lines);
  if (!blocks || blocks.malformed || templateSafe(src, first)) return first;
  for (let next = line; next < src.lineCount && blocks.lineKind(next) !== 'content'; next++) {
    const moved = linesBefore(src, next + 1, lines);
    if (templateSafe(src, moved)) return moved;
  }
  return first;
}

function linesBefore(src: SourceFile, line: number, lines: string[]): TextEdit {
  if (line >= src.lineCount) return insertLinesAtEnd(src, lines);
  return insertAt({ line, character: 0 }, lines.map((l) => l + src.eol).join(''));
}

/** Appends lines at the end of the file, adding a line break first when the file lacks a final one. */
export function insertLinesAtEnd(src: SourceFile, lines: string[]): TextEdit {
  const eol = src.eol;
  const end = src.positionAt(src.text.length);
  const lead = src.text.length > 0 && !/[\r\n]$/.test(src.text) ? eol : '';
  return insertAt(end, lead + lines.map((l) => l + eol).join(''));
}

/** Removes lines [first, last] entirely, line breaks included. */
export function removeLines(src: SourceFile, first: number, last: number): TextEdit {
  const start = { line: first, character: 0 };
  const end = last + 1 < src.lineCount ? { line: last + 1, character: 0 } : src.positionAt(src.text.length);
  return remove({ start, end });
}

/**
 * Removes a comment at `range`: its whole line when nothing else is on it, else the comment and the
 * blanks before it.
 */
export function removeComment(src: SourceFile, range: Range): TextEdit {
  const line = src.lineText(range.start.line);
  if (line.trim().startsWith('#')) return removeLines(src, range.start.line, range.start.line);
  let start = range.start.character;
  while (start > 0 && /\s/.test(line[start - 1])) start--;
  return remove({ start: { line: range.start.line, character: start }, end: range.end });
}

/**
 * The smallest whole-line replacement turning `src` into `after`: one edit for a preview to show (a
 * whole-line edit never splits a CRLF or a surrogate pair).
 */
export function diffEdit(src: SourceFile, after: string): TextEdit {
  const split = (t: string) => t.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
  const a = split(src.text);
  const b = split(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const startOffset = a.slice(0, head).join('').length;
  const endOffset = src.text.length - a.slice(a.length - tail).join('').length;
  return { range: src.rangeOf(startOffset, endOffset), newText: b.slice(head, b.length - tail).join('') };
}

export function applyEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'plaintext', 0, text), edits);
}
