// YAML through `yaml` (eemeli): nodes keep exact source offsets and comments, aliases stay unexpanded.
// A stream is split at document markers first so each document parses (and is cached) on its own:
// an edit in one document of a large bundle re-parses only that document.
import { Alias, Document, isAlias, isMap, isPair, isScalar, isSeq, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { Node, Pair, ParsedNode } from 'yaml';
import type { Range } from '../model';
import type { SourceFile } from '../source';
import { isTooDeep, MAX_YAML_DEPTH, parseYamlDocument } from './yamlDocument';
import { ALIAS_TYPE, MAP_TYPE, NODE_TYPE, PAIR_TYPE, SCALAR_TYPE, SEQ_TYPE, aliasTargets, newPlainMemory, type AliasTargets, type Typed } from './blockYamlReader';
import { parseFileDocuments, readStream } from './yamlCache';

export type { Node, Pair } from 'yaml';
export { isMap, isSeq, isScalar, isPair, isAlias, YAMLMap, YAMLSeq, Scalar };
export { hasTemplates, maskTemplates, readable } from './templates';

export interface YamlError {
  message: string;
  range: Range;
}

/** A pair found by key, and the map it is written in. */
export interface FoundPair {
  pair: Pair<Scalar, Node | null>;
  map: YAMLMap<unknown, unknown>;
}

/** A document left unparsed because it nests deeper than the parser can safely go. */
export interface SkippedDocument {
  range: Range;
  limit: number;
}

export interface YamlStream {
  documents: YamlDocument[];
  errors: YamlError[];
  skipped: SkippedDocument[];
}

/** One `---` document of a stream, with offsets mapped back to the whole file. */
export class YamlDocument {
  constructor(
    readonly src: SourceFile,
    readonly doc: Document.Parsed,
    /** Offset of this document's text in the file. */
    readonly offset: number,
    readonly length: number,
  ) {}

  get contents(): ParsedNode | null {
    return this.doc.contents;
  }

  /** The whole document's range in the file. */
  get range(): Range {
    return this.src.rangeOf(this.offset, this.offset + this.length);
  }

  /** Range of a node's value, excluding trailing comments. */
  rangeOf(node: Node | null | undefined): Range {
    const r = node?.range;
    if (!r) return this.range;
    return this.src.rangeOf(this.offset + r[0], this.offset + r[1]);
  }

  /** Absolute [start, end) offsets of a node's value. */
  offsets(node: Node): [number, number] {
    const r = node.range ?? [0, 0, 0];
    return [this.offset + r[0], this.offset + r[1]];
  }

  /** Follows an alias to its anchor (one step: an alias never names another alias). */
  deref(node: unknown): Node | undefined {
    if (node === null || node === undefined) return undefined;
    // The node's type read in place (see NODE_TYPE): rules follow 300,000 nodes of a 2 MB Compose file through here.
    return (node as Typed)[NODE_TYPE] === ALIAS_TYPE ? anchorTargets(this.doc).get(node as Alias) : (node as Node);
  }

  /**
   * The pair for `key` in a map, looking through `<<` merge keys when the map has none of its own:
   * the map's own keys win, then each merged map (and what it merges) in order.
   */
  pair(map: unknown, key: string): Pair<Scalar, Node | null> | undefined {
    // Rules ask this of every service and container: no FoundPair is made for a map's own key.
    const first = this.deref(map);
    if (!isMap(first)) return undefined;
    const own = ownPair(first, key, this.src.hasTemplates);
    return own === MERGES ? this.lookupMerged(first, key)?.pair : own;
  }

  /** The pair for `key` as `pair` finds it, with the map that holds it (the map itself or one it merges). */
  lookup(map: unknown, key: string): FoundPair | undefined {
    const first = this.deref(map);
    if (!isMap(first)) return undefined;
    const own = ownPair(first, key, this.src.hasTemplates);
    if (own === MERGES) return this.lookupMerged(first, key) ?? undefined;
    return own && { pair: own, map: first };
  }

  /**
   * `lookup` through merge keys, each map's answer kept with the document: looking a key up in every
   * map of a merge chain (services merging the previous one) walks the chain once, not once per map.
   * Depth-first on an explicit stack; a map met again while it is still being searched (a merge
   * cycle, e.g. `&a {<<: *a}`) counts as holding nothing.
   */
  private lookupMerged(start: YAMLMap<unknown, unknown>, key: string): FoundPair | null {
    const memo = mergeLookups(this.doc, key);
    // Most lookups through a map that merges were answered before (every service merging the same anchors): no stack for those.
    const known = memo.get(start);
    if (known !== undefined) return known;
    const frames: Array<{ map: YAMLMap<unknown, unknown>; sources: readonly YAMLMap<unknown, unknown>[]; next: number }> = [];
    const open = new Set<YAMLMap<unknown, unknown>>();
    // The map's own answer, or undefined when it has sources to search (its frame is pushed).
    const enter = (map: YAMLMap<unknown, unknown>): FoundPair | null | undefined => {
      const known = memo.get(map);
      if (known !== undefined) return known;
      const own = ownPair(map, key, this.src.hasTemplates);
      if (own !== MERGES) {
        const found = own ? { pair: own, map } : null;
        memo.set(map, found);
        return found;
      }
      frames.push({ map, sources: this.mergeSourcesOf(map), next: 0 });
      open.add(map);
      return undefined;
    };
    let result = enter(start);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      if (result === null) frame.next++;
      if (result || frame.next >= frame.sources.length) {
        // Found through the current source, or no source holds it: this map's answer is settled.
        result ??= null;
        memo.set(frame.map, result);
        open.delete(frame.map);
        frames.pop();
        continue;
      }
      const source = frame.sources[frame.next];
      result = open.has(source) ? null : enter(source);
    }
    return result ?? null;
  }

  /**
   * A map, then every map it merges through `<<` (a sequence of sources in order, each followed by
   * what it merges): the order in which merged keys are looked up. Each map comes once, so a map
   * merging itself, directly or through others, ends the walk instead of looping.
   */
  *mergedMaps(node: unknown): Generator<YAMLMap<unknown, unknown>> {
    const pending: unknown[] = [node];
    const seen = new Set<YAMLMap<unknown, unknown>>();
    while (pending.length > 0) {
      const map = this.deref(pending.pop());
      if (!isMap(map) || seen.has(map)) continue;
      seen.add(map);
      yield map;
      const sources = this.mergeSourcesOf(map);
      for (let i = sources.length - 1; i >= 0; i--) pending.push(sources[i]);
    }
  }

  /**
   * The maps a map merges through its `<<` keys, in order of precedence, aliases followed, each once (a
   * later copy of a source can add nothing the first did not), anything not a map dropped. Kept per map:
   * every key looked up through a map merging 60,000 times asks again.
   */
  mergeSourcesOf(map: YAMLMap<unknown, unknown>): readonly YAMLMap<unknown, unknown>[] {
    let sources = mergeSourceMaps.get(map);
    if (sources) return sources;
    const unique = new Set<YAMLMap<unknown, unknown>>();
    forEachMergeSource(map, (source) => {
      const target = this.deref(source);
      if (isMap(target)) unique.add(target);
    });
    sources = unique.size === 0 ? NO_SOURCES : [...unique];
    mergeSourceMaps.set(map, sources);
    return sources;
  }

  /** The value node at a key path, aliases followed. */
  get(node: unknown, ...path: string[]): Node | undefined {
    return this.valueAt(node, path);
  }

  /** A scalar's value at a key path (undefined when absent or not a scalar). */
  scalar(node: unknown, ...path: string[]): unknown {
    const n = this.valueAt(node, path);
    return isScalar(n) ? n.value : undefined;
  }

  /**
   * `pair` key by key, written out: rules make 100,000 of these walks over a 2 MB stream, most of them
   * while the code is not yet optimized, where each call, `for-of` iterator and repeated `deref` counts.
   */
  private valueAt(node: unknown, path: readonly string[]): Node | undefined {
    let cur = node;
    const firstCopy = this.src.hasTemplates;
    for (let i = 0; ; i++) {
      // deref and isMap written in place (see NODE_TYPE): a step is then one call, ownPair's.
      if (cur === null || cur === undefined) return undefined;
      let type = (cur as Typed)[NODE_TYPE];
      if (type === ALIAS_TYPE) {
        cur = anchorTargets(this.doc).get(cur as Alias);
        if (cur === undefined) return undefined;
        type = (cur as Typed)[NODE_TYPE];
      }
      if (i === path.length) return cur as Node;
      if (type !== MAP_TYPE || typeof cur !== 'object') return undefined;
      const map = cur as YAMLMap<unknown, unknown>;
      const own = ownPair(map, path[i], firstCopy);
      cur = (own === MERGES ? this.lookupMerged(map, path[i])?.pair : own)?.value;
    }
  }

  /** Items of a sequence (aliases followed), or [] when it is not one. */
  items(node: unknown): Node[] {
    const n = this.deref(node);
    if (!isSeq(n)) return [];
    const out: Node[] = [];
    const { items } = n;
    for (let i = 0; i < items.length; i++) {
      const value = this.deref(items[i]);
      if (value !== undefined) out.push(value);
    }
    return out;
  }

  /** Key/value pairs of a map in source order (merge keys excluded). */
  entries(node: unknown): Array<{ key: string; pair: Pair<Scalar, Node | null> }> {
    const n = this.deref(node);
    if (!isMap(n)) return [];
    const out: Array<{ key: string; pair: Pair<Scalar, Node | null> }> = [];
    const { items } = n;
    for (let i = 0; i < items.length; i++) {
      const key = keyName(items[i]);
      if (key !== undefined && key !== '<<') out.push({ key, pair: items[i] as Pair<Scalar, Node | null> });
    }
    return out;
  }

  /** Whether a node's source holds a Helm/Go template expression (its parsed value is only a mask). */
  isTemplated(node: Node | null | undefined): boolean {
    // Templates first: a node read by the block reader makes its range array when `range` is first read.
    if (!this.src.hasTemplates || !node?.range) return false;
    const [s, e] = this.offsets(node);
    return templateWithin(this.src, s, e);
  }
}

