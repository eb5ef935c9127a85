// Compose model: the services of a Compose file, each with its node handles.
import type { FoundPair, Node, Pair, Scalar, YAMLMap, YamlDocument } from './yaml';
import { forEachMergeSource, isAlias, isMap, isScalar, isSeq } from './yaml';
import type { RelatedInfo } from '../model';

export interface ComposeService {
  name: string;
  /** The `name:` key under `services:`; anchor for "missing field" findings. */
  keyNode: Scalar;
  /** The service's mapping (aliases followed). */
  node: Node;
  pair: Pair<Scalar, Node | null>;
  doc: YamlDocument;
  /** Its position in `ComposeModel.services`. */
  index: number;
}

export interface ComposeModel {
  documents: YamlDocument[];
  services: ComposeService[];
  /**
   * Settings other files of the project give a service: its top-level keys written in an override file,
   * or 'all' when this file is itself an override (the base defines the rest). Such settings are unknown
   * here, never missing.
   */
  elsewhere: Map<string, Set<string> | 'all'>;
}

/** A document is a Compose file when its top level is a map holding a `services:` map. */
export function isComposeDocument(doc: YamlDocument): boolean {
  return isMap(doc.get(doc.contents, 'services')) && doc.scalar(doc.contents, 'apiVersion') === undefined;
}

export function buildComposeModel(documents: YamlDocument[]): ComposeModel {
  const services: ComposeService[] = [];
  for (const doc of documents) {
    const servicesNode = doc.get(doc.contents, 'services');
    const entries = doc.entries(servicesNode);
    // Indexed loops where every service (or port, variable) passes: most of a first analysis runs before its
    // code is optimized, where each step of a for-of allocates an iterator result.
    for (let e = 0; e < entries.length; e++) {
      const { key, pair } = entries[e];
      const node = doc.deref(pair.value);
      if (node && isMap(node)) services.push({ name: key, keyNode: pair.key, node, pair, doc, index: services.length });
    }
  }
  return { documents, services, elsewhere: new Map() };
}

/** One written occurrence of a service key, and every service that carries it (merge keys and aliases share one). */
export interface ServiceSetting {
  pair: Pair<Scalar, Node | null>;
  doc: YamlDocument;
  /** The map the pair is written in: a service, or an `x-` anchor merged into services. */
  map: Node;
  services: ComposeService[];
  /** The services that get the value from elsewhere: through `<<:`, an aliased value or an aliased service. */
  inheritedBy: ComposeService[];
  /** True when some service inherits the value rather than writing it. */
  inherited: boolean;
  /** True when the value is an alias (`cap_add: *caps`): its anchor is what edits must change. */
  aliased: boolean;
}

/**
 * Every distinct `key` setting across services: a value written once in an anchor and merged into
 * three services (or aliased by them) is one finding where it is written, not three.
 */
export function serviceSettings(model: ComposeModel, key: string): readonly ServiceSetting[] {
  // Several rules ask for the same key (`image`, `ports`): each model's answer is worked out once, and shared.
  let byKey = settingsByKey.get(model);
  if (!byKey) settingsByKey.set(model, (byKey = new Map()));
  let settings = byKey.get(key);
  if (!settings) byKey.set(key, (settings = collectSettings(model, key)));
  return settings;
}

const settingsByKey = new WeakMap<ComposeModel, Map<string, readonly ServiceSetting[]>>();

/**
 * `inheritedBy` of a setting no other service can join (neither shared nor inherited): one frozen array
 * for all, not one per service and key (72,000 in a file of 24,000 services).
 */
const NOT_INHERITED = Object.freeze([]) as unknown as ComposeService[];

