// Findings on the effective objects of a kustomization (issue 11): its local bases with its patches and
// transformers applied, judged by the same rules, each finding placed where the user changes it.
// - A value this kustomization set (an `images` entry, `namespace`, `replicas`, an inline or JSON 6902
//   patch) is reported at that entry. A value a base or a strategic-merge patch file wrote is reported
//   by that file's own analysis, not again here.
// - A setting the base object lacks too (as its file has it, with the overlay's namespace, labels and
//   images) is the base's to fix: the base file reports it at the object, once for all overlays, naming
//   those whose effective objects lack it (`baseObjectFindings`), and not at all when its own analysis
//   already does. A setting the base object has and a patch of this kustomization removed is reported
//   here, at the entry of the patch that removed it, with the base object as related information.
import { stringify } from 'yaml';
import { isMap, isScalar, isSeq, parseYamlStream, type Node } from './parse/yaml';
import type { Finding, Range, RelatedInfo, RuleMeta } from './model';
import { SourceFile } from './source';
import { baseName } from './detect';
import { isKustomizationName, parseKustomization } from './parse/kustomization';
import { buildKustomization, type EffectiveObject, type Json, type JsonObject, type Removal } from './workspace/kustomizeBuild';
import { isInertKustomization, kustomizationsIncluding, kustomizationsPatching } from './workspace/kustomize';
import { relativePath } from './workspace/paths';
import type { WorkspaceFacts } from './workspace/facts';

/** The findings of a multi-document text, as `analyze` gives them for a standalone Kubernetes file named EFFECTIVE_URI. */
type AnalyzeText = (text: string) => Finding[];
/** Judges of effective objects: every rule, and only the rules that report a missing setting (all a comparison of missing settings needs). */
export interface Judges {
  all: AnalyzeText;
  missing: AnalyzeText;
  /** The Pod Security level (and version) objects of a namespace are held to, as a comparable key. */
  levelOf(namespace: unknown): string;
}
type Metas = ReadonlyMap<string, RuleMeta>;

/** The name the effective objects are judged under: a plain YAML file, no kustomization (so no recursion). */
export const EFFECTIVE_URI = 'effective.yaml';

/** A Kubernetes rule's finding that a setting is missing (`meta.absent`). */
const isMissingSetting = (metas: Metas, finding: Finding): boolean =>
  /^K8S/.test(finding.ruleId) && ((metas.get(finding.ruleId)?.absent as string[] | undefined)?.includes(finding.messageId) ?? false);

