// Hover: the explanation of every finding under the cursor, rendered from rule metadata.
import type { Hover, Position } from 'vscode-languageserver/node';
import { META_BY_ID, type Finding } from '../engine/index';
import { renderHover } from '../engine/docs/render';
import { docUri } from './diagnostics';

const contains = (f: Finding, p: Position): boolean => {
  const { start, end } = f.range;
  const afterStart = p.line > start.line || (p.line === start.line && p.character >= start.character);
  const beforeEnd = p.line < end.line || (p.line === end.line && p.character <= end.character);
  return afterStart && beforeEnd;
};

export function hoverAt(findings: Finding[], position: Position): Hover | null {
  const here = findings.filter((f) => contains(f, position));
  if (here.length === 0) return null;
  const value = here
    .map((f) => {
      const meta = META_BY_ID.get(f.ruleId);
      return meta ? renderHover(meta, f, docUri(f.ruleId)) : f.message;
    })
    .join('\n\n---\n\n');
  return { contents: { kind: 'markdown', value }, range: here[0].range };
}