function collectSettings(model: ComposeModel, key: string): ServiceSetting[] {
  const settings: ServiceSetting[] = [];
  // Only a value written in an anchored map, or an aliased one, can reach several services: only those
  // are grouped (a map keyed by every pair of a large file cost more than the rest of the lookups).
  const byWritten = new Map<Node | Pair, ServiceSetting>();
  const { found: lookups, holders } = keyLookups(model, key);
  // Services merging the same maps share one FoundPair (see lookupAll): one after the other, they join the
  // shared setting the first of them found, without working it out again (ten thousand services per key).
  let lastFound: FoundPair | undefined;
  let lastShared: ServiceSetting | undefined;
  for (let h = 0; h < holders.length; h++) {
    const i = holders[h];
    const service = model.services[i];
    const found = lookups[i]!;
    const own = found.map === service.node;
    if (found === lastFound && lastShared && !own) {
      join(lastShared, service, true);
      continue;
    }
    const { pair } = found;
    const aliased = isAlias(pair.value);
    // `environment: *common` in two services is one written value: group by the anchor it names.
    const written = (aliased ? service.doc.deref(pair.value) : undefined) ?? pair;
    const inherits = !own || aliased || isAlias(service.pair.value);
    const shared = aliased || found.map.anchor !== undefined;
    const existing = shared ? byWritten.get(written) : undefined;
    lastFound = found;
    lastShared = existing;
    if (existing) {
      join(existing, service, inherits);
      continue;
    }
    const setting: ServiceSetting = {
      pair,
      doc: service.doc,
      map: found.map as Node,
      services: [service],
      inheritedBy: inherits ? [service] : shared ? [] : NOT_INHERITED,
      inherited: inherits,
      aliased,
    };
    settings.push(setting);
    if (shared) byWritten.set(written, (lastShared = setting));
  }
  return settings;
}

/** Adds a service to a shared setting: one more service carrying it, and inheriting it unless it writes it. */
function join(setting: ServiceSetting, service: ComposeService, inherits: boolean): void {
  setting.services.push(service);
  if (!inherits) return;
  setting.inheritedBy.push(service);
  setting.inherited = true;
}

/** What `service.doc.lookup(service.node, key)` finds, for a service of the model: looked up once per model and key (see KeyLookups). */
export function serviceLookup(model: ComposeModel, service: ComposeService, key: string): FoundPair | undefined {
  return keyLookups(model, key).found[service.index];
}

/** The value of `key` as a service of the model sees it, aliases followed: `doc.get(service.node, key)`, through serviceLookup. */
export function serviceValue(model: ComposeModel, service: ComposeService, key: string): Node | undefined {
  const found = serviceLookup(model, service, key);
  return found && service.doc.deref(found.pair.value);
}

/** The services of the model that hold `key` (serviceLookup finds it), in model order. */
export function servicesHolding(model: ComposeModel, key: string): ComposeService[] {
  return keyLookups(model, key).holders.map((i) => model.services[i]);
}

/**
 * What the services of a model find for one key, worked out once per model and key through its key
 * index: rules asking each service for a key most services lack (`extends`, `build`, `env_file`) look
 * none up. Kept by position (`ComposeService.index`), not in a map keyed by service: a dozen keys of
 * thousands of services each.
 */
interface KeyLookups {
  /** By service position; undefined where the lookup finds nothing. */
  found: ReadonlyArray<FoundPair | undefined>;
  /** The positions where it finds something, ascending. */
  holders: readonly number[];
}

function keyLookups(model: ComposeModel, key: string): KeyLookups {
  let byKey = lookupsByKey.get(model);
  if (!byKey) lookupsByKey.set(model, (byKey = new Map()));
  let lookups = byKey.get(key);
  if (!lookups) byKey.set(key, (lookups = lookupAll(model, key)));
  return lookups;
}

const lookupsByKey = new WeakMap<ComposeModel, Map<string, KeyLookups>>();

/** Nothing found: shared by every key no service holds. */
const NO_LOOKUPS: KeyLookups = Object.freeze({ found: Object.freeze([]), holders: Object.freeze([]) });