export function overlayFindings(src: SourceFile, workspace: WorkspaceFacts, metas: Metas, judges: Judges): Finding[] {
  if (!isKustomizationName(baseName(src.uri))) return [];
  const kustomization = parseKustomization(src);
  // One that patches and transforms nothing, nor do its bases, deploys its bases' objects as written: nothing to build.
  if (!kustomization || isInertKustomization(workspace, workspace.documentPath)) return [];
  const objects = buildKustomization(workspace, kustomization.doc, workspace.documentDir);
  // Reported here is only what this kustomization set, and settings its effective objects lack that the
  // base objects have: when it sets nothing and they are the base objects (but for names), there is none.
  if (objects.every((o) => o.setHere.size === 0 && sameButName(o.value, o.unpatched))) return [];
  const effective = judged(
    objects.map((o) => o.value),
    judges.all,
  );
  const unpatched = judged(
    objects.map((o) => o.unpatched),
    judges.missing,
  );
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const { finding, index, pointer } of effective) {
    if (!/^K8S/.test(finding.ruleId)) continue;
    const object = objects[index];
    const place = isMissingSetting(metas, finding)
      ? placeOfRemovedSetting(
          finding,
          pointer,
          object,
          unpatched.filter((u) => u.index === index),
        )
      : setHere(object, pointer);
    if (!place) continue;
    const key = `${finding.ruleId}|${finding.message}|${place.range.start.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ ...finding, range: place.range, fixes: [], ...(place.related ? { related: place.related } : {}) });
  }
  return out;
}

/** Whether two objects are equal except for `metadata.name` (which namePrefix and nameSuffix change). */
function sameButName(a: JsonObject, b: JsonObject): boolean {
  const withoutName = (o: JsonObject): Json => (isPlainObject(o.metadata) ? { ...o, metadata: { ...o.metadata, name: null } } : o);
  return sameJson(withoutName(a), withoutName(b));
}

const isPlainObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Deep equality of plain JSON values (key order aside). */
function sameJson(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => sameJson(v, b[i]));
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && sameJson(a[k], b[k]));
}

/**
 * The missing settings of the document's objects in the kustomizations that build on it, where the
 * document's own findings (`own`, before suppressions) do not already say so: one finding per object,
 * rule and message at the object's `kind:` line, naming each overlay, each overlay's entry related.
 * Only an object an overlay's namespace, labels or images change can miss more there, and only what it
 * misses beyond the same object as its file has it, both judged alike (without the workspace), counts.
 */
export function baseObjectFindings(src: SourceFile, workspace: WorkspaceFacts, own: readonly Finding[], metas: Metas, judges: Judges): Finding[] {
  if (isKustomizationName(baseName(src.uri))) return [];
  // Of what an overlay's transformers change, a namespace with another Pod Security level and a new image can make a setting required.
  const namespace = (o: JsonObject) => (o.metadata as { namespace?: unknown } | undefined)?.namespace;
  const spec = (o: JsonObject) => JSON.stringify({ ...o, metadata: undefined });
  // Only an overlay that sets a namespace or images on the way to the document can change its objects so.
  const changed = kustomizationsIncluding(workspace).flatMap((overlay) => {
    if (!overlay.retargets) return [];
    const objects = buildKustomization(workspace, overlay.kustomization.doc, overlay.dir).filter(
      (o) => o.origin.path === workspace.documentPath && (judges.levelOf(namespace(o.unpatched)) !== judges.levelOf(namespace(o.original)) || spec(o.unpatched) !== spec(o.original)),
    );
    return objects.length ? [{ overlay, objects }] : [];
  });
  if (changed.length === 0) return [];
  const originals = new Map(changed.flatMap(({ objects }) => objects.map((o) => [o.origin.range.start.line, o.original] as const)));
  const lines = [...originals.keys()];
  const missingAlready = new Set(
    judged([...originals.values()], judges.missing)
      .filter((j) => isMissingSetting(metas, j.finding))
      .map((j) => `${lines[j.index]}|${j.finding.ruleId}|${j.finding.message}`),
  );
  const docs = parseYamlStream(src).documents;
  const groups = new Map<string, { finding: Finding; related: RelatedInfo[]; overlays: string[] }>();
  for (const { overlay, objects } of changed) {
    const name = relativePath(workspace.documentDir, overlay.dir);
    for (const { finding, index } of judged(
      objects.map((o) => o.unpatched),
      judges.missing,
    )) {
      const range = objects[index].origin.range;
      const key = `${range.start.line}|${finding.ruleId}|${finding.message}`;
      if (!isMissingSetting(metas, finding) || missingAlready.has(key)) continue;
      const doc = docs.find((d) => d.range.start.line <= range.start.line && range.start.line <= d.range.end.line);
      const inDoc = (f: Finding) => doc !== undefined && doc.range.start.line <= f.range.start.line && f.range.start.line <= doc.range.end.line;
      if (own.some((f) => f.ruleId === finding.ruleId && f.message === finding.message && inDoc(f))) continue;
      const group = groups.get(key) ?? { finding: { ...finding, range, fixes: [] }, related: [], overlays: [] };
      groups.set(key, group);
      if (group.overlays.includes(name)) continue;
      group.overlays.push(name);
      group.related.push({ path: overlay.path, range: objects[index].entry, message: `The effective object of overlay ${name} lacks this setting` });
    }
  }
  return [...groups.values()].map(({ finding, related, overlays }) => ({
    ...finding,
    message: `${finding.message} (in overlay${overlays.length > 1 ? 's' : ''} ${overlays.join(', ')})`,
    related,
  }));
}

/**
 * The findings of a Kustomize patch file on values a later patch overwrites or removes, in every
 * kustomization that lists the file: no effective object has them, so they are not reported.
 */
export function overriddenPatchValues(src: SourceFile, workspace: WorkspaceFacts, findings: readonly Finding[]): Set<Finding> {
  const overlays = [...kustomizationsPatching(workspace)];
  const out = new Set<Finding>();
  if (overlays.length === 0) return out;
  const overridden = overlays.map((k) => new Set(buildKustomization(workspace, k.kustomization.doc, k.dir).flatMap((o) => [...o.overridden])));
  if (overridden.every((set) => set.size === 0)) return out;
  const docs = parseYamlStream(src).documents;
  for (const finding of findings) {
    if (!/^K8S/.test(finding.ruleId)) continue;
    const offset = src.offsetAt(finding.range.start);
    const doc = docs.find((d) => d.offset <= offset && offset <= d.offset + d.length);
    const key = doc && `${workspace.documentPath}#${pointerAt(doc.contents, offset - doc.offset)}`;
    if (key && overridden.every((set) => set.has(key))) out.add(finding);
  }
  return out;
}

