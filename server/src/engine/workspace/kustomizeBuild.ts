// The effective objects of a kustomization with local bases: resources (files and base directories,
// recursively), strategic-merge patches with Kubernetes merge keys and `$patch`, JSON 6902 patches, and
// the namespace, name, label, image and replica transformers. Each object remembers where it came from
// and which of its fields this kustomization set (at the entry that set them), so a finding on the
// effective object lands where the user changes it. Bounded: depth, objects, and no file outside the workspace.
import { applyPatch, type Operation } from 'rfc6902';
import type { Range } from '../model';
import { isMap, isScalar, isSeq, parseYamlStream, type Node, type YamlDocument } from '../parse/yaml';
import { SourceFile } from '../source';
import { isManifestFile, kustomizationIn, MAX_KUSTOMIZE_DEPTH } from './kustomize';
import { parseTarget, targetSelects } from './kustomizeTarget';
import { resolvePath } from './paths';
import { FileCache } from './fileCache';
import type { RecordedReads, WorkspaceFacts } from './facts';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface EffectiveObject {
  value: JsonObject;
  /** The file and the `kind:` line of the resource the object was built from. */
  origin: { path: string; range: Range };
  /** The entry of the kustomization under analysis that brought the object in. */
  entry: Range;
  /** JSON pointer → entry of the kustomization under analysis that set it last. */
  setHere: Map<string, Range>;
  /** What the patches of the kustomization under analysis removed (null, `$patch: delete/replace`, JSON 6902 remove), in order. */
  removedHere: Removal[];
  /** JSON pointer → the patch of the kustomization under analysis that set it last (file path or inline key), and where in the patch. */
  setBy: Map<string, { source: string; from: string }>;
  /** `source#from` of the values a later patch of the kustomization under analysis overwrote or removed: the object never has them. */
  overridden: Set<string>;
  /**
   * The resource as its file has it with the transformers of every level that can change a verdict
   * (namespace, labels, images) and no patch: a setting missing here is missing at the base object.
   * Names keep the base's spelling, so findings read as the base file's own.
   */
  unpatched: JsonObject;
  /** The resource as its file has it (read only). */
  original: JsonObject;
}

/** A field a patch removed, at the entry of the patch; `fields` names it and every field under it that is gone. */
export interface Removal {
  pointer: string;
  entry: Range;
  fields: string[];
}

/** What a patch does to an object, told pointer by pointer (`from`: where in the patch the value is; `removed`: the value that is gone). */
interface PatchMarks {
  set(pointer: string, from: string): void;
  removed(pointer: string, value: Json | undefined): void;
}
const NO_MARKS: PatchMarks = { set: () => {}, removed: () => {} };

/** How many objects one build holds: past it the rest is left out. */
const MAX_OBJECTS = 500;

/** Kubernetes' strategic-merge keys of the core workload lists: items with the same key merge, others are added. */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  volumes: 'name',
  env: 'name',
  envFrom: 'prefix',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  ports: 'containerPort',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
  topologySpreadConstraints: 'topologyKey',
};

/** A node's plain value (aliases bounded by the parse that produced it). */
const plain = (node: Node): unknown => (node as { toJSON(): unknown }).toJSON();
const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const escapePointer = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');
const clone = (value: JsonObject): JsonObject => JSON.parse(JSON.stringify(value)) as JsonObject;

/** What a build reads the workspace through: its reads are recorded, so a later build can tell whether it would read the same. */
interface BuildContext {
  facts: WorkspaceFacts;
  read(path: string): string | undefined;
  inside(path: string): boolean;
  /** Records what a kept build read as read by this one. */
  add(reads: RecordedReads): void;
}

/** A build kept for its directory: the kustomization's text, every read it made (its bases' too), its objects. */
interface KeptBuild {
  text: string;
  reads: RecordedReads;
  objects: readonly EffectiveObject[];
}

/**
 * Builds kept per kustomization directory, as the kustomization under analysis (marking what it sets)
 * and as a base of another: a keystroke in one manifest rebuilds the kustomizations on its way up and
 * reuses the rest. Objects are shared between builds and never changed in place: a build copies an
 * object before its patches or transformers change it.
 */
