// A fix on a chart template's rendering whose change lies in what a values lookup printed
// (`{{- toYaml .Values.securityContext | nindent 12 }}`, `{{ .Values.hostNetwork }}`), written as an edit
// of the values file that sets that value instead. The fix's edits are applied to the rendering, the
// printed value before and after is compared, and the difference (a key set, added or removed) is
// written into the values file with the YAML edit builders, so its comments and layout stay. Refused
// (undefined: the fix is then display-only) unless the printed value is exactly the values' value and
// nothing else in the rendering changed.
import type { Document } from 'yaml';
import type { FileEdit, TextEdit } from '../model';
import { SourceFile } from '../source';
import { isMap, isScalar, isSeq, parseYamlStream, splitDocuments, type Node, type YamlDocument } from '../parse/yaml';
import { maskTemplates } from '../parse/templates';
import { isTooDeep, parseYamlDocument } from '../parse/yamlDocument';
import { keyPathIn, type ChartValues, type ValuesFile } from '../parse/helmRender';
import { checkEdits } from '../edits/fixes';
import { applyEdits } from '../edits/text';
import { insertPairs, yamlAppendItem, yamlPrependOrAppendItem, yamlRemovePair, yamlSet, type YamlValue } from '../edits/yaml';

/** Where an action printed a whole values value in the rendering: offsets of its text, blanks trimmed. */
export interface ValueBlock {
  start: number;
  end: number;
  path: readonly string[];
}

/** The chart's values and the files they were read from, in order (later wins). */
export interface ValuesSource extends ChartValues {
  files: readonly ValuesFile[];
}

/** A change to the values tree, at a key path. */
type ValuesChange =
  | { op: 'set'; path: string[]; value: YamlValue }
  | { op: 'remove'; path: string[] }
  | { op: 'add'; path: string[]; entries: Record<string, YamlValue> }
  | { op: 'addItem'; path: string[]; item: string | number | boolean; first: boolean };

const keyOf = (path: readonly string[]) => path.join('\u0000');

/** The edits to values files that make `edits` (on the rendering) true, or undefined when there are none that are safe. */
export function valuesFileEdits(rendered: string, block: ValueBlock, edits: TextEdit[], values: ValuesSource): FileEdit[] | undefined {
  const fixed = applyEdits(rendered, edits);
  const before = splitDocuments(rendered);
  const after = splitDocuments(fixed);
  const index = before.findIndex((d) => d.offset <= block.start && block.end <= d.offset + d.text.length);
  // Every other document must be untouched.
  if (index < 0 || before.length !== after.length || before.some((d, i) => i !== index && d.text !== after[i].text)) return undefined;
  const oldDoc = parsed(before[index].text);
  const newDoc = parsed(after[index].text);
  if (!oldDoc || !newDoc) return undefined;
  const path = pathToNode(before[index].text, oldDoc.contents, block.start - before[index].offset, block.end - before[index].offset);
  if (!path) return undefined;
  const oldJs = oldDoc.toJS({ maxAliasCount: 100 }) as unknown;
  const newJs = newDoc.toJS({ maxAliasCount: 100 }) as unknown;
  const was = valueAt(oldJs, path);
  const now = valueAt(newJs, path);
  if (!sameValue(was, valueAt(values.values, block.path)) || sameValue(was, now)) return undefined;
  if (!sameValue(withValue(oldJs, path, now), newJs)) return undefined;
  const changes: ValuesChange[] = [];
  if (!diff(was, now, [...block.path], changes)) return undefined;
  return writeChanges(changes, values);
}

function parsed(text: string): Document.Parsed | undefined {
  const doc = parseYamlDocument(maskTemplates(text), { uniqueKeys: false });
  return isTooDeep(doc) || doc.errors.length ? undefined : doc;
}

/**
 * The key path (keys and item indexes) of the node whose text is exactly [start, end) of a document.
 * A block collection's range runs on over the line break after it, so its end is compared trimmed.
 */
function pathToNode(text: string, root: unknown, start: number, end: number): Array<string | number> | undefined {
  const path: Array<string | number> = [];
  const holds = (n: unknown): n is Node => !!(n as Node | null)?.range && (n as Node).range![0] <= start && end <= (n as Node).range![1];
  let node: Node | undefined = holds(root) ? root : undefined;
  while (node) {
    const [s, e] = node.range!;
    if (s === start && text.slice(s, e).trimEnd().length === end - s) return path;
    let next: Node | undefined;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && holds(p.value));
      if (pair) {
        path.push(String((pair.key as { value: unknown }).value));
        next = pair.value as Node;
      }
    } else if (isSeq(node)) {
      const i = node.items.findIndex(holds);
      if (i >= 0) {
        path.push(i);
        next = node.items[i] as Node;
      }
    }
    node = next;
  }
  return undefined;
}

function valueAt(root: unknown, path: ReadonlyArray<string | number>): unknown {
  let v = root;
  for (const key of path) {
    if (typeof v !== 'object' || v === null || !Object.hasOwn(v, key)) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/** `root` with the value at `path` replaced (a copy along the path only). */
function withValue(root: unknown, path: ReadonlyArray<string | number>, value: unknown): unknown {
  if (path.length === 0) return value;
  const [key, ...rest] = path;
  const copy = (Array.isArray(root) ? [...root] : { ...(root as Record<string, unknown>) }) as Record<string | number, unknown>;
  copy[key] = withValue(copy[key], rest, value);
  return copy;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalarValue = (v: unknown): v is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof v);

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && sameValue(a[k], b[k]));
  }
  return false;
}