interface JudgedFinding {
  finding: Finding;
  /** The object the finding is about. */
  index: number;
  /** JSON pointer of the deepest node at the finding's start. */
  pointer: string;
}

/** Runs the rules on the objects as one file, and finds the object and field each finding is on. */
function judged(values: object[], analyzeText: AnalyzeText): JudgedFinding[] {
  const text = values.map((v) => stringify(v, { aliasDuplicateObjects: false })).join('---\n');
  const src = new SourceFile(EFFECTIVE_URI, text);
  const docs = parseYamlStream(src).documents;
  return analyzeText(text).flatMap((finding) => {
    const offset = src.offsetAt(finding.range.start);
    const index = docs.findIndex((d) => d.offset <= offset && offset <= d.offset + d.length);
    if (index < 0) return [];
    return [{ finding, index, pointer: pointerAt(docs[index].contents, offset - docs[index].offset) }];
  });
}

/** The JSON pointer of the deepest node of `node` whose range holds `offset`. */
function pointerAt(node: unknown, offset: number, pointer = ''): string {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const keyRange = (pair.key as Node | null)?.range;
      const value = pair.value as Node | null;
      const end = value?.range?.[1] ?? keyRange?.[1] ?? -1;
      if (keyRange && keyRange[0] <= offset && offset <= end) return pointerAt(value, offset, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    }
  } else if (isSeq(node)) {
    const at = node.items.findIndex((item) => {
      const r = (item as Node | null)?.range;
      return r != null && r[0] <= offset && offset <= r[1];
    });
    if (at >= 0) return pointerAt(node.items[at], offset, `${pointer}/${at}`);
  }
  return pointer;
}

/** The entry of this kustomization that set the field at `pointer` or one of its parents last, if any. */
function setHere(object: EffectiveObject, pointer: string): { range: Range; related?: undefined } | undefined {
  for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
    const range = object.setHere.get(p);
    if (range) return { range };
    if (p === '') return undefined;
  }
}

/**
 * A missing setting the base object has: removed by a patch of this kustomization, reported at the entry
 * of the removal nearest the finding (else at the resources entry: a deeper kustomization removed it),
 * the base object related. Undefined when the base object misses it too (the base reports it).
 */
function placeOfRemovedSetting(finding: Finding, pointer: string, object: EffectiveObject, unpatched: JudgedFinding[]): { range: Range; related: RelatedInfo[] } | undefined {
  const name = (value: object) => `"${String((value as { metadata?: { name?: unknown } }).metadata?.name ?? '')}"`;
  // The base object's findings name it as the base does, before namePrefix/nameSuffix.
  const asBase = finding.message.split(name(object.value)).join(name(object.unpatched));
  if (unpatched.some((u) => u.finding.ruleId === finding.ruleId && u.finding.message === asBase)) return undefined;
  const removal = nearestRemoval(object.removedHere, finding, pointer);
  return {
    range: removal?.entry ?? object.entry,
    related: [{ path: object.origin.path, range: object.origin.range, message: `${String(object.value.kind)} ${name(object.unpatched)} in its base, before this kustomization's patches` }],
  };
}

/**
 * The removal a missing setting comes from: the last that removed a field the message names (a rule
 * names the setting it misses), else the one sharing the longest leading path with `pointer`.
 */
function nearestRemoval(removals: readonly Removal[], finding: Finding, pointer: string): Removal | undefined {
  const named = removals.filter((r) => r.fields.some((field) => field.length > 2 && finding.message.includes(field)));
  if (named.length) return named[named.length - 1];
  const segments = pointer.split('/');
  let best: { removal: Removal; shared: number } | undefined;
  for (const removal of removals) {
    const other = removal.pointer.split('/');
    let shared = 0;
    while (shared < segments.length && shared < other.length && segments[shared] === other[shared]) shared++;
    if (!best || shared >= best.shared) best = { removal, shared };
  }
  return best?.removal;
}
