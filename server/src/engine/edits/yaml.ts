// YAML edit builders: rules describe fixes as text edits, built here so indentation, flow/block style,
// line breaks and comments are handled once. Nothing here applies an edit.
import type { TextEdit } from '../model';
import type { Span } from './fixes';
import type { SourceFile } from '../source';
import type { Node, Pair, YamlDocument } from '../parse/yaml';
import { isMap, isPair, isScalar, isSeq, type Scalar, type YAMLMap, type YAMLSeq } from '../parse/yaml';
import { insertAt, insertLinesBefore, remove, removeLines, replace } from './text';

/**
 * Where the editor's lines and the YAML parser's disagree: a lone `\r` ends a line for the editor (and
 * for SourceFile's positions) but not for `yaml`, so an edit placed by line there (a pair inserted at
 * the next line start, lines removed, a key's column taken as indentation) lands inside what the parser
 * reads as one line. Each span runs over the parser's whole line holding lone `\r`s, its line break
 * included; no fix is applied that touches one.
 */
export function loneCarriageReturnLines(text: string): Span[] {
  const spans: Span[] = [];
  for (let at = text.indexOf('\r'); at >= 0; at = text.indexOf('\r', at + 1)) {
    if (text.charCodeAt(at + 1) === 10) continue;
    const next = text.indexOf('\n', at);
    const end = next < 0 ? text.length : next + 1;
    spans.push([text.lastIndexOf('\n', at) + 1, end]);
    at = end - 1;
  }
  return spans;
}

/** A YAML value to write: scalars, lists of scalars (written in flow style) and nested maps. */
export type YamlValue = string | number | boolean | YamlValue[] | { [key: string]: YamlValue };

const PLAIN_SAFE = /^[A-Za-z_/.][A-Za-z0-9_./-]*$/;
const RESERVED = /^(true|false|yes|no|on|off|null|~|y|n)$/i;

/** Renders a scalar so it reads back as the same value and type. */
export function renderScalar(v: string | number | boolean): string {
  if (typeof v !== 'string') return String(v);
  return PLAIN_SAFE.test(v) && !RESERVED.test(v) ? v : JSON.stringify(v);
}