/** A value a fix may write: no nulls, no lists of maps. */
function isWritable(v: unknown): v is YamlValue {
  if (isScalarValue(v)) return true;
  if (Array.isArray(v)) return v.every(isScalarValue);
  return isObject(v) && Object.values(v).every(isWritable);
}

/** The changes turning `was` into `now` at `path`; false when one cannot be written. */
function diff(was: unknown, now: unknown, path: string[], changes: ValuesChange[]): boolean {
  if (sameValue(was, now)) return true;
  if (isObject(was) && isObject(now)) {
    const added: Record<string, YamlValue> = {};
    for (const key of Object.keys(now)) {
      if (Object.hasOwn(was, key)) {
        if (!diff(was[key], now[key], [...path, key], changes)) return false;
      } else if (isWritable(now[key])) added[key] = now[key];
      else return false;
    }
    for (const key of Object.keys(was)) if (!Object.hasOwn(now, key)) changes.push({ op: 'remove', path: [...path, key] });
    if (Object.keys(added).length) changes.push({ op: 'add', path, entries: added });
    return true;
  }
  if (Array.isArray(was) && Array.isArray(now)) {
    // One scalar added first or last (`ALL` into a `drop` list); any other list change is not written.
    const first = sameValue(was, now.slice(1));
    const item = first ? now[0] : now[now.length - 1];
    if (now.length !== was.length + 1 || !isScalarValue(item) || !(first || sameValue(was, now.slice(0, -1)))) return false;
    changes.push({ op: 'addItem', path, item, first });
    return true;
  }
  if (!isWritable(now)) return false;
  changes.push({ op: 'set', path, value: now });
  return true;
}

/** The changes as edits of the values files that set the keys they touch. */
function writeChanges(changes: ValuesChange[], values: ValuesSource): FileEdit[] | undefined {
  const docs = new Map<string, YamlDocument | undefined>();
  const docOf = (path: string): YamlDocument | undefined => {
    if (!docs.has(path)) {
      const file = values.files.find((f) => f.path === path);
      const stream = file && parseYamlStream(new SourceFile(`${path}#values-fix`, file.text));
      docs.set(path, stream && stream.documents.length === 1 && stream.errors.length === 0 ? stream.documents[0] : undefined);
    }
    return docs.get(path);
  };
  const byFile = new Map<string, TextEdit[]>();
  for (const change of changes) {
    // The file whose value wins decides: a key is set, removed or added there (a parent chart's file under the subchart's key).
    const file = values.files.find((f) => f.path === values.origins.get(keyOf(change.path))?.path);
    const doc = file && docOf(file.path);
    if (!file || !doc) return undefined;
    // A key removed from one file would let another file's value show: only a key one file sets is removed.
    const setElsewhere = (f: ValuesFile) => f !== file && docOf(f.path) && nodeAt(docOf(f.path)!, keyPathIn(f, change.path)) !== undefined;
    if (change.op === 'remove' && values.files.some(setElsewhere)) return undefined;
    const edit = changeEdit(doc, { ...change, path: keyPathIn(file, change.path) });
    if (!edit) return undefined;
    byFile.set(file.path, [...(byFile.get(file.path) ?? []), edit]);
  }
  try {
    return [...byFile].map(([path, edits]) => ({ path, create: false, edits: checkEdits(docOf(path)!.src, edits) }));
  } catch {
    return undefined; // two changes overlap in one file: not written
  }
}

/** The node at a key path (map keys, list indexes), aliases followed. */
function nodeAt(doc: YamlDocument, path: readonly string[]): Node | undefined {
  let node = doc.deref(doc.contents);
  for (const key of path) {
    if (isMap(node)) node = doc.get(node, key);
    else if (isSeq(node) && /^\d+$/.test(key)) node = doc.items(node)[Number(key)];
    else return undefined;
    if (!node) return undefined;
  }
  return node;
}

function changeEdit(doc: YamlDocument, change: ValuesChange): TextEdit | undefined {
  const parentPath = change.path.slice(0, -1);
  const last = change.path[change.path.length - 1];
  const parent = nodeAt(doc, parentPath);
  switch (change.op) {
    case 'set':
      return isMap(parent) ? yamlSet(doc, parent, [last], change.value) : undefined;
    case 'remove': {
      const found = doc.lookup(parent, last);
      return found && found.map === parent ? yamlRemovePair(doc, parent, found.pair) : undefined;
    }
    case 'add': {
      const map = nodeAt(doc, change.path);
      if (isMap(map)) return insertPairs(doc, map, change.entries);
      // `securityContext:` left empty: filled with the new keys.
      return isMap(parent) && (!map || (isScalar(map) && map.value === null)) ? yamlSet(doc, parent, [last], change.entries) : undefined;
    }
    case 'addItem': {
      const seq = nodeAt(doc, change.path);
      return seq ? (change.first ? yamlPrependOrAppendItem : yamlAppendItem)(doc, seq, change.item) : undefined;
    }
  }
}