/** Whether a whole `{{` lies in [start, end) of a file: the first at or after start, by binary search (rules ask this of large nodes too). */
export function templateWithin(src: SourceFile, start: number, end: number): boolean {
  const starts = templateStarts(src);
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] < start) lo = mid + 1;
    else hi = mid;
  }
  return lo < starts.length && starts[lo] + 2 <= end;
}

// ---------------------------------------------------------------- per-document indexes
// Built once per parsed document (or file, for what depends on the text around templates) and kept
// with it: rules ask the same questions of every container and service.

/** A pair's key as text, when it is a scalar. */
function keyName(item: Pair): string | undefined {
  return isScalar(item.key) ? String(item.key.value) : undefined;
}

/**
 * Calls `visit` with each source a map's `<<` keys name, in order, as written (aliases not followed): the walk
 * behind mergeSourcesOf, for callers that read a map once and need neither its list nor the cache entry.
 */
export function forEachMergeSource(map: YAMLMap<unknown, unknown>, visit: (source: unknown) => void): void {
  const { items } = map;
  for (let k = 0; k < items.length; k++) {
    const { key, value } = items[k];
    if (!isScalar(key) || String(key.value) !== '<<') continue;
    if (!isSeq(value)) visit(value);
    else for (let s = 0; s < value.items.length; s++) visit(value.items[s]);
  }
}