function lookupAll(model: ComposeModel, key: string): KeyLookups {
  const index = keyIndexOf(model);
  const { services: writers, pairs } = index.byKey.get(key) ?? NO_WRITERS;
  // The merging services, when some merged map writes the key: only a lookup knows which of their maps hold it.
  const merging = index.mergedKeys.has(key) ? index.merging : [];
  // What a service without the key finds through its merges, by list of merge sources (see KeyIndex.sourceLists).
  const throughSources = new Map<number, FoundPair | null>();
  let lookups: { found: Array<FoundPair | undefined>; holders: number[] } | undefined;
  // Both lists ascend: merged in model order, a service in both taken once (it writes the key itself).
  for (let a = 0, b = 0; a < writers.length || b < merging.length;) {
    const writes = b >= merging.length || (a < writers.length && writers[a] <= merging[b]);
    const i = writes ? writers[a] : merging[b];
    if (a < writers.length && writers[a] === i) a++;
    if (b < merging.length && merging[b] === i) b++;
    const service = model.services[i];
    const sources = writes ? NO_LIST : index.sourceLists[i];
    let found: FoundPair | null | undefined;
    // A service writing the key finds its own pair, which the index holds: no lookup.
    if (writes) found = { pair: pairs[a - 1], map: service.node as YAMLMap<unknown, unknown> };
    else if (sources === NO_LIST) found = service.doc.lookup(service.node, key);
    else if ((found = throughSources.get(sources)) === undefined) throughSources.set(sources, (found = service.doc.lookup(service.node, key) ?? null));
    if (!found) continue;
    // Allocated at the first service holding the key, filled so that it stays a packed array.
    lookups ??= { found: new Array<FoundPair | undefined>(model.services.length).fill(undefined), holders: [] };
    lookups.found[i] = found;
    lookups.holders.push(i);
  }
  return lookups ?? NO_LOOKUPS;
}

/** Per model: which services may hold each key, so that each of the rules asking for its key visits those only. */
interface KeyIndex {
  /** Key → the services writing it in their own map, by index in `services`, ascending, and the pair each one's lookup finds. */
  byKey: Map<string, KeyWriters>;
  /** The services merging maps (`<<:`), ascending. */
  merging: number[];
  /**
   * Every key of a map merged into a service (directly or through other maps): of a key not in it, a
   * lookup through merges finds nothing. In a file whose every service merges anchors, a key no anchor
   * writes (`pid`, `user`, `devices` …) was looked up through every service's merges, for a dozen rules.
   */
  mergedKeys: ReadonlySet<string>;
  /**
   * Merging service → the id of its list of merge sources (the maps its `<<:` names, in order), for the
   * services no alias can name (their map has no anchor, so no merge reaches back to them): two of those
   * with the same list find the same pair through it, so it is looked up once per list and key, not once
   * per service (thousands of services merging the same few anchors). By service position; NO_LIST for the others.
   */
  sourceLists: Int32Array;
}

/** The services writing a key in their own map, ascending, and the pair of each (its own: aliases not followed). */
interface KeyWriters {
  services: number[];
  pairs: Array<Pair<Scalar, Node | null>>;
}

const NO_WRITERS: KeyWriters = Object.freeze({ services: Object.freeze([]) as unknown as number[], pairs: Object.freeze([]) as unknown as Array<Pair<Scalar, Node | null>> });

const keyIndexes = new WeakMap<ComposeModel, KeyIndex>();

function keyIndexOf(model: ComposeModel): KeyIndex {
  let index = keyIndexes.get(model);
  if (index) return index;
  const byKey = new Map<string, KeyWriters>();
  const merging: number[] = [];
  for (let i = 0; i < model.services.length; i++) {
    const { node, doc } = model.services[i];
    // The copy of a repeated key that `lookup` reads (see ownPair in parse/yaml.ts): the last, or the first in a template.
    const firstCopy = doc.src.hasTemplates;
    const { items } = node as YAMLMap<unknown, unknown>;
    for (let k = 0; k < items.length; k++) {
      const pair = items[k] as Pair<Scalar, Node | null>;
      if (!isScalar(pair.key)) continue;
      const name = String(pair.key.value);
      if (name === '<<') {
        if (merging[merging.length - 1] !== i) merging.push(i);
        continue;
      }
      let writers = byKey.get(name);
      if (!writers) byKey.set(name, (writers = { services: [], pairs: [] }));
      const last = writers.services.length - 1;
      if (writers.services[last] !== i) {
        writers.services.push(i);
        writers.pairs.push(pair);
      } else if (!firstCopy) writers.pairs[last] = pair;
    }
  }
  index = { byKey, merging, ...mergeIndex(model, merging) };
  keyIndexes.set(model, index);
  return index;
}

