// Service-level edits shared by the Compose rules.
import { insertPair, replace, yamlPrependOrAppendItem, yamlRemoveItems, yamlRemovePair } from '../../fixer';
import type { ServiceSetting } from '../../parse/compose';
import { isMap, isScalar, isSeq, type Node, type YamlDocument } from '../../parse/yaml';
import { normalizeCapability } from '../../policy/capabilities';
import type { TextEdit } from '../../model';

/** Whether removing `entries` removes the setting's key: all of them go and the list is not an alias. */
export function removesWholeKey(setting: ServiceSetting, entries: Node[]): boolean {
  return !setting.aliased && entries.length === setting.doc.items(setting.pair.value).length;
}

/**
 * Removes entries of a service's list setting, or the whole key when none would remain. One edit set
 * for all of them: removals in a flow list share separators. An aliased list (`cap_add: *caps`) is
 * edited at its anchor, and emptied rather than unkeyed, since other services may name it too.
 */
export function removeListEntries(setting: ServiceSetting, entries: Node[]): TextEdit[] {
  const { doc, pair, map } = setting;
  if (removesWholeKey(setting, entries)) return [yamlRemovePair(doc, map, pair)];
  const list = doc.deref(pair.value) as Node;
  return entries.length < doc.items(list).length ? yamlRemoveItems(doc, list, entries) : [replace(doc.rangeOf(list), '[]')];
}

/** Whether the service (or the anchor it merges) already has `cap_drop: [ALL]`. */
export function dropsAllCapabilities(doc: YamlDocument, service: Node): boolean {
  return doc.items(doc.get(service, 'cap_drop')).some((i) => isScalar(i) && normalizeCapability(String(i.value)) === 'ALL');
}

/**
 * Makes `map` drop every capability: `ALL` joins its own cap_drop list, or a `cap_drop: [ALL]` of its
 * own overrides one inherited through `<<:` (editing the anchor would change every service sharing it).
 * A new pair is not placed after `removedKey`, a key the same fix deletes (the two edits would meet).
 * Undefined when ALL is already dropped or cap_drop is not a list.
 */
export function dropAllCapabilities(doc: YamlDocument, map: Node, removedKey?: string): TextEdit | undefined {
  if (dropsAllCapabilities(doc, map)) return undefined;
  const pair = doc.pair(map, 'cap_drop');
  const own = pair !== undefined && isMap(map) && map.items.includes(pair as never);
  if (!own) {
    const after = removedKey ? doc.entries(map).map((e) => e.key).filter((k) => k !== removedKey) : [];
    return insertPair(doc, map, 'cap_drop', ['ALL'], after);
  }
  const drop = doc.deref(pair.value);
  return isSeq(drop) ? yamlPrependOrAppendItem(doc, drop, 'ALL') : undefined;
}