/** Command-line words (`--flag=value`) read back as themselves unquoted, in a block list; commas would split a flow list. */
const PLAIN_ITEM = /^(?:[A-Za-z0-9_./]|-(?=\S))[^\s:#[\]{}"'&*!|>%@`]*$/;

function renderListItem(v: string | number | boolean, flow: boolean): string {
  return typeof v === 'string' && PLAIN_ITEM.test(v) && !RESERVED.test(v) && !(flow && v.includes(',')) ? v : renderScalar(v);
}

/** Flow style; `json` quotes every key and string, for JSON-style YAML (`{"kind": "Pod", ...}`). */
function renderFlow(v: YamlValue, json = false): string {
  if (Array.isArray(v)) return `[${v.map((x) => (typeof x === 'string' ? JSON.stringify(x) : renderFlow(x, json))).join(', ')}]`;
  if (typeof v === 'object')
    return `{${Object.entries(v)
      .map(([k, x]) => `${json ? JSON.stringify(k) : k}: ${renderFlow(x, json)}`)
      .join(', ')}}`;
  return json ? JSON.stringify(v) : renderScalar(v);
}

/** Whether a flow collection is written JSON-style: its first key (or item) is double-quoted. */
function isJsonStyle(node: unknown): boolean {
  const first = isMap(node) ? node.items[0]?.key : isSeq(node) ? node.items[0] : undefined;
  return isScalar(first) && first.type === 'QUOTE_DOUBLE';
}

/** `key: value` as block lines; nested maps go one indent step deeper. */
function renderBlockPair(key: string, v: YamlValue, indent: string, unit: string): string[] {
  if (typeof v === 'object' && !Array.isArray(v)) {
    const lines = [`${indent}${key}:`];
    for (const [k, x] of Object.entries(v)) lines.push(...renderBlockPair(k, x, indent + unit, unit));
    return lines;
  }
  return [`${indent}${key}: ${renderFlow(v)}`];
}

/** The indentation step the file uses: the most common indentation increase between lines (2 when it cannot tell). */
export function indentUnit(src: SourceFile): string {
  return src.indentation(() => measureIndentUnit(src));
}

function measureIndentUnit(src: SourceFile): string {
  const counts = new Map<number, number>();
  let previous = -1;
  const limit = Math.min(src.lineCount, 2000);
  for (let line = 0; line < limit; line++) {
    const text = src.lineText(line);
    const m = /^( *)[^ #]/.exec(text);
    if (!m) continue;
    const indent = m[1].length;
    if (previous >= 0 && indent > previous && indent - previous <= 8) counts.set(indent - previous, (counts.get(indent - previous) ?? 0) + 1);
    previous = indent;
  }
  let best = 2;
  let bestCount = 0;
  for (const [step, count] of counts) if (count > bestCount || (count === bestCount && step < best)) [best, bestCount] = [step, count];
  return ' '.repeat(best);
}

/** Column of a node's first character. */
function columnOf(doc: YamlDocument, node: Node): number {
  return doc.rangeOf(node).start.character;
}

/**
 * Line of the last character of a node's value. A block collection's range can run past its content:
 * over trailing comment lines and into the next line's indentation (block scalars end after their line
 * break), so both are skipped: a new key goes right after the content, never below the next key.
 */
function lastLine(doc: YamlDocument, node: Node): number {
  const { src } = doc;
  const [s, e] = doc.offsets(node);
  let end = e;
  for (;;) {
    while (end > s && /\s/.test(src.text[end - 1])) end--;
    const line = src.positionAt(Math.max(s, end - 1)).line;
    const lineStart = src.offsetAt({ line, character: 0 });
    if (lineStart <= s || !/^\s*#/.test(src.lineText(line))) return line;
    end = lineStart;
  }
}

// Every builder below checks that the node it edits has the shape its edit assumes (a map with plain
// keys, a sequence of scalars each on its own `- ` line) and returns undefined when it does not: the
// rule still reports, and its fix is offered without edits (see Report.fix). Writing into a node of
// another shape (a list where a map belongs, an empty `-` item) would break the file.

/** A map whose keys are all scalars with values: the kind of map a new or removed pair fits. */
export function isKeyedMap(node: unknown): node is YAMLMap<Scalar, unknown> {
  return isMap(node) && node.items.every(isKeyedPair);
}

/** A pair whose key is a scalar with a value, placed in the source. */
function isKeyedPair(pair: Pair<unknown, unknown>): boolean {
  return isScalar(pair.key) && pair.key.value !== null && pair.key.range !== undefined;
}

/** A sequence whose items are all scalars with values: the kind of list a new item fits. */
function isScalarSeq(node: unknown): node is YAMLSeq<Scalar> {
  return isSeq(node) && node.items.every((i) => isScalar(i) && i.value !== null && i.range !== undefined);
}

/** Whether a block sequence item starts its line after its dash (`  - x`): its lines are its own. */
function ownsItsLine(doc: YamlDocument, item: Node): boolean {
  const start = doc.rangeOf(item).start;
  return /^[ \t]*-[ \t]*$/.test(doc.src.lineText(start.line).slice(0, start.character));
}

/**
 * Sets `path` under `node` (a map) to `value`, creating the missing maps along the way with the
 * file's indentation, or in flow style inside flow maps. An existing scalar at the end is replaced,
 * as is an empty value on the way (`securityContext:`); any other value on the way is refused.
 * `after` names keys the new entry should follow when present (e.g. `image` for securityContext).
 */
export function yamlSet(doc: YamlDocument, node: Node, path: string[], value: YamlValue, after: string[] = []): TextEdit | undefined {
  let map = doc.deref(node);
  let i = 0;
  while (i < path.length - 1) {
    const found = doc.lookup(map, path[i]);
    const next = doc.deref(found?.pair.value);
    if (!found || !next || !isMap(next)) break;
    // Under a repeated key the map written into may not be the one the parser keeps.
    if (sameKeyPairs(found.map, found.pair)?.length !== 1) return undefined;
    map = next;
    i++;
  }
  if (!isKeyedMap(map)) return undefined;
  const [key, ...below] = path.slice(i);
  const nested = below.reduceRight<YamlValue>((acc, k) => ({ [k]: acc }), value);
  const existing = doc.lookup(map, key);
  if (!existing) return insertPairs(doc, map, { [key]: nested }, after);
  // Every pair under the key gets the value: the parser keeps the last, a reader of the first sees the first.
  const pairs = sameKeyPairs(existing.map, existing.pair);
  const replaceable = pairs?.every(({ value: current }) => isScalar(current) && (below.length === 0 || current.value === null));
  return pairs && replaceable
    ? joinBuilt(
        doc.src,
        pairs.map((pair) => replaceValue(doc, existing.map, pair, nested)),
      )
    : undefined;
}

/**
 * The pairs of `map` with `pair`'s key, in order: one, unless the key is repeated. `yaml` (like Go's
 * decoders when not strict) keeps the last value and a strict reader refuses the file, so a fix that
 * changed one of them would change nothing, or be undone by the next: it edits them all or none.
 * Undefined when other keys sit between them: the one edit covering them all would cover those keys
 * too, where the same fix may insert (the fix is then offered without edits).
 */
function sameKeyPairs(map: YAMLMap<unknown, unknown>, pair: Pair): Pair[] | undefined {
  const name = isScalar(pair.key) ? String(pair.key.value) : undefined;
  const at = map.items.flatMap((p, i) => (p === pair || (name !== undefined && isScalar(p.key) && String(p.key.value) === name) ? [i] : []));
  return at[at.length - 1] - at[0] === at.length - 1 ? at.map((i) => map.items[i]) : undefined;
}

/** Replaces the scalar value of a pair of `map`: in flow style inside a flow map, else block lines for a map. */
function replaceValue(doc: YamlDocument, map: YAMLMap<unknown, unknown>, pair: Pair, value: YamlValue): TextEdit | undefined {
  const src = doc.src;
  const valueNode = pair.value as Node;
  if (!isKeyedMap(map)) return undefined;
  if (map.flow || typeof value !== 'object' || Array.isArray(value)) {
    // An empty value (`key:`) sits right after the colon or at a comment: keep a space on each side.
    const [s, e] = doc.offsets(valueNode);
    const before = s === e && !/[ \t]/.test(src.text[s - 1]) ? ' ' : '';
    const after = s === e && src.text[s] === '#' ? ' ' : '';
    return replace(doc.rangeOf(valueNode), before + renderFlow(value, map.flow === true && isJsonStyle(map)) + after);
  }
  const unit = indentUnit(src);
  const indent = ' '.repeat(columnOf(doc, pair.key as Node)) + unit;
  const lines = Object.entries(value).flatMap(([k, x]) => renderBlockPair(k, x, indent, unit));
  const colon = src.text.indexOf(':', doc.offsets(pair.key as Node)[1]);
  return replace(src.rangeOf(colon + 1, doc.offsets(valueNode)[1]), src.eol + lines.join(src.eol));
}

/** Inserts `key: value` into a map: after the `after` keys when present, else after the last item. */
export function insertPair(doc: YamlDocument, map: Node, key: string, value: YamlValue, after: string[] = []): TextEdit | undefined {
  return insertPairs(doc, map, { [key]: value }, after);
}

/** Inserts several pairs at one place, as one edit (separate edits at one point would run together). */
export function insertPairs(doc: YamlDocument, map: Node, entries: Record<string, YamlValue>, after: string[] = []): TextEdit | undefined {
  const src = doc.src;
  if (!isKeyedMap(map)) return undefined;
  const items = map.items;
  // A key the map already has (`key:` left empty, say) would be written twice: yamlSet fills it instead.
  if (items.some((p) => Object.hasOwn(entries, String(p.key.value)))) return undefined;
  if (map.flow) {
    const json = isJsonStyle(items.length ? map : doc.contents);
    const pairs = Object.entries(entries).map(([key, value]) => `${json ? JSON.stringify(key) : key}: ${renderFlow(value, json)}`);
    return insertIntoFlow(doc, map, '}', pairs.join(', '));
  }
  if (items.length === 0) return undefined;
  const anchorItem = [...items].reverse().find((p) => after.includes(String(p.key.value))) ?? items[items.length - 1];
  const keyNode = anchorItem.key as Node;
  const indent = ' '.repeat(columnOf(doc, keyNode));
  const lines = Object.entries(entries).flatMap(([key, value]) => renderBlockPair(key, value, indent, indentUnit(src)));
  const afterLine = anchorItem.value ? lastLine(doc, anchorItem.value as Node) : src.positionAt(doc.offsets(keyNode)[1]).line;
  return insertLinesBefore(src, afterLine + 1, lines);
}

/**
 * Adds `text` (items already rendered) at the end of a flow collection, before its `close` bracket,
 * with a comma after the last item unless one is already there (`[a, ]`).
 */
function insertIntoFlow(doc: YamlDocument, collection: YAMLMap<unknown, unknown> | YAMLSeq<unknown>, close: string, text: string): TextEdit | undefined {
  const src = doc.src;
  const [start, end] = doc.offsets(collection); // end points after the bracket
  const bracket = src.text.lastIndexOf(close, end - 1);
  if (bracket <= start) return undefined;
  // After an empty last value (`{a: }`) the insertion goes where that value sits, so a fix filling it
  // touches this one and waits for the next pass instead of writing `{a: , b: 1 {x: 1}}`.
  const last = collection.items[collection.items.length - 1];
  const emptyValueAt = isPair(last) && isScalar(last.value) && last.value.value === null ? doc.offsets(last.value as Node)[0] : -1;
  const at = Math.max(trimEndOffset(src.text, bracket), emptyValueAt);
  const separator = collection.items.length === 0 || src.text[at - 1] === ',' ? '' : ', ';
  return insertAt(src.positionAt(at), separator + text);
}

function trimEndOffset(text: string, close: number): number {
  let i = close;
  while (i > 0 && /\s/.test(text[i - 1])) i--;
  return i;
}

/**
 * Replaces a pair, key and value, by `key: value` written in flow style where the old pair stood: one
 * edit where removing the map's only key and inserting another would each assume the other's text.
 */
export function yamlReplacePair(doc: YamlDocument, map: Node, pair: Pair, key: string, value: YamlValue): TextEdit | undefined {
  if (!isKeyedMap(map) || !map.items.includes(pair as never) || sameKeyPairs(map, pair)?.length !== 1) return undefined;
  const json = isJsonStyle(map.flow ? map : doc.contents);
  const start = doc.offsets(pair.key as Node)[0];
  // A block value's range runs to the start of the next line: the line break stays.
  const end = trimEndOffset(doc.src.text, doc.offsets((pair.value ?? pair.key) as Node)[1]);
  return replace(doc.src.rangeOf(start, end), `${json ? JSON.stringify(key) : key}: ${renderFlow(value, json)}`);
}

/**
 * Removes a pair: whole lines in block style (comments on those lines go with it), the pair and its
 * separator in flow style. A pair that opens a sequence item (`- key: v`) hands the dash to the next key.
 */
export function yamlRemovePair(doc: YamlDocument, map: Node, pair: Pair): TextEdit | undefined {
  if (!isKeyedMap(map)) return undefined;
  const items = map.items as Pair[];
  const index = items.indexOf(pair);
  if (index < 0) return undefined;
  const pairs = sameKeyPairs(map, pair);
  if (pairs?.length !== 1) return pairs && removeRepeatedPairs(doc, map, pairs);
  return removeOnePair(doc, map, index);
}

/**
 * Removes `copy`, a pair of `map` whose key `kept` (another pair of it) repeats: for a copy that says
 * what the one read says (yamlRemovePair removes every copy of a repeated key). Only the pairs the
 * edit is placed by are checked (isKeyedMap looks at every pair: a fix-all over a map with 100,000
 * copies would look at it once per copy).
 */
export function yamlRemoveCopy(doc: YamlDocument, map: Node, copy: Pair<Scalar, unknown>, kept: Pair<Scalar, unknown>): TextEdit | undefined {
  if (!isMap(map) || copy === kept || String(copy.key.value) !== String(kept.key.value) || !map.items.includes(kept as never)) return undefined;
  const index = map.items.indexOf(copy as never);
  if (index < 0 || !map.items.slice(Math.max(index - 1, 0), index + 2).every(isKeyedPair)) return undefined;
  return removeOnePair(doc, map as YAMLMap<Scalar, unknown>, index);
}

/** Removes the pair at `index` of a map (see yamlRemovePair). */
function removeOnePair(doc: YamlDocument, map: YAMLMap<Scalar, unknown>, index: number): TextEdit | undefined {
  const src = doc.src;
  const items = map.items as Pair[];
  const pair = items[index];
  const [keyStart] = doc.offsets(pair.key as Node);
  const valueEnd = pair.value ? doc.offsets(pair.value as Node)[1] : doc.offsets(pair.key as Node)[1];
  if (map.flow) {
    if (items.length === 1) return remove(src.rangeOf(keyStart, valueEnd));
    if (index < items.length - 1) {
      const nextStart = doc.offsets(items[index + 1].key as Node)[0];
      return remove(src.rangeOf(keyStart, nextStart));
    }
    const prevEnd = doc.offsets((items[index - 1].value ?? items[index - 1].key) as Node)[1];
    return remove(src.rangeOf(prevEnd, valueEnd));
  }
  const keyPos = src.positionAt(keyStart);
  const linePrefix = src.lineText(keyPos.line).slice(0, keyPos.character);
  const endLine = pair.value ? lastLine(doc, pair.value as Node) : keyPos.line;
  if (linePrefix.trim() === '' && (items.length > 1 || !mustStayMap(doc, map))) return removeLines(src, keyPos.line, endLine);
  // `- key: v` (or `key: {` on the same line as its parent): keep the prefix, pull the next key up.
  if (index < items.length - 1) {
    const nextStart = doc.offsets(items[index + 1].key as Node)[0];
    return remove(src.rangeOf(keyStart, nextStart));
  }
  // The line break goes too (and comes back), so an insertion on the next line touches this edit and
  // waits for the next pass: it would otherwise follow a `{}` that no longer holds the map's pairs.
  const lineEnd = src.offsetAt({ line: endLine, character: src.lineText(endLine).length });
  const last = endLine + 1 >= src.lineCount;
  return replace(
    src.rangeOf(keyStart, last ? lineEnd : src.offsetAt({ line: endLine + 1, character: 0 })),
    last ? '{}' : '{}' + src.text.slice(lineEnd, src.offsetAt({ line: endLine + 1, character: 0 })),
  );
}

/**
 * Removes every pair of a repeated key, as one edit: each on lines of its own in a block map (else the
 * fix is refused), and not all of a map that must stay one.
 */
function removeRepeatedPairs(doc: YamlDocument, map: YAMLMap<Scalar, unknown>, pairs: Pair[]): TextEdit | undefined {
  const src = doc.src;
  if (map.flow || (pairs.length === map.items.length && mustStayMap(doc, map))) return undefined;
  return joinBuilt(
    src,
    pairs.map((pair) => {
      const keyPos = src.positionAt(doc.offsets(pair.key as Node)[0]);
      const ownLines = src.lineText(keyPos.line).slice(0, keyPos.character).trim() === '';
      return ownLines ? removeLines(src, keyPos.line, pair.value ? lastLine(doc, pair.value as Node) : keyPos.line) : undefined;
    }),
  );
}

/**
 * Whether an emptied map must stay a map (`{}`) rather than become null: a merge source (`<<: *x` on a
 * null is an error) or a Compose service (`services.web` must be a mapping). Elsewhere null reads as unset.
 */
function mustStayMap(doc: YamlDocument, map: Node): boolean {
  if (isMap(map) && map.anchor) return true;
  return doc.entries(doc.get(doc.contents, 'services')).some((e) => doc.deref(e.pair.value) === map);
}

/** Removes one item of a sequence (block: its lines; flow: the item and a separator). */
export function yamlRemoveItem(doc: YamlDocument, seq: Node, item: Node): TextEdit | undefined {
  if (!isSeq(seq)) return undefined;
  const items = seq.items as Node[];
  const index = items.indexOf(item);
  if (index < 0) return undefined;
  if (!seq.flow) return removeItemLines(doc, item);
  const src = doc.src;
  const [s, e] = doc.offsets(item);
  if (items.length === 1) return remove(src.rangeOf(s, e));
  if (index < items.length - 1) return remove(src.rangeOf(s, doc.offsets(items[index + 1])[0]));
  return remove(src.rangeOf(doc.offsets(items[index - 1])[1], e));
}

/** The lines of a block sequence item, when they are its own. */
function removeItemLines(doc: YamlDocument, item: Node): TextEdit | undefined {
  return ownsItsLine(doc, item) ? removeLines(doc.src, doc.rangeOf(item).start.line, lastLine(doc, item)) : undefined;
}

/**
 * Removes items of one sequence as one edit, whatever their number: a flow list is rewritten (removals
 * would share separators), a block list loses the items' lines and keeps the text between them. One
 * edit, not one per item: a rule reports each removed item with this same fix.
 */
export function yamlRemoveItems(doc: YamlDocument, seq: Node, remove: Node[]): TextEdit | undefined {
  if (!isSeq(seq) || remove.length === 0) return undefined;
  const removed = new Set(remove);
  const items = seq.items as Node[];
  if (items.filter((i) => removed.has(i)).length !== removed.size) return undefined;
  if (seq.flow) {
    const kept = items.filter((i) => !removed.has(i)).map((i) => doc.src.textOf(doc.rangeOf(i)));
    return replace(doc.rangeOf(seq), `[${kept.join(', ')}]`);
  }
  return joinBuilt(
    doc.src,
    items.filter((i) => removed.has(i)).map((item) => removeItemLines(doc, item)),
  );
}

/** Edits as one (see joinEdits), or undefined when a builder refused one of them. */
function joinBuilt(src: SourceFile, edits: Array<TextEdit | undefined>): TextEdit | undefined {
  return edits.every((e): e is TextEdit => e !== undefined) ? joinEdits(src, edits) : undefined;
}

/** Edits in document order, non-overlapping, as one edit that keeps the text between them. */
function joinEdits(src: SourceFile, edits: TextEdit[]): TextEdit {
  if (edits.length === 1) return edits[0];
  const start = src.offsetAt(edits[0].range.start);
  let text = '';
  let at = start;
  for (const e of edits) {
    text += src.text.slice(at, src.offsetAt(e.range.start)) + e.newText;
    at = src.offsetAt(e.range.end);
  }
  return replace(src.rangeOf(start, at), text);
}

/** Adds an item to a sequence of scalars in its own style: `, "X"` before `]`, or a `- X` line above the first item. */
export function yamlPrependOrAppendItem(doc: YamlDocument, seq: Node, value: string | number | boolean): TextEdit | undefined {
  if (!isScalarSeq(seq)) return undefined;
  const src = doc.src;
  const rendered = isJsonStyle(seq) ? JSON.stringify(value) : renderScalar(value);
  if (seq.flow) return insertIntoFlow(doc, seq, ']', rendered);
  const first = seq.items[0];
  if (!first || !ownsItsLine(doc, first)) return undefined;
  const start = doc.rangeOf(first).start;
  const prefix = src.lineText(start.line).slice(0, start.character);
  return insertAt({ line: start.line, character: 0 }, `${prefix}${rendered}${src.eol}`);
}

/** Adds an item after the last one of a sequence of scalars, in its own style: `, "X"` before `]`, or a `- X` line below the last item. */
export function yamlAppendItem(doc: YamlDocument, seq: Node, value: string | number | boolean): TextEdit | undefined {
  if (!isScalarSeq(seq)) return undefined;
  const rendered = isJsonStyle(seq) ? JSON.stringify(value) : renderListItem(value, seq.flow === true);
  if (seq.flow) return insertIntoFlow(doc, seq, ']', rendered);
  const last = seq.items[seq.items.length - 1];
  if (!last || !ownsItsLine(doc, last)) return undefined;
  const start = doc.rangeOf(last).start;
  return insertLinesBefore(doc.src, lastLine(doc, last) + 1, [doc.src.lineText(start.line).slice(0, start.character) + rendered]);
}

/**
 * Edits removing `entries` from the list held by `pair` in `map`: the whole key goes when nothing would
 * be left (an empty list reads as a mistake), else the items in the list's own style. One edit for all
 * of them: removals in a flow list share separators. With `keepKey` (a list other places may name, such
 * as a Compose anchor) the list is emptied instead of unkeyed.
 */
export function removeListEntries(doc: YamlDocument, map: Node, pair: Pair, entries: Node[], { keepKey = false } = {}): Array<TextEdit | undefined> {
  const list = doc.deref(pair.value);
  const removed = new Set(entries);
  const all = !list || doc.items(list).every((i) => removed.has(i));
  if (!list || (all && !keepKey)) return [yamlRemovePair(doc, map, pair)];
  return [all ? replace(doc.rangeOf(list), '[]') : yamlRemoveItems(doc, list, entries)];
}