/** `ownPair`'s answer for a map without the key that merges other maps. */
const MERGES = Symbol('merges');

/**
 * A map's own pair for `key`; MERGES when it has none but merges other maps (`<<`), undefined otherwise.
 * Of a repeated key, the last pair: the value yaml and Go's decoders (Kubernetes') keep. Reading the
 * first let `privileged: false` before `privileged: true` hide the container that runs privileged. In a
 * template the copies are mostly `if`/`else` branches of which one renders: there the first is read, the
 * branch written for the value given (as before; rendered with its values, a template has no such copies).
 */
function ownPair(map: YAMLMap<unknown, unknown>, key: string, firstCopy: boolean): Pair<Scalar, Node | null> | typeof MERGES | undefined {
  const { items } = map;
  if (items.length >= INDEXED_MAP_SIZE) {
    const index = keyIndexOf(map);
    return (firstCopy ? index.first : index.last).get(key) ?? (index.merges ? MERGES : undefined);
  }
  let merges = false;
  const last = items.length - 1;
  for (let k = 0; k <= last; k++) {
    const item = items[firstCopy ? k : last - k];
    // keyName's answer without its call and String() for the usual string key: rules ask this ~200,000 times over a 2 MB stream.
    const keyNode = item.key as { value?: unknown } | null;
    const name = keyNode?.value;
    if (typeof name !== 'string') {
      if (isScalar(keyNode) && String(name) === key) return item as Pair<Scalar, Node | null>;
    } else if ((name === key || name === '<<') && (keyNode as Typed)[NODE_TYPE] === SCALAR_TYPE) {
      if (name === key) return item as Pair<Scalar, Node | null>;
      merges = true;
    }
  }
  return merges ? MERGES : undefined;
}

