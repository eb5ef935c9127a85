// Compose edit builders: service-level edits shared by the Compose rules.
import { insertPair, removeListEntries, renderScalar, yamlPrependOrAppendItem, yamlRemovePair, yamlSet } from './yaml';
import { replace } from './text';
import type { ServiceSetting, VolumeMount } from '../parse/compose';
import { isMap, isScalar, isSeq, type Node, type YamlDocument } from '../parse/yaml';
import { normalizeCapability } from '../policy/capabilities';
import type { TextEdit } from '../model';

/** Whether removing `entries` removes the setting's key: all of them go and the list is not an alias. */
export function removesWholeKey(setting: ServiceSetting, entries: Node[]): boolean {
  return !setting.aliased && entries.length === setting.doc.items(setting.pair.value).length;
}

/**
 * Removes entries of a service's list setting, or the whole key when none would remain. An aliased
 * list (`cap_add: *caps`) is edited at its anchor, and emptied rather than unkeyed, since other
 * services may name it too.
 */
export function removeServiceListEntries(setting: ServiceSetting, entries: Node[]): Array<TextEdit | undefined> {
  return removeListEntries(setting.doc, setting.map, setting.pair, entries, { keepKey: setting.aliased });
}

/** Whether a `cap_drop:` value lists ALL. */
export function listsAllCapabilities(doc: YamlDocument, capDrop: Node | undefined): boolean {
  return doc.items(capDrop).some((i) => isScalar(i) && normalizeCapability(String(i.value)) === 'ALL');
}

/** Whether the service (or the anchor it merges) already has `cap_drop: [ALL]`. */
function dropsAllCapabilities(doc: YamlDocument, service: Node): boolean {
  return listsAllCapabilities(doc, doc.get(service, 'cap_drop'));
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
    const after = removedKey
      ? doc
          .entries(map)
          .map((e) => e.key)
          .filter((k) => k !== removedKey)
      : [];
    return insertPair(doc, map, 'cap_drop', ['ALL'], after);
  }
  const drop = doc.deref(pair.value);
  return isSeq(drop) ? yamlPrependOrAppendItem(doc, drop, 'ALL') : undefined;
}

/** Replaces a scalar's text with `value`, keeping how it was written: plain, single- or double-quoted. */
export function rewriteScalar(doc: YamlDocument, node: Node, value: string): TextEdit {
  const type = isScalar(node) ? node.type : undefined;
  const rendered = type === 'QUOTE_DOUBLE' ? JSON.stringify(value) : type === 'QUOTE_SINGLE' ? `'${value.replace(/'/g, "''")}'` : value;
  return replace(doc.rangeOf(node), rendered);
}

/** A short-syntax mount spec with its mode options replaced: `src:dst` when none remain. */
function withOptions(mount: VolumeMount, options: string[]): string {
  return [mount.source, mount.target, ...(options.length ? [options.join(',')] : [])].join(':');
}

/** Makes a bind mount read-only: `:rw` becomes `:ro`, or `ro` joins the options; long syntax gets `read_only: true`. */
export function makeMountReadOnly(doc: YamlDocument, mount: VolumeMount): TextEdit | undefined {
  if (isMap(mount.item)) return yamlSet(doc, mount.item, ['read_only'], true, ['target']);
  const options = mount.options.includes('rw') ? mount.options.map((o) => (o === 'rw' ? 'ro' : o)) : ['ro', ...mount.options];
  return rewriteScalar(doc, mount.item, withOptions(mount, options));
}

/** Removes the bind propagation of a mount: the short-syntax option, or `bind.propagation` (the whole `bind:` when nothing else is in it). */
export function removeMountPropagation(doc: YamlDocument, mount: VolumeMount): TextEdit | undefined {
  if (!isMap(mount.item))
    return rewriteScalar(
      doc,
      mount.item,
      withOptions(
        mount,
        mount.options.filter((o) => o !== mount.propagation),
      ),
    );
  const bindPair = doc.pair(mount.item, 'bind');
  const bind = doc.deref(bindPair?.value);
  const pair = doc.pair(bind, 'propagation');
  if (!bindPair || !bind || !isMap(bind) || !pair || !bind.items.includes(pair as never)) return undefined;
  return bind.items.length === 1 ? yamlRemovePair(doc, mount.item, bindPair) : yamlRemovePair(doc, bind, pair);
}

/** A resource limit written as a service key (`mem_limit: 512m`) or under `deploy.resources.limits`. */
export interface LimitDefault {
  key: string;
  value: string | number;
  deployKey: string;
  deployValue: string | number;
}

/**
 * Adds a limit to a service as its author would: under `deploy.resources.limits` when the service
 * already has its own `deploy:` map (Swarm-style files keep limits there), else as a service key.
 * Returns the setting written, for the fix title, and the edit's builder (its edit is undefined when the
 * map is not one it can edit): the title is shown with every finding, the edit built only when used.
 */
export function insertLimit(doc: YamlDocument, service: Node, limit: LimitDefault): { edit: () => TextEdit | undefined; written: string } {
  const deployPair = doc.pair(service, 'deploy');
  const deploy = deployPair && isMap(service) && service.items.includes(deployPair as never) ? deployPair.value : undefined;
  if (deploy && isMap(deploy)) {
    return { edit: () => yamlSet(doc, deploy, ['resources', 'limits', limit.deployKey], limit.deployValue), written: `deploy.resources.limits.${limit.deployKey}: ${renderScalar(limit.deployValue)}` };
  }
  return { edit: () => insertPair(doc, service, limit.key, limit.value), written: `${limit.key}: ${renderScalar(limit.value)}` };
}
