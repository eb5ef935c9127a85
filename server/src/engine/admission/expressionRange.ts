// Where an offset into a YAML string value is written in the file. A value's characters appear in its
// source in order, with quotes, escapes, indentation and folded line breaks in between: walking both
// together finds each character's place in one pass, whatever the scalar's style.
import type { Node } from '../parse/yaml';
import { isScalar, type YamlDocument } from '../parse/yaml';
import type { Range } from '../model';

const isSpace = (c: string) => c === ' ' || c === '\n' || c === '\t' || c === '\r';

/** The range of `length` characters at `offset` in the string value of `node`; the node's range when it is not a string. */
export function rangeInScalar(doc: YamlDocument, node: Node, offset: number, length: number): Range {
  if (!isScalar(node) || typeof node.value !== 'string') return doc.rangeOf(node);
  const value = node.value;
  const [start, end] = doc.offsets(node);
  const source = doc.src.text;
  // Block scalars start after their header line (`|`, `>-`, ...); quoted ones after the quote.
  let p = node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED' ? source.indexOf('\n', start) + 1 : start + (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? 1 : 0);
  if (p <= 0) p = start;
  const first = Math.min(offset, Math.max(value.length - 1, 0));
  const last = Math.max(first, Math.min(offset + length - 1, value.length - 1));
  let from = p;
  let to = p;
  for (let i = 0; i <= last && i < value.length; i++) {
    const c = value[i];
    while (p < end && !(isSpace(c) ? isSpace(source[p]) : source[p] === c)) p++;
    if (i === first) from = p;
    if (i === last) to = length > 0 ? p + 1 : p;
    if (p < end) p++;
  }
  return doc.src.rangeOf(Math.min(from, end), Math.max(Math.min(from, end), Math.min(to, end)));
}