/**
 * KeyIndex.mergedKeys and sourceLists. Each merged map is read once, however many services merge it and
 * however long a chain of merges runs. A service's list is found by walking its `<<` sources through a
 * trie of the lists met so far: no list, string or cache entry is made per service (ten thousand
 * services merging the same few anchors), only per distinct list.
 */
function mergeIndex(model: ComposeModel, merging: number[]): Pick<KeyIndex, 'mergedKeys' | 'sourceLists'> {
  const mergedKeys = new Set<string>();
  const read = new Set<Node>();
  const pending: Array<{ doc: YamlDocument; map: YAMLMap<unknown, unknown> }> = [];
  const root: SourceListStep = { id: NO_LIST, next: new Map() };
  let lists = 0;
  const sourceLists = new Int32Array(model.services.length).fill(NO_LIST);
  // One step of the trie: the list so far followed by `source` when it is a map (mergeSourcesOf drops the
  // rest). A repeated source makes another list, with the same answers.
  const step = (list: SourceListStep, doc: YamlDocument, source: unknown): SourceListStep => {
    const map = doc.deref(source);
    if (!isMap(map)) return list;
    let next = list.next.get(map);
    if (!next) {
      list.next.set(map, (next = { id: NO_LIST, next: new Map() }));
      pending.push({ doc, map });
    }
    return next;
  };
  for (let m = 0; m < merging.length; m++) {
    const i = merging[m];
    const { doc, node } = model.services[i];
    let list = root;
    forEachMergeSource(node as YAMLMap<unknown, unknown>, (source) => (list = step(list, doc, source)));
    if (node.anchor !== undefined) continue;
    if (list.id === NO_LIST) list.id = lists++;
    sourceLists[i] = list.id;
  }
  while (pending.length > 0) {
    const { doc, map } = pending.pop()!;
    if (read.has(map)) continue;
    read.add(map);
    for (const pair of map.items) if (isScalar(pair.key) && String(pair.key.value) !== '<<') mergedKeys.add(String(pair.key.value));
    for (const source of doc.mergeSourcesOf(map)) pending.push({ doc, map: source });
  }
  return { mergedKeys, sourceLists };
}

/** A list of merge sources met in mergeIndex: the lists extending it by one map, and its id once a service ends its walk here. */
interface SourceListStep {
  id: number;
  next: Map<Node, SourceListStep>;
}

/** KeyIndex.sourceLists of a service looked up on its own (it writes the key, or an alias may name it). */
const NO_LIST = -1;

/** `extends: base` / `extends: {service: base}` → the base's name; `file:` marks a base in another file. */
function extendsTarget(model: ComposeModel, service: ComposeService): { name?: string; file: boolean } | undefined {
  const value = serviceValue(model, service, 'extends');
  if (value === undefined || (isScalar(value) && value.value === null)) return undefined;
  if (isScalar(value)) return { name: text(value.value), file: false };
  if (isMap(value)) return { name: text(service.doc.scalar(value, 'service')), file: service.doc.get(value, 'file') !== undefined };
  return { file: true };
}

/**
 * The service followed by the services it extends in the same document, nearest first. Undefined when
 * the chain cannot be followed here (a base in another file, a missing base, a cycle): what the service
 * inherits is then unknown, and a rule must not claim a setting is missing.
 */
export function extendsChain(model: ComposeModel, service: ComposeService, key?: string): ComposeService[] | undefined {
  const elsewhere = model.elsewhere.get(service.name);
  if (elsewhere === 'all' || (key !== undefined && elsewhere?.has(key))) return undefined;
  const chain = [service];
  for (let current = service; ;) {
    const target = extendsTarget(model, current);
    if (!target) return chain;
    if (chain.length > MAX_EXTENDS_DEPTH) return undefined;
    const base = target.file || target.name === undefined ? undefined : serviceNamed(model, current.doc, target.name);
    if (!base || chain.includes(base)) return undefined;
    chain.push(base);
    current = base;
  }
}

/**
 * Most bases an `extends` chain may have. Real files extend one or two levels; without a bound a crafted
 * chain makes every rule walking it quadratic in the file. A longer chain is unknown, like a base in
 * another file: no rule claims a setting is missing from it.
 */