const topBuilds = { builds: new Map<string, KeptBuild>(), objects: 0 };
const baseBuilds = { builds: new Map<string, KeptBuild>(), objects: 0 };
type BuildCache = typeof topBuilds;
/**
 * Objects the kept builds of each kind may hold (objects are shared; a build holds a small record per
 * object): a bound on kustomizations would make a workspace with more of them rebuild them all the time.
 */
const MAX_KEPT_OBJECTS = 50_000;

/** The kept build of `dir` if it still holds (every file it read reads the same), now the most recently used. */
function keptBuild(cache: BuildCache, facts: WorkspaceFacts, dir: string, text: string): KeptBuild | undefined {
  const kept = cache.builds.get(dir);
  if (!kept || kept.text !== text || !facts.readsSame(kept.reads)) return undefined;
  cache.builds.delete(dir);
  cache.builds.set(dir, kept);
  return kept;
}

/** A kept build's weight: its objects, and one for the build itself (one with none still takes room). */
const weight = (build: KeptBuild | undefined) => (build ? build.objects.length + 1 : 0);

function keep(cache: BuildCache, dir: string, build: KeptBuild): void {
  const drop = (key: string) => {
    cache.objects -= weight(cache.builds.get(key));
    cache.builds.delete(key);
  };
  drop(dir);
  for (const oldest of cache.builds.keys()) {
    if (cache.objects + weight(build) <= MAX_KEPT_OBJECTS) break;
    drop(oldest);
  }
  cache.builds.set(dir, build);
  cache.objects += weight(build);
}

/** The plain objects of each resource file, per text, with the line of each `kind:` (shared, read only). */
const fileObjects = new FileCache<ReadonlyArray<{ value: JsonObject; line: number }>>(5_000);

/**
 * The effective objects of the kustomization at `doc` (its own directory `dir`), or [] when it builds
 * none locally. Shared: callers only read them. A kept build is reused while the kustomization and
 * every file it read read the same; they stay dependencies of the analysis.
 */
export function buildKustomization(facts: WorkspaceFacts, doc: YamlDocument, dir: string): readonly EffectiveObject[] {
  const kept = keptBuild(topBuilds, facts, dir, doc.src.text);
  if (kept) return kept.objects;
  const recorder = facts.recorder();
  const context: BuildContext = { facts, read: recorder.read, inside: (path) => facts.inside(path), add: recorder.add };
  const { objects } = build(context, doc, dir, [dir], true);
  keep(topBuilds, dir, { text: doc.src.text, reads: recorder.reads, objects });
  return objects;
}

/** The objects of the base kustomization in `dir` (reads recorded in `context`), kept when no cycle or depth bound cut them short. */
function baseBuild(context: BuildContext, doc: YamlDocument, dir: string, chain: string[]): EffectiveObject[] | readonly EffectiveObject[] {
  const kept = keptBuild(baseBuilds, context.facts, dir, doc.src.text);
  if (kept) {
    context.add(kept.reads);
    return kept.objects;
  }
  const recorder = context.facts.recorder();
  const { objects, cut } = build({ ...context, read: recorder.read, add: recorder.add }, doc, dir, chain, false);
  context.add(recorder.reads);
  if (!cut) keep(baseBuilds, dir, { text: doc.src.text, reads: recorder.reads, objects });
  return objects;
}

