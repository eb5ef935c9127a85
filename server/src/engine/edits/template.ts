// Where an edit may land in a Go template (Helm): the engine analyzes a masked copy, so an edit placed
// by the YAML alone could open or close a block, or separate a key from the line that fills it.
import type { TextEdit } from '../model';
import type { SourceFile } from '../source';
import { templateBlocks, type TemplateBlocks } from './templateBlocks';

/**
 * Whether an edit keeps a Go template (Helm) intact, where the engine sees only a masked copy: it
 * opens or closes no control block, adds no line inside a control block its parent line is not in
 * (the new key would exist only when the condition holds), and comes between no key and the
 * `{{- toYaml … | nindent N }}` / `include` line that fills it. Always true without templates.
 */
export function templateSafe(src: SourceFile, edit: TextEdit): boolean {
  const blocks = templateBlocks(src);
  if (!blocks) return true;
  if (blocks.malformed) return false;
  const start = src.offsetAt(edit.range.start);
  const end = src.offsetAt(edit.range.end);
  if (!blocks.balanced(start, end)) return false;
  const addsLines = /[\r\n]/.test(edit.newText);
  if (addsLines && blocks.blockAt(start) !== parentBlock(src, blocks, edit)) return false;
  return !separatesFill(src, blocks, edit, addsLines);
}

/** Leading spaces of a line (a `- ` item counts from its dash). */
const indentOf = (text: string): number => text.length - text.trimStart().length;

/**
 * The block the lines an edit adds belong to: the one open at the end of the nearest line above,
 * indented less than they are (the key or item that owns them); at the top level, the one open at
 * the document's first line.
 */
function parentBlock(src: SourceFile, blocks: TemplateBlocks, edit: TextEdit): number | undefined {
  const segments = edit.newText
    .split(/\r?\n/)
    .slice(edit.range.start.character === 0 ? 0 : 1)
    .filter((l) => l.trim() !== '');
  if (segments.length === 0) return blocks.blockAt(src.offsetAt(edit.range.start));
  const indent = Math.min(...segments.map(indentOf));
  const { line, character } = edit.range.start;
  const prefix = src.lineText(line).slice(0, character);
  if (prefix.trim() !== '' && indentOf(prefix) < indent) return blocks.blockAt(src.offsetAt(edit.range.start));
  const endOf = (l: number) => blocks.blockAt(src.offsetAt({ line: l, character: src.lineText(l).length }));
  let top: number | undefined; // a top-level line belongs to its document, opened by the document's first line
  for (let l = line - 1; l >= 0; l--) {
    const text = src.lineText(l);
    if (/^---(\s|$)/.test(text)) break;
    if (blocks.lineKind(l) !== 'content') continue;
    if (indentOf(text) < indent) return endOf(l);
    top = l;
  }
  return top === undefined ? -1 : endOf(top);
}

/**
 * Whether an edit separates a template line that fills a key (`annotations:` then
 * `{{- toYaml … | nindent 4 }}`) from the line above it: by adding lines before it, or by removing
 * or rewriting that line. The fill's output attaches to whatever precedes it.
 */
function separatesFill(src: SourceFile, blocks: TemplateBlocks, edit: TextEdit, addsLines: boolean): boolean {
  const { end } = edit.range;
  const rest = src.lineText(end.line).slice(end.character);
  if (end.character > 0 && rest.trim() !== '') return false;
  let fill = end.character === 0 ? end.line : end.line + 1;
  while (fill < src.lineCount && ['blank', 'comment', 'control', 'template-comment'].includes(blocks.lineKind(fill))) fill++;
  if (fill >= src.lineCount || blocks.lineKind(fill) !== 'output') return false;
  if (addsLines) return true;
  let owner = fill - 1;
  while (owner >= 0 && blocks.lineKind(owner) !== 'content') owner--;
  if (owner < 0) return false;
  const ownerStart = src.offsetAt({ line: owner, character: indentOf(src.lineText(owner)) });
  return src.offsetAt(edit.range.start) <= ownerStart && ownerStart < src.offsetAt(end);
}

/** Whether every edit of a fix keeps the file's Go template intact (see templateSafe). */
export const keepsTemplate = (src: SourceFile, edits: TextEdit[]): boolean => edits.every((e) => templateSafe(src, e));