export const MAX_EXTENDS_DEPTH = 32;

const serviceIndexes = new WeakMap<ComposeModel, Map<YamlDocument, Map<string, ComposeService>>>();

/** The first service called `name` in `doc` (as Compose reads duplicate keys), through an index built once per model. */
function serviceNamed(model: ComposeModel, doc: YamlDocument, name: string): ComposeService | undefined {
  let index = serviceIndexes.get(model);
  if (!index) {
    index = new Map();
    for (const s of model.services) {
      let names = index.get(s.doc);
      if (!names) index.set(s.doc, (names = new Map()));
      if (!names.has(s.name)) names.set(s.name, s);
    }
    serviceIndexes.set(model, index);
  }
  return index.get(doc)?.get(name);
}

/** A value as a service sees it, and where it is written. */
export interface ResolvedSetting {
  pair: Pair<Scalar, Node | null>;
  doc: YamlDocument;
  /** The map the pair is written in. */
  map: Node;
  /** True when the service gets it from elsewhere: a merge key, an alias, or the service it extends. */
  inherited: boolean;
}

/** Whether `path` is written in `node` itself, without passing through a merge key or an alias. */
function writtenIn(node: Node, path: string[]): boolean {
  let current: unknown = node;
  for (const key of path) {
    if (!isMap(current)) return false;
    const pair = current.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
    if (!pair || isAlias(pair.value)) return false;
    current = pair.value;
  }
  return true;
}

/**
 * The pair at `path` (`['deploy', 'resources', 'limits', 'memory']`) as the service sees it: its own
 * map and what it merges, then each service it extends (Compose merges maps key by key). 'unknown'
 * when it is not found and the service extends something this file cannot resolve.
 */
export function resolveSetting(model: ComposeModel, service: ComposeService, path: string[]): ResolvedSetting | undefined | 'unknown' {
  const chain = extendsChain(model, service, path[0]);
  for (const owner of chain ?? [service]) {
    const first = serviceLookup(model, owner, path[0]);
    const found = first && path.length > 1 ? owner.doc.lookup(owner.doc.get(first.pair.value, ...path.slice(1, -1)), path[path.length - 1]) : first;
    if (!found) continue;
    const inherited = owner !== service || isAlias(service.pair.value) || !writtenIn(service.node, path);
    return { pair: found.pair, doc: owner.doc, map: found.map as Node, inherited };
  }
  return chain ? undefined : 'unknown';
}

/** Groups the services' resolved values by where they are written: one setting per written pair, as serviceSettings does. */
export function groupResolved(entries: Array<{ service: ComposeService; setting: ResolvedSetting }>): ServiceSetting[] {
  const byPair = new Map<Pair, ServiceSetting>();
  for (const { service, setting } of entries) {
    const existing = byPair.get(setting.pair);
    const group = existing ?? { ...setting, services: [], inheritedBy: [], inherited: false, aliased: isAlias(setting.pair.value) };
    group.services.push(service);
    if (setting.inherited) group.inheritedBy.push(service);
    group.inherited = group.inheritedBy.length > 0;
    byPair.set(setting.pair, group);
  }
  return [...byPair.values()];
}

/** Whether a value is written through `${…}` interpolation: its effective value is unknown here. */
export function isInterpolated(value: unknown): boolean {
  return typeof value === 'string' && value.includes('$');
}

/** The name shown in messages and the related information naming inheriting services. */
export function describeSetting(setting: Pick<ServiceSetting, 'services' | 'inheritedBy'>): { service: string; related: RelatedInfo[] } {
  const { services } = setting;
  return {
    // Most settings belong to one service: its name, without a list of names to join.
    service: services.length === 1 ? services[0].name : services.map((s) => s.name).join('", "'),
    related: setting.inheritedBy.map(inheritedNote),
  };
}

/**
 * "Inherited by service …" at the service's name, made once per service: each rule reporting a setting
 * of a merged anchor names every service merging it (twice per service of a 2 MB file of merges).
 * Shared between findings, so never to be changed (findings' related information is only copied).
 */