/** `cut`: a cycle or the depth bound left a base out (the result then depends on the way the build came here). */
function build(context: BuildContext, doc: YamlDocument, dir: string, chain: string[], top: boolean): { objects: EffectiveObject[]; cut: boolean } {
  const root = doc.contents;
  if (!root || !isMap(root)) return { objects: [], cut: false };
  const objects: EffectiveObject[] = [];
  let cut = false;
  for (const key of ['resources', 'bases', 'components']) {
    for (const item of doc.items(doc.get(root, key))) {
      const ref = doc.scalar(item);
      if (typeof ref !== 'string' || !ref.trim()) continue;
      const entry = doc.rangeOf(item);
      const path = resolvePath(dir, ref.trim());
      if (!context.inside(path)) continue;
      if (chain.includes(path) || chain.length > MAX_KUSTOMIZE_DEPTH) {
        cut = true;
        continue;
      }
      // A manifest file is no base directory: not probed for a kustomization.
      const base = isManifestFile(path) ? undefined : kustomizationIn(context, path);
      const found = base ? baseBuild(context, base.kustomization.doc, path, [...chain, path]) : resourceObjects(context, path);
      // Copies: patches and transformers replace an object's fields, and the found ones are shared with kept builds.
      // Objects from deeper kustomizations keep their origin; what this one sets is recorded from here on.
      for (const o of found.slice(0, MAX_OBJECTS - objects.length)) {
        objects.push(top ? { ...o, entry, setHere: new Map(), removedHere: [], setBy: new Map(), overridden: new Set() } : { ...o });
      }
    }
  }
  applyPatches(context, doc, root, dir, objects, top);
  applyTransformers(doc, root, objects, top);
  return { objects, cut };
}

/** The objects of a resource file, each with its origin. */
function resourceObjects(context: BuildContext, path: string): EffectiveObject[] {
  const text = context.read(path);
  if (text === undefined) return [];
  return fileObjects.get(path, text, objectsOf).map(({ value, line }) => {
    const range = { start: { line, character: 0 }, end: { line, character: 0 } };
    return { value, origin: { path, range }, entry: range, setHere: new Map(), removedHere: [], setBy: new Map(), overridden: new Set(), unpatched: value, original: value };
  });
}

function objectsOf(text: string, path: string): Array<{ value: JsonObject; line: number }> {
  return plainDocuments(path, text).flatMap(({ value, doc }) =>
    isObject(value) && typeof value.kind === 'string' && typeof value.apiVersion === 'string' ? [{ value, line: doc.rangeOf(doc.get(doc.contents, 'kind')).start.line }] : [],
  );
}

/**
 * The plain value of each document of a text, parsed as every YAML file is (nesting bounded, aliases
 * bounded); a document with errors is left out. `key` names the text for the parse cache.
 */
function plainDocuments(key: string, text: string): Array<{ value: unknown; doc: YamlDocument }> {
  return parseYamlStream(new SourceFile(key, text)).documents.flatMap((doc) => {
    if (doc.doc.errors.length > 0) return [];
    try {
      return [{ value: doc.doc.toJS({ maxAliasCount: 100 }) as unknown, doc }];
    } catch {
      return []; // too many aliases
    }
  });
}

/** The object a strategic-merge patch without a target names: the same kind and name. */
function namedBy(object: JsonObject, patch: JsonObject): boolean {
  return object.kind === patch.kind && isObject(object.metadata) && isObject(patch.metadata) && object.metadata.name === patch.metadata.name;
}

