// Findings on the effective objects of a kustomization (issue 11): its local bases with its patches and
// transformers applied, judged by the same rules, each finding placed where the user changes it.
// - A value this kustomization set (an `images` entry, `namespace`, `replicas`, an inline or JSON 6902
//   patch) is reported at that entry. A value a base or a strategic-merge patch file wrote is reported
//   by that file's own analysis, not again here.
// - A setting the effective object lacks while the object as its bases deliver it has it (a patch
//   deleted or replaced it) is reported at the resources entry, with the base object as related information.
import { stringify } from 'yaml';
import { isMap, isScalar, isSeq, parseYamlStream, type Node } from './parse/yaml';
import type { Finding, Range, RuleMeta } from './model';
import { SourceFile } from './source';
import { baseName } from './detect';
import { isKustomizationName, parseKustomization } from './parse/kustomization';
import { buildKustomization, type EffectiveObject } from './workspace/kustomizeBuild';
import type { WorkspaceFacts } from './workspace/facts';

/** The findings of a multi-document text, as `analyze` gives them for a standalone Kubernetes file named EFFECTIVE_URI. */
type AnalyzeText = (text: string) => Finding[];

/** The name the effective objects are judged under: a plain YAML file, no kustomization (so no recursion). */
export const EFFECTIVE_URI = 'effective.yaml';

export function overlayFindings(src: SourceFile, workspace: WorkspaceFacts, metas: ReadonlyMap<string, RuleMeta>, analyzeText: AnalyzeText): Finding[] {
  if (!isKustomizationName(baseName(src.uri))) return [];
  const kustomization = parseKustomization(src);
  if (!kustomization) return [];
  const objects = buildKustomization(workspace, kustomization.doc, workspace.documentDir);
  if (objects.length === 0) return [];
  const effective = judged(
    objects.map((o) => o.value),
    analyzeText,
  );
  const before = judged(
    objects.map((o) => o.before),
    analyzeText,
  );
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const { finding, index, pointer } of effective) {
    if (!/^K8S/.test(finding.ruleId)) continue;
    const object = objects[index];
    const absent = (metas.get(finding.ruleId)?.absent as string[] | undefined)?.includes(finding.messageId) ?? false;
    const place = absent ? placeOfLostSetting(finding, index, object, before) : setHere(object, pointer);
    if (!place) continue;
    const key = `${finding.ruleId}|${finding.message}|${place.range.start.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ ...finding, range: place.range, fixes: [], ...(place.related ? { related: place.related } : {}) });
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

/** A missing setting the bases did not miss: at the resources entry, the base object as related information. */
function placeOfLostSetting(finding: Finding, index: number, object: EffectiveObject, before: JudgedFinding[]): { range: Range; related: Finding['related'] } | undefined {
  const same = (b: JudgedFinding) => b.index === index && b.finding.ruleId === finding.ruleId && b.finding.message === finding.message;
  if (before.some(same)) return undefined;
  const meta = object.value.metadata as { name?: unknown } | undefined;
  return {
    range: object.entry,
    related: [{ path: object.origin.path, range: object.origin.range, message: `${String(object.value.kind)} "${String(meta?.name ?? '')}" before this kustomization's patches` }],
  };
}