/**
 * Maps with at least this many items are searched through a key index, built on their first lookup:
 * rules look up a few dozen keys in each map, and a map of 60,000 `<<` keys was scanned for every one.
 */
const INDEXED_MAP_SIZE = 32;

/** A map's pairs by key (its first and last copy of each), and whether it merges (`<<`). */
interface KeyIndex {
  first: Map<string, Pair<Scalar, Node | null>>;
  last: Map<string, Pair<Scalar, Node | null>>;
  merges: boolean;
}

const keyIndexes = new WeakMap<YAMLMap<unknown, unknown>, KeyIndex>();

function keyIndexOf(map: YAMLMap<unknown, unknown>): KeyIndex {
  let index = keyIndexes.get(map);
  if (index) return index;
  index = { first: new Map(), last: new Map(), merges: false };
  for (const item of map.items) {
    const name = keyName(item);
    if (name === undefined) continue;
    const pair = item as Pair<Scalar, Node | null>;
    if (!index.first.has(name)) index.first.set(name, pair);
    index.last.set(name, pair);
    if (name === '<<') index.merges = true;
  }
  keyIndexes.set(map, index);
  return index;
}

/** Per map (a node belongs to one document): `mergeSourcesOf`'s answer. */
const mergeSourceMaps = new WeakMap<YAMLMap<unknown, unknown>, readonly YAMLMap<unknown, unknown>[]>();
const NO_SOURCES: readonly YAMLMap<unknown, unknown>[] = Object.freeze([]);

/**
 * Every alias of a document → the node it names: the last node before it carrying its anchor, in the
 * order `Alias.resolve` searches (keys before values). Kept with the document (`Alias.resolve` walks the
 * whole document for every alias): the block reader hands it over as it read it; a document the library
 * parsed is walked once.
 */
function anchorTargets(doc: Document): AliasTargets {
  const known = aliasTargets.get(doc);
  if (known) return known;
  const targets = new Map<Alias, Node | undefined>();
  const anchors = new Map<string, Node>();
  const pending: unknown[] = [doc.contents];
  // Each node's type read once (NODE_TYPE), not asked of five `is…` functions: a 2 MB Compose file of merged services has 300,000 nodes.
  while (pending.length > 0) {
    const node = pending.pop();
    if (node === null || typeof node !== 'object') continue;
    const type = (node as Typed)[NODE_TYPE];
    if (type === ALIAS_TYPE) targets.set(node as Alias, anchors.get((node as Alias).source));
    else if (type === PAIR_TYPE) pending.push((node as Pair).value, (node as Pair).key);
    else if (type === SCALAR_TYPE || type === MAP_TYPE || type === SEQ_TYPE) {
      const { anchor } = node as Scalar | YAMLMap | YAMLSeq;
      if (anchor) anchors.set(anchor, node as Node);
      if (type !== SCALAR_TYPE) {
        const { items } = node as YAMLMap | YAMLSeq;
        for (let i = items.length - 1; i >= 0; i--) pending.push(items[i]);
      }
    }
  }
  aliasTargets.set(doc, targets);
  return targets;
}

/** Per document and key: each map's answer through merge keys (null: no pair), filled by `lookupMerged`. */
const mergeLookupMemos = new WeakMap<Document, Map<string, Map<YAMLMap<unknown, unknown>, FoundPair | null>>>();