function inheritedNote(service: ComposeService): RelatedInfo {
  let note = inheritedNotes.get(service);
  if (!note) inheritedNotes.set(service, (note = { range: service.doc.rangeOf(service.keyNode), message: `Inherited by service "${service.name}".` }));
  return note;
}

const inheritedNotes = new WeakMap<ComposeService, RelatedInfo>();

/**
 * Hides `${…}` interpolations behind same-length runs of `x`, so that colons inside
 * `${PORT:-8080}` do not split a short volume or port spec; positions stay valid in the original.
 */
function maskInterpolation(spec: string): string {
  // Most specs interpolate nothing: no copy, and no regex run for every port of every service.
  if (!spec.includes('${')) return spec;
  return spec.replace(/\$\{[^}]*\}/g, (m) => '$' + 'x'.repeat(m.length - 1));
}

/** Splits `spec` at the colons of its masked form; the parts are taken from the original text. */
function splitOutsideInterpolation(spec: string): string[] {
  const masked = maskInterpolation(spec);
  const parts: string[] = [];
  let start = 0;
  for (let i = masked.indexOf(':'); i >= 0; i = masked.indexOf(':', i + 1)) {
    parts.push(spec.slice(start, i));
    start = i + 1;
  }
  parts.push(spec.slice(start));
  return parts;
}

/** A scalar setting as text; undefined when absent or null. */
function text(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : String(value);
}

/** One entry of a service's `volumes:` list, in short (`src:dst:mode`) or long (`{type, source, target}`) syntax. */
export interface VolumeMount {
  /** `bind` (host path), `volume` (named or anonymous), or the long syntax's own type (`tmpfs`, `npipe`, …). */
  type: string;
  /** Host path or volume name; undefined for anonymous volumes and tmpfs. */
  source?: string;
  target?: string;
  /** Short syntax: the comma-separated mode options after the target (`ro`, `z`, `rshared`); [] otherwise. */
  options: string[];
  /** `:ro` or `read_only: true`. */
  readOnly: boolean;
  /** Bind propagation (`rshared`, …): a short-syntax option or the long syntax's `bind.propagation`. */
  propagation?: string;
  /** Where a finding about the source belongs: the whole short entry, or the long entry's `source:` value. */
  sourceNode: Node;
  /** The list entry itself. */
  item: Node;
}

/** Compose treats a source as a host path when it starts like one (compose-spec "short syntax"). */
function isPathLike(source: string): boolean {
  return /^([./~]|[A-Za-z]:[\\/]|\\\\)/.test(source);
}

const PROPAGATION = /^r?(shared|slave|private)$/;

/** `/src:/dst:ro`, `C:\data:/data`, `data:/data`, `/anonymous` → source, target, type and mode options. */
export function parseShortVolume(spec: string): Omit<VolumeMount, 'sourceNode' | 'item' | 'readOnly' | 'propagation'> {
  const drive = /^[A-Za-z]:[\\/]/.test(spec) ? spec.slice(0, 2) : '';
  // Indexed, not destructured into a rest array: every mount of every service is parsed.
  const parts = splitOutsideInterpolation(drive ? spec.slice(drive.length) : spec);
  if (parts.length === 1) return { type: 'volume', target: drive + parts[0], options: [] };
  const source = drive + parts[0];
  const options =
    parts.length > 2
      ? parts
          .slice(2)
          .join(':')
          .split(',')
          .filter((o) => o !== '')
      : [];
  return { type: isPathLike(source) ? 'bind' : 'volume', source, target: parts[1], options };
}

/** The mounts of a `volumes:` value, in order; shared between callers (four rules read every service's), so never to be changed. */
export function volumeMounts(doc: YamlDocument, volumes: Node | null | undefined): readonly VolumeMount[] {
  return sharedList(mountLists, doc, volumes, listMounts);
}

const mountLists = new WeakMap<Node, readonly VolumeMount[]>();