function applyPatches(workspace: BuildContext, doc: YamlDocument, root: Node, dir: string, objects: EffectiveObject[], top: boolean): void {
  const patchesOf = (key: string) => doc.items(doc.get(root, key));
  // In Kustomize's order: patchesStrategicMerge, then patches, then patchesJson6902 (what comes later wins).
  for (const item of [...patchesOf('patchesStrategicMerge'), ...patchesOf('patches'), ...patchesOf('patchesJson6902')]) {
    const entry = doc.rangeOf(item);
    const inline = isMap(item) ? doc.scalar(item, 'patch') : doc.scalar(item);
    const file = isMap(item) ? doc.scalar(item, 'path') : typeof inline === 'string' && !inline.includes('\n') ? inline : undefined;
    const path = typeof file === 'string' ? resolvePath(dir, file.trim()) : undefined;
    const text = path ? (workspace.inside(path) ? workspace.read(path) : undefined) : typeof inline === 'string' ? inline : undefined;
    if (text === undefined) continue;
    const targetNode = isMap(item) ? doc.get(item, 'target') : undefined;
    const parsed = targetNode ? parseTarget(plain(targetNode)) : undefined;
    if (parsed && 'invalid' in parsed) continue; // selects nothing; XF017 says it is not evaluated
    const target = parsed?.target;
    // A patch written in this kustomization (inline, or a JSON 6902 file nothing else judges) is reported here; a patch file reports its own values.
    const reportHere = top && (path === undefined || !isStrategicMergeFile(text));
    const place = path === undefined ? inlinePlace(doc, item) : undefined;
    const source = path ?? `${dir}/#patch@${entry.start.line}`;
    for (const { value: patch, doc: patchDoc } of plainDocuments(source, text)) {
      for (const object of objects) {
        // What an earlier patch set and this one sets again or removes is overridden (by a later patch of the same file it is just rewritten).
        const override = (pointer: string) => {
          const earlier = object.setBy.get(pointer);
          if (earlier && earlier.source !== source) object.overridden.add(`${earlier.source}#${earlier.from}`);
        };
        const marks: PatchMarks = top
          ? {
              set: (pointer, from) => {
                override(pointer);
                object.setBy.set(pointer, { source, from });
                if (reportHere) object.setHere.set(pointer, place?.(patchDoc, from) ?? entry);
                else object.setHere.delete(pointer);
              },
              removed: (pointer, value) => {
                for (const set of [...object.setBy.keys()].filter((p) => p === pointer || p.startsWith(`${pointer}/`))) {
                  override(set);
                  object.setBy.delete(set);
                }
                object.removedHere.push({ pointer, entry, fields: [pointer.slice(pointer.lastIndexOf('/') + 1), ...fieldNames(value)] });
              },
            }
          : NO_MARKS;
        if (Array.isArray(patch)) {
          if (target && targetSelects(target, object.value)) applyJson6902(object, patch as Operation[], marks);
        } else if (isObject(patch) && (target ? targetSelects(target, object.value) : namedBy(object.value, patch))) {
          object.value = strategicMerge(object.value, patch, '', marks) as JsonObject;
        }
      }
    }
  }
}

