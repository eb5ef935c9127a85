// Keys written more than once in one YAML map. The parser keeps every copy (uniqueKeys: false) so that a
// hostile file is still analyzed, and `YamlDocument.pair` reads one of them; this finds the others, which
// a reader of the file may take for the value that applies.
import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { YamlDocument } from './yaml';

export type KeyedPair = Pair<Scalar, Node | null>;

/** A key written more than once in one map: its copies in source order, and the one the engine reads. */
export interface RepeatedKey {
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
  const pending: unknown[] = [doc.contents];
  while (pending.length > 0) {
    const node = pending.pop();
    if (isMap(node)) {
      yield* repeatsIn(doc, node);
      for (let i = node.items.length - 1; i >= 0; i--) pending.push(node.items[i].value);
    } else if (isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) pending.push(node.items[i]);
    }
  }
}

function repeatsIn(doc: YamlDocument, map: YAMLMap<unknown, unknown>): RepeatedKey[] {
  if (map.items.length < 2) return [];
  const byKey = new Map<string, KeyedPair[]>();
  for (const item of map.items) {
    if (!isScalar(item.key)) continue;
    const key = String(item.key.value);
    if (key === '<<') continue;
    const copies = byKey.get(key);
    if (copies) copies.push(item as KeyedPair);
    else byKey.set(key, [item as KeyedPair]);
  }
  const out: RepeatedKey[] = [];
  for (const [key, copies] of byKey) {
    // The copy `YamlDocument.pair` returns (ownPair in yaml.ts): the last, or the first in a file with templates.
    if (copies.length > 1) out.push({ key, map, copies, read: doc.src.hasTemplates ? copies[0] : copies[copies.length - 1] });
  }
  return out;
}