function listMounts(doc: YamlDocument, volumes: Node): VolumeMount[] {
  const mounts: VolumeMount[] = [];
  const items = doc.items(volumes);
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (isScalar(item) && typeof item.value === 'string') {
      // Completed key by key, not by spreading optional parts into a new object for each mount.
      const mount = parseShortVolume(item.value) as VolumeMount;
      const propagation = mount.options.find((o) => PROPAGATION.test(o));
      mount.readOnly = mount.options.includes('ro');
      if (propagation) mount.propagation = propagation;
      mount.sourceNode = item;
      mount.item = item;
      mounts.push(mount);
    } else if (isMap(item)) {
      const [type, source, target] = ['type', 'source', 'target'].map((k) => text(doc.scalar(item, k)));
      // Without `type:` (invalid, but seen), judge the source as the short syntax would.
      const inferred = type ?? (source !== undefined && isPathLike(source) ? 'bind' : 'volume');
      const propagation = text(doc.scalar(item, 'bind', 'propagation'));
      mounts.push({
        type: inferred,
        source,
        target,
        options: [],
        readOnly: doc.scalar(item, 'read_only') === true,
        ...(propagation !== undefined ? { propagation } : {}),
        sourceNode: doc.get(item, 'source') ?? item,
        item,
      });
    }
  }
  return mounts;
}

/** What `list` makes of a sequence, worked out once per sequence node (the parse is kept between analyses, and so is this). */
function sharedList<T>(cache: WeakMap<Node, readonly T[]>, doc: YamlDocument, node: Node | null | undefined, list: (doc: YamlDocument, seq: Node) => T[]): readonly T[] {
  const seq = doc.deref(node);
  if (!isSeq(seq)) return [];
  let items = cache.get(seq);
  if (!items) cache.set(seq, (items = list(doc, seq)));
  return items;
}

/** One entry of a service's `ports:` list. */
export interface PortMapping {
  hostIp?: string;
  /** Host port or range; undefined when Docker picks one. */
  published?: string;
  target?: string;
  protocol?: string;
  item: Node;
  /** Short syntax: the entry; long syntax: the `published:` value (undefined when absent). */
  publishedNode?: Node;
  long: boolean;
}

/** A leading host address: IPv4, bracketed IPv6, or bare IPv6 with `::`. */
const HOST_IP = /^(\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-fA-F:.]+\]|[0-9a-fA-F]*::[0-9a-fA-F:]*?)(?=:[^:]*(?::[^:]*)?$)/;

/** `[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]` → its parts (`5432`, `8080:80`, `127.0.0.1::80/udp`, `[::1]:80:80`). */
export function parseShortPort(spec: string): Omit<PortMapping, 'item' | 'publishedNode' | 'long'> {
  const slash = maskInterpolation(spec).lastIndexOf('/');
  const protocol = slash >= 0 ? spec.slice(slash + 1) : undefined;
  const mapping = slash >= 0 ? spec.slice(0, slash) : spec;
  const ip = HOST_IP.exec(maskInterpolation(mapping));
  const parts = splitOutsideInterpolation(ip ? mapping.slice(ip[1].length + 1) : mapping);
  // Three parts or more hold a host part even when it is not an address (a typo, an odd variable):
  // whatever it is, it is not the default of every interface.
  const hostIp = ip ? mapping.slice(0, ip[1].length) : parts.length > 2 ? parts.slice(0, -2).join(':') : undefined;
  const target = parts[parts.length - 1];
  const published = parts.length > 1 && parts[parts.length - 2] !== '' ? parts[parts.length - 2] : undefined;
  // Built key by key, not by spreading optional parts: a spread per port was most of listing a large file's ports.
  const port: ShortPort = {};
  if (hostIp !== undefined) port.hostIp = hostIp;
  if (published !== undefined) port.published = published;
  port.target = target;
  if (protocol) port.protocol = protocol;
  return port;
}

type ShortPort = Omit<PortMapping, 'item' | 'publishedNode' | 'long'>;

/** The mappings of a `ports:` value, in order; shared between callers (four rules read every service's), so never to be changed. */
export function portMappings(doc: YamlDocument, ports: Node | null | undefined): readonly PortMapping[] {
  return sharedList(portLists, doc, ports, listPorts);
}

const portLists = new WeakMap<Node, readonly PortMapping[]>();