function mergeLookups(doc: Document, key: string): Map<YAMLMap<unknown, unknown>, FoundPair | null> {
  let byKey = mergeLookupMemos.get(doc);
  if (!byKey) mergeLookupMemos.set(doc, (byKey = new Map()));
  let memo = byKey.get(key);
  if (!memo) byKey.set(key, (memo = new Map()));
  return memo;
}

/** Offsets of every `{{` of a file (overlapping ones included), ascending; computed once per file. */
const templateOffsets = new WeakMap<SourceFile, number[]>();

function templateStarts(src: SourceFile): number[] {
  let starts = templateOffsets.get(src);
  if (!starts) {
    starts = [];
    for (let i = src.text.indexOf('{{'); i >= 0; i = src.text.indexOf('{{', i + 1)) starts.push(i);
    templateOffsets.set(src, starts);
  }
  return starts;
}

// ---------------------------------------------------------------- streams

/** What may follow the `---` of a document start on its line (or the text ends there). */
const AFTER_DOCUMENT_START = ' \t\r\n';

/**
 * Splits a stream at `---` lines (outside block scalars is good enough: a `---` at column 0 always starts a document).
 * Searched for as `\n---`, not line by line: a 2 MB document has 80,000 lines and no marker.
 */
export function splitDocuments(text: string): Array<{ offset: number; text: string }> {
  const parts: Array<{ offset: number; text: string }> = [];
  let start = 0;
  for (let nl = text.indexOf('\n---'); nl >= 0; nl = text.indexOf('\n---', nl + 1)) {
    const pos = nl + 1;
    if (pos + 3 < text.length && !AFTER_DOCUMENT_START.includes(text[pos + 3])) continue;
    parts.push({ offset: start, text: text.slice(start, pos) });
    start = pos;
  }
  parts.push({ offset: start, text: text.slice(start) });
  return parts;
}

/** White space as `trim` and `\\s` know it. */
const WHITE = /\s/;

function skipWhite(text: string, from: number): number {
  let i = from;
  while (i < text.length && WHITE.test(text[i])) i++;
  return i;
}

/** Whether a part of a stream holds no document: only white space, around at most its `---` (read without a trimmed copy of each part). */
function isBlankPart(text: string): boolean {
  let i = skipWhite(text, 0);
  if (text.startsWith('---', i)) i = skipWhite(text, i + 3);
  return i === text.length;
}

const PARSE_OPTIONS = { uniqueKeys: false, strict: false, prettyErrors: false, keepSourceTokens: false } as const;

/**
 * Parses every document of a stream; errors are returned as data, never thrown. A document nesting
 * too deep is skipped (the others are still parsed). Parses are cached per file (`src.uri`), a rendering's apart,
 * while the file is edited (`src.edited`).
 */
export function parseYamlStream(src: SourceFile, text: string = src.text): YamlStream {
  return readStream(src.uri, src.rendering, src.text, text, () => readYamlStream(src, text));
}

function readYamlStream(src: SourceFile, text: string): YamlStream {
  const documents: YamlDocument[] = [];
  const errors: YamlError[] = [];
  const skipped: SkippedDocument[] = [];
  const parts = splitDocuments(text).filter((part) => !isBlankPart(part.text));
  const plains = newPlainMemory();
  const parsed = parseFileDocuments(
    src.uri,
    parts.map((part) => part.text),
    (t) => parseYamlDocument(t, PARSE_OPTIONS, MAX_YAML_DEPTH, plains),
    { rendering: src.rendering, edited: src.edited },
  );
  parts.forEach((part, i) => {
    const doc = parsed[i];
    if (isTooDeep(doc)) {
      const lineEnd = text.indexOf('\n', part.offset);
      skipped.push({ range: src.rangeOf(part.offset, lineEnd < 0 ? text.length : lineEnd), limit: doc.limit });
      return;
    }
    for (const e of doc.errors) {
      const [s, t] = e.pos;
      errors.push({ message: e.message.split('\n')[0].replace(/[\s:.]+$/, ''), range: src.rangeOf(part.offset + s, part.offset + Math.max(t, s)) });
    }
    documents.push(new YamlDocument(src, doc, part.offset, part.text.length));
  });
  return { documents, errors, skipped };
}