/** A patch file whose content is a mapping (a strategic merge), not a list of JSON 6902 operations. */
function isStrategicMergeFile(text: string): boolean {
  return !/^\s*-/m.test(text.replace(/^\s*(#.*)?\n/gm, '').split('\n', 1)[0]);
}

function applyJson6902(object: EffectiveObject, ops: Operation[], marks: PatchMarks): void {
  const valid = ops.filter((op) => isObject(op as unknown as Json) && typeof op.op === 'string' && typeof op.path === 'string');
  // rfc6902 changes the value in place: this build's copy, not the shared one.
  if (valid.length) object.value = clone(object.value);
  for (const op of valid) {
    if (op.op === 'remove' || op.op === 'replace') marks.removed(op.path, at(object.value, op.path));
    if (op.op === 'move' && typeof op.from === 'string') marks.removed(op.from, at(object.value, op.from));
    applyPatch(object.value, [op]);
    if (op.op !== 'remove') marks.set(op.path, `/${ops.indexOf(op)}${'value' in op ? '/value' : ''}`);
  }
}

/** Kubernetes strategic merge of `patch` into `base`; `marks` is told each pointer the patch writes or removes. */
function strategicMerge(base: Json | undefined, patch: Json, pointer: string, marks: PatchMarks, from = ''): Json | undefined {
  if (isObject(patch)) {
    const directive = patch.$patch;
    const rest = Object.fromEntries(Object.entries(patch).filter(([k]) => k !== '$patch' && !k.startsWith('$setElementOrder')));
    if (directive === 'delete') marks.removed(pointer, base);
    if (directive === 'replace') marks.removed(pointer, withoutFields(base, fieldNames(rest)));
    if (directive === 'delete') return undefined;
    if (directive === 'replace' || !isObject(base)) {
      markAll(rest, pointer, marks, from);
      return rest;
    }
    const out: JsonObject = { ...base };
    for (const [key, value] of Object.entries(rest)) {
      const child = `${pointer}/${escapePointer(key)}`;
      const childFrom = `${from}/${escapePointer(key)}`;
      if (value === null) {
        marks.removed(child, out[key]);
        delete out[key];
        continue;
      }
      const mergeKey = MERGE_KEYS[key];
      const merged =
        mergeKey && Array.isArray(value) && Array.isArray(out[key])
          ? mergeList(out[key] as Json[], value, mergeKey, child, marks, childFrom)
          : strategicMerge(out[key], value, child, marks, childFrom);
      if (merged === undefined) delete out[key];
      else out[key] = merged;
    }
    return out;
  }
  markAll(patch, pointer, marks, from);
  return patch;
}

function mergeList(base: Json[], patch: Json[], key: string, pointer: string, marks: PatchMarks, from: string): Json[] {
  const out = [...base];
  for (const [index, item] of patch.entries()) {
    const id = isObject(item) ? item[key] : undefined;
    const at = id === undefined ? -1 : out.findIndex((b) => isObject(b) && b[key] === id);
    if (at < 0) {
      if (!(isObject(item) && item.$patch === 'delete')) {
        out.push(item);
        markAll(item, `${pointer}/${out.length - 1}`, marks, `${from}/${index}`);
      }
      continue;
    }
    const merged = strategicMerge(out[at], item, `${pointer}/${at}`, marks, `${from}/${index}`);
    if (merged === undefined) out.splice(at, 1);
    else out[at] = merged;
  }
  return out;
}

/** The value at a JSON pointer, if any. */
function at(value: Json, pointer: string): Json | undefined {
  let node: Json | undefined = value;
  for (const segment of pointer.split('/').slice(1)) {
    const key = segment.replace(/~1/g, '/').replace(/~0/g, '~');
    node = isObject(node) ? node[key] : Array.isArray(node) ? node[Number(key)] : undefined;
  }
  return node;
}

/** Every field name in a value, at any depth. */
function fieldNames(value: Json | undefined): string[] {
  if (isObject(value)) return Object.entries(value).flatMap(([k, v]) => [k, ...fieldNames(v)]);
  return Array.isArray(value) ? value.flatMap(fieldNames) : [];
}

/** A map without the fields a replacement keeps: what `$patch: replace` loses. */
function withoutFields(value: Json | undefined, kept: string[]): Json | undefined {
  return isObject(value) ? Object.fromEntries(Object.entries(value).filter(([k]) => !kept.includes(k))) : value;
}

function markAll(value: Json, pointer: string, marks: PatchMarks, from: string): void {
  marks.set(pointer, from);
  if (isObject(value)) for (const [k, v] of Object.entries(value)) markAll(v, `${pointer}/${escapePointer(k)}`, marks, `${from}/${escapePointer(k)}`);
  else if (Array.isArray(value)) value.forEach((v, i) => markAll(v, `${pointer}/${i}`, marks, `${from}/${i}`));
}

/**
 * Where a node of an inline patch is in the kustomization: a literal block (`patch: |-`) keeps the
 * patch's lines one for one, shifted by its indentation. Other inline forms give no place (the entry is used).
 */
function inlinePlace(doc: YamlDocument, item: Node): ((patchDoc: YamlDocument, from: string) => Range | undefined) | undefined {
  const node = isMap(item) ? doc.get(item, 'patch') : item;
  if (!isScalar(node) || node.type !== 'BLOCK_LITERAL') return undefined;
  const header = doc.rangeOf(node).start.line;
  let indent = -1;
  for (let line = header + 1; line < doc.src.lineCount && indent < 0; line++) indent = /^( *)\S/.exec(doc.src.lineText(line))?.[1].length ?? -1;
  if (indent < 0) return undefined;
  const shift = ({ line, character }: Range['start']) => ({ line: header + 1 + line, character: indent + character });
  return (patchDoc, from) => {
    const found = nodeAt(patchDoc, from);
    if (!found) return undefined;
    const { start, end } = patchDoc.rangeOf(found);
    return { start: shift(start), end: shift(end) };
  };
}

/** The node at a JSON pointer of a parsed document. */
function nodeAt(doc: YamlDocument, pointer: string): Node | undefined {
  let node: Node | undefined = doc.contents ?? undefined;
  for (const segment of pointer.split('/').slice(1)) {
    const key = segment.replace(/~1/g, '/').replace(/~0/g, '~');
    node = isMap(node) ? doc.get(node, key) : isSeq(node) ? (node.items[Number(key)] as Node | undefined) : undefined;
    if (!node) return undefined;
  }
  return node;
}

/**
 * namespace, namePrefix/nameSuffix, labels/commonLabels, images and replicas. Namespace, labels and
 * images also apply to the unpatched object (they can change a verdict); names and replicas do not.
 */
function applyTransformers(doc: YamlDocument, root: Node, objects: EffectiveObject[], top: boolean): void {
  const namespace = doc.scalar(root, 'namespace');
  const prefix = doc.scalar(root, 'namePrefix');
  const suffix = doc.scalar(root, 'nameSuffix');
  const labels = [doc.get(root, 'commonLabels'), ...doc.items(doc.get(root, 'labels')).map((l) => doc.get(l, 'pairs'))].map((n) => (n ? plain(n) : undefined)).filter(isObject);
  const images = doc.items(doc.get(root, 'images'));
  const replicas = doc.items(doc.get(root, 'replicas'));
  if (namespace === undefined && prefix === undefined && suffix === undefined && labels.length === 0 && images.length === 0 && replicas.length === 0) return;
  for (const object of objects) {
    // Transformers change values in place: this build's copies, not the shared ones.
    object.value = clone(object.value);
    object.unpatched = clone(object.unpatched);
    const record = (pointer: string, range: Range) => top && object.setHere.set(pointer, range);
    for (const [value, recorded] of [
      [object.value, true],
      [object.unpatched, false],
    ] as const) {
      const meta = isObject(value.metadata) ? value.metadata : (value.metadata = {});
      if (typeof namespace === 'string') {
        meta.namespace = namespace;
        if (recorded) record('/metadata/namespace', doc.rangeOf(doc.get(root, 'namespace')));
      }
      for (const pairs of labels) meta.labels = { ...(isObject(meta.labels) ? meta.labels : {}), ...pairs };
      for (const item of images) {
        const name = doc.scalar(item, 'name');
        if (typeof name !== 'string') continue;
        forEachContainer(value, (container, pointer) => {
          if (typeof container.image !== 'string' || imageName(container.image) !== name) return;
          container.image = retag(container.image, doc.scalar(item, 'newName'), doc.scalar(item, 'newTag'), doc.scalar(item, 'digest'));
          if (recorded) record(`${pointer}/image`, doc.rangeOf(item));
        });
      }
    }
    const meta = object.value.metadata as JsonObject;
    if (typeof meta.name === 'string') meta.name = `${typeof prefix === 'string' ? prefix : ''}${meta.name}${typeof suffix === 'string' ? suffix : ''}`;
    for (const item of replicas) {
      const name = doc.scalar(item, 'name');
      const count = doc.scalar(item, 'count');
      if (typeof count !== 'number' || !isObject(object.value.spec) || (meta.name !== name && !String(meta.name).endsWith(`${String(name)}${String(suffix ?? '')}`))) continue;
      object.value.spec.replicas = count;
      record('/spec/replicas', doc.rangeOf(item));
    }
  }
}

/** `registry/app:1.0@sha256:…` → `registry/app` (a port in the registry host is kept). */
function imageName(image: string): string {
  const noDigest = image.split('@', 1)[0];
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  return colon > slash ? noDigest.slice(0, colon) : noDigest;
}

function retag(image: string, newName: unknown, newTag: unknown, digest: unknown): string {
  const name = typeof newName === 'string' ? newName : imageName(image);
  if (typeof digest === 'string') return `${name}@${digest}`;
  if (typeof newTag === 'string' || typeof newTag === 'number') return `${name}:${newTag}`;
  return `${name}${image.slice(imageName(image).length)}`;
}

/** Where the pod-carrying kinds keep their containers; the core kinds Kustomize's image transformer knows. */
const POD_PATHS: string[][] = [['spec'], ['spec', 'template', 'spec'], ['spec', 'jobTemplate', 'spec', 'template', 'spec']];

function forEachContainer(object: JsonObject, visit: (container: JsonObject, pointer: string) => void): void {
  for (const path of POD_PATHS) {
    let node: Json | undefined = object;
    for (const key of path) node = isObject(node) ? node[key] : undefined;
    if (!isObject(node)) continue;
    for (const group of ['containers', 'initContainers']) {
      const list = node[group];
      if (Array.isArray(list)) list.forEach((c, i) => isObject(c) && visit(c, `/${path.join('/')}/${group}/${i}`));
    }
  }
}