function listPorts(doc: YamlDocument, ports: Node): PortMapping[] {
  const mappings: PortMapping[] = [];
  const items = doc.items(ports);
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (isScalar(item) && (typeof item.value === 'string' || typeof item.value === 'number')) {
      const mapping = parseShortPort(String(item.value)) as PortMapping;
      mapping.item = item;
      mapping.publishedNode = item;
      mapping.long = false;
      mappings.push(mapping);
    } else if (isMap(item)) {
      const [hostIp, published, target, protocol] = ['host_ip', 'published', 'target', 'protocol'].map((k) => text(doc.scalar(item, k)));
      mappings.push({ hostIp, published, target, protocol, item, publishedNode: doc.get(item, 'published'), long: true });
    }
  }
  return mappings;
}

/** One variable of a service's `environment:`, written as a map (`KEY: value`) or a list (`- KEY=value`). */
export interface EnvironmentEntry {
  name: string;
  /** Undefined when the variable is only named (`KEY:` / `- KEY`): its value comes from the shell. */
  value?: string;
  /** The value (map form; the key when there is none) or the whole item (list form). */
  node: Node;
  /** True when it comes from a map merged into the environment (`<<: *common-env`), written elsewhere. */
  merged: boolean;
}

/**
 * The variables of an `environment:` value, in order: a map's own pairs, then those it merges (`<<:`)
 * that it does not set itself (earlier sources win), or a list's items. The entries of merged maps are
 * shared between callers (thousands of services merge the same few anchors), so never to be changed.
 */
export function environmentEntries(doc: YamlDocument, environment: Node | null | undefined): EnvironmentEntry[] {
  const entries: EnvironmentEntry[] = [];
  const map = doc.deref(environment);
  if (isMap(map)) {
    let merges = false;
    const { items } = map;
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (!isScalar(item.key)) continue;
      const key = String(item.key.value);
      if (key === '<<') merges = true;
      else entries.push(environmentEntry(doc, key, item as Pair<Scalar, Node | null>, false));
    }
    if (merges) {
      const names = new Set<string>();
      for (let i = 0; i < entries.length; i++) names.add(entries[i].name);
      // Each service's environment is read once: its sources are visited in place, not listed and kept
      // by mergeSourcesOf. A source named twice adds nothing the second time (its names are taken).
      forEachMergeSource(map, (source) => {
        const merged = doc.deref(source);
        if (!isMap(merged)) return;
        const mergedEntries = mergedEnvironment(doc, merged);
        for (let i = 0; i < mergedEntries.length; i++) {
          const entry = mergedEntries[i];
          if (names.has(entry.name)) continue;
          names.add(entry.name);
          entries.push(entry);
        }
      });
    }
  } else {
    for (const item of doc.items(map)) {
      if (!isScalar(item) || typeof item.value !== 'string') continue;
      const eq = item.value.indexOf('=');
      entries.push(eq < 0 ? { name: item.value, node: item, merged: false } : { name: item.value.slice(0, eq), value: item.value.slice(eq + 1), node: item, merged: false });
    }
  }
  return entries;
}

function environmentEntry(doc: YamlDocument, name: string, pair: Pair<Scalar, Node | null>, merged: boolean): EnvironmentEntry {
  const value = doc.deref(pair.value);
  return { name, value: isScalar(value) ? text(value.value) : undefined, node: value ?? pair.key, merged };
}

/**
 * What a map merged into an environment contributes: its pairs, then those of the maps it merges in
 * turn (each map once, the first pair of a name wins), worked out once per map.
 */
function mergedEnvironment(doc: YamlDocument, source: YAMLMap<unknown, unknown>): readonly EnvironmentEntry[] {
  const known = mergedEnvironments.get(source);
  if (known) return known;
  const entries: EnvironmentEntry[] = [];
  const names = new Set<string>();
  for (const map of doc.mergedMaps(source)) {
    for (const { key, pair } of doc.entries(map)) {
      if (names.has(key)) continue;
      names.add(key);
      entries.push(environmentEntry(doc, key, pair, true));
    }
  }
  mergedEnvironments.set(source, entries);
  return entries;
}

const mergedEnvironments = new WeakMap<YAMLMap<unknown, unknown>, readonly EnvironmentEntry[]>();
