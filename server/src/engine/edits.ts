// Edit invariants (sorted, non-overlapping, in bounds) and their application.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Fix, Position, TextEdit } from './model';
import type { SourceFile } from './source';
import { templateSafe } from './fixer';

const before = (a: Position, b: Position): boolean => a.line < b.line || (a.line === b.line && a.character < b.character);

/** Sorts edits and throws when they overlap or leave the document: a broken fix must never ship. */
export function checkEdits(src: SourceFile, edits: TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((x, y) => src.offsetAt(x.range.start) - src.offsetAt(y.range.start));
  let lastEnd = -1;
  for (const e of sorted) {
    const s = src.offsetAt(e.range.start);
    const t = src.offsetAt(e.range.end);
    if (before(e.range.end, e.range.start)) throw new Error('edit range ends before it starts');
    if (e.range.start.line >= src.lineCount && e.range.start.character > 0) throw new Error('edit outside the document');
    if (s < lastEnd) throw new Error('overlapping edits');
    lastEnd = t;
  }
  return sorted;
}

export function applyEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'plaintext', 0, text), edits);
}

/** Whether every edit of a fix keeps the file's Go template intact (see fixer.templateSafe). */
export const keepsTemplate = (src: SourceFile, edits: TextEdit[]): boolean => edits.every((e) => templateSafe(src, e));

/** Picks fixes whose edits do not overlap each other and keep templates intact, in document order. */
export function nonOverlapping(src: SourceFile, fixes: Fix[]): TextEdit[] {
  const chosen: Array<[number, number]> = [];
  const edits: TextEdit[] = [];
  for (const fix of fixes) {
    if (!keepsTemplate(src, fix.edits)) continue;
    const spans = fix.edits.map((e) => [src.offsetAt(e.range.start), src.offsetAt(e.range.end)] as [number, number]);
    const clash = spans.some(([s, t]) => chosen.some(([a, b]) => s < b && a < t || (s === t && s === a) || (a === b && a === s)));
    if (clash) continue;
    chosen.push(...spans);
    edits.push(...fix.edits);
  }
  return edits;
}
