// Keys written more than once in one YAML map. The parser keeps every copy (uniqueKeys: false) so that a
// hostile file is still analyzed, and `YamlDocument.pair` reads one of them; this finds the others, which
// a reader of the file may take for the value that applies.
import type { Node, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { YamlDocument } from './yaml';
import { MAP_TYPE, NODE_TYPE, SCALAR_TYPE, SEQ_TYPE, type Typed } from './blockYamlReader';

type KeyedPair = Pair<Scalar, Node | null>;

/** A key written more than once in one map: its copies in source order, and the one the engine reads. */
interface RepeatedKey {
  key: string;
  map: YAMLMap<unknown, unknown>;
  copies: KeyedPair[];
  read: KeyedPair;
}

/**
 * Every repeated key of a document, maps in document order, aliases not followed (a map reached through
 * an alias is reported where its anchor writes it). Merge keys (`<<`) are left out: every copy of one is
 * read, each merging its maps. One walk on an explicit stack, one pass per map: linear in the document.
 */
export function* repeatedKeys(doc: YamlDocument): Generator<RepeatedKey> {
  if (withoutRepeats.has(doc.doc)) return;
  let found = false;
  const pending: Array<YAMLMap<unknown, unknown> | YAMLSeq<unknown>> = [];
  pushCollection(pending, doc.contents);
  while (pending.length > 0) {
    const node = pending.pop()!;
    if ((node as Typed)[NODE_TYPE] === MAP_TYPE) {
      const map = node as YAMLMap<unknown, unknown>;
      const repeats = repeatsIn(doc, map);
      if (repeats.length) {
        found = true;
        yield* repeats;
      }
      for (let i = map.items.length - 1; i >= 0; i--) pushCollection(pending, map.items[i].value);
    } else {
      for (let i = node.items.length - 1; i >= 0; i--) pushCollection(pending, node.items[i]);
    }
  }
  if (!found) withoutRepeats.add(doc.doc);
}

/**
 * Only maps and sequences are walked: the scalars most values are have no keys, and are not pushed to be
 * dropped. Node types are read in place (see NODE_TYPE), not asked of `isMap` and `isSeq`: the walk meets
 * every node of the file (300,000 in a 2 MB Compose file of merged services), mostly before it is optimized.
 */
function pushCollection(pending: Array<YAMLMap<unknown, unknown> | YAMLSeq<unknown>>, node: unknown): void {
  if (node === null || typeof node !== 'object') return;
  const type = (node as Typed)[NODE_TYPE];
  if (type === MAP_TYPE || type === SEQ_TYPE) pending.push(node as YAMLMap<unknown, unknown> | YAMLSeq<unknown>);
}

/**
 * Parsed documents walked to the end without a repeated key. A parse outlives its analysis (an unchanged
 * document of an edited stream, copies of one text): most have none, and are not walked again.
 */
const withoutRepeats = new WeakSet<object>();

/** Maps up to this size are searched pairwise: no table to allocate for the small maps files are made of (a Compose service has a dozen keys or so). */
const PAIRWISE = 16;

/** repeatsIn's answer for the maps without a repeated key (nearly all): one array, not one per map. */
const NO_REPEATS: readonly RepeatedKey[] = Object.freeze([]);

function repeatsIn(doc: YamlDocument, map: YAMLMap<unknown, unknown>): readonly RepeatedKey[] {
  const { items } = map;
  if (items.length < 2 || (items.length <= PAIRWISE && !hasRepeat(items))) return NO_REPEATS;
  // Each key's first copy by index; lists only for the keys written again.
  const first = new Map<string, number>();
  const repeated = new Map<string, KeyedPair[]>();
  for (let i = 0; i < items.length; i++) {
    const key = keyOf(items[i]);
    if (key === undefined) continue;
    const at = first.get(key);
    if (at === undefined) first.set(key, i);
    else {
      const copies = repeated.get(key);
      if (copies) copies.push(items[i] as KeyedPair);
      else repeated.set(key, [items[at] as KeyedPair, items[i] as KeyedPair]);
    }
  }
  const out: RepeatedKey[] = [];
  // The copy `YamlDocument.pair` returns (ownPair in yaml.ts): the last, or the first in a file with templates.
  for (const [key, copies] of repeated) out.push({ key, map, copies, read: doc.src.hasTemplates ? copies[0] : copies[copies.length - 1] });
  return out;
}

/** A pair's key as text, when it is a scalar other than the merge key. */
function keyOf(item: Pair<unknown, unknown>): string | undefined {
  const node = item.key;
  if (node === null || typeof node !== 'object' || (node as Typed)[NODE_TYPE] !== SCALAR_TYPE) return undefined;
  const key = String((node as Scalar).value);
  return key === '<<' ? undefined : key;
}

/** The keys of the map hasRepeat reads, reused: it runs on every small map of every document, and nearly all have no repeat. */
const smallMapKeys: Array<string | undefined> = [];

function hasRepeat(items: ReadonlyArray<Pair<unknown, unknown>>): boolean {
  for (let i = 0; i < items.length; i++) {
    const key = keyOf(items[i]);
    if (key !== undefined) for (let j = 0; j < i; j++) if (smallMapKeys[j] === key) return true;
    smallMapKeys[i] = key;
  }
  return false;
}
