// Findings on what an Argo `podSpecPatch` sets (issue 11). The patch is a string (JSON or YAML, merged
// by Argo over the pod spec it builds for a template), so the rules never see the values in it. Each
// patch that parses (bounded in length, nesting and aliases) is judged as a pod of its own holding only
// what the patch sets: only rules that judge a present value may fire (a missing setting is the
// template's, and unknown there), each finding on the `podSpecPatch` key. A patch that does not parse,
// or is not a mapping, says nothing: its values are unknown, never a finding.
import { stringify } from 'yaml';
import type { Finding, RuleMeta } from './model';
import { SourceFile } from './source';
import { parseYamlStream, type Node, type YamlDocument } from './parse/yaml';
import type { K8sModel } from './parse/kubernetes';

/** Longer patch strings are left unknown: no real one comes near it. */
const MAX_PATCH_LENGTH = 64 * 1024;
/** The name a patch is parsed and judged under (a plain YAML file: no workspace, no recursion). */
export const PATCH_URI = 'podSpecPatch.yaml';
/** The kinds whose templates (and spec) may carry a `podSpecPatch`, with the path to the workflow spec. */
const ARGO_WORKFLOW_SPECS: Record<string, string[]> = { Workflow: ['spec'], WorkflowTemplate: ['spec'], ClusterWorkflowTemplate: ['spec'], CronWorkflow: ['spec', 'workflowSpec'] };

/** `judge`: the findings of a standalone Kubernetes text, as `analyze` gives them. */
export function podSpecPatchFindings(k8s: K8sModel, judge: (text: string) => Finding[], metas: ReadonlyMap<string, RuleMeta>): Finding[] {
  const out: Finding[] = [];
  for (const { key, text, name } of podSpecPatches(k8s)) {
    const spec = parsedPatch(text);
    if (!spec) continue;
    const range = key.doc.rangeOf(key.node);
    const seen = new Set<string>();
    for (const finding of judge(stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec }, { aliasDuplicateObjects: false }))) {
      const absent = (metas.get(finding.ruleId)?.absent as string[] | undefined) ?? [];
      const id = `${finding.ruleId}|${finding.message}`;
      if (!/^K8S/.test(finding.ruleId) || absent.includes(finding.messageId) || seen.has(id)) continue;
      seen.add(id);
      out.push({ ...finding, range, fixes: [] });
    }
  }
  return out;
}

/** Every `podSpecPatch` string of the model's Argo workflows (the workflow's, then each template's), with its key and whose it is. */
interface PodSpecPatch {
  key: { doc: YamlDocument; node: Node };
  text: unknown;
  /** The template's name, or the workflow's for its own patch. */
  name: string;
}

function podSpecPatches(k8s: K8sModel): PodSpecPatch[] {
  const out: PodSpecPatch[] = [];
  for (const object of k8s.objects) {
    const path = object.apiVersion.startsWith('argoproj.io/') && Object.hasOwn(ARGO_WORKFLOW_SPECS, object.kind) ? ARGO_WORKFLOW_SPECS[object.kind] : undefined;
    const { doc } = object;
    const spec = path && doc.get(object.node, ...path);
    if (!spec) continue;
    const owners = [{ node: spec, name: object.name ?? '' }, ...doc.items(doc.get(spec, 'templates')).map((t) => ({ node: t, name: String(doc.scalar(t, 'name') ?? object.name ?? '') }))];
    for (const { node, name } of owners) {
      const pair = doc.pair(node, 'podSpecPatch');
      if (pair?.key) out.push({ key: { doc, node: pair.key as Node }, text: doc.scalar(node, 'podSpecPatch'), name });
    }
  }
  return out;
}

/** The patch's value when it is one mapping that parses without errors, else undefined (unknown). */
function parsedPatch(text: unknown): Record<string, unknown> | undefined {
  if (typeof text !== 'string' || text.length > MAX_PATCH_LENGTH) return undefined;
  const documents = parseYamlStream(new SourceFile(PATCH_URI, text)).documents;
  if (documents.length !== 1 || documents[0].doc.errors.length > 0) return undefined;
  try {
    const value = documents[0].doc.toJS({ maxAliasCount: 100 }) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined; // too many aliases
  }
}
