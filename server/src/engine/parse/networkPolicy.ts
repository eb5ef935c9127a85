// NetworkPolicy selection: label selectors (matchLabels, matchExpressions In/NotIn/Exists/DoesNotExist),
// namespace scoping and workload labels, as plain serialisable facts so the server can gather the
// policies of the whole workspace and hand them to K8S069 (`options.workspace.networkPolicies`) and
// to the cross-file dangling-policy rule.
import type { Range } from '../model';
import type { K8sModel, K8sObject } from './kubernetes';
import { isTemplatedPath, keptPer } from './kubernetes';
import type { Node } from './yaml';
import { isMap, isScalar } from './yaml';
import { objectRange, stringMap } from './k8sObjects';

export interface LabelRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values: string[];
}

/** A Kubernetes label selector; `{}` (no labels, no expressions) selects everything. */
export interface LabelSelector {
  matchLabels: Record<string, string>;
  matchExpressions: LabelRequirement[];
}

/** One NetworkPolicy, as the workspace index passes it around. */
export interface NetworkPolicyFacts {
  /** File the policy came from (for related information and the dangling rule). */
  uri?: string;
  name?: string;
  /** `metadata.namespace`; undefined = wherever it is applied (matches any namespace). */
  namespace?: string;
  /** null when a template or an unknown operator decides it: treated as selecting every pod. */
  podSelector: LabelSelector | null;
  /** Effective policyTypes (Ingress always unless listed otherwise; Egress when listed or egress rules exist). */
  policyTypes: Array<'Ingress' | 'Egress'>;
  /** Range of the policy's name (or kind) in its file. */
  range?: Range;
}

/** A pod-carrying object, as the selection functions see it. */
export interface WorkloadFacts {
  uri?: string;
  kind: string;
  name?: string;
  namespace?: string;
  /** Pod template labels; null when a template decides them (treated as selected by anything). */
  labels: Record<string, string> | null;
  range?: Range;
}

const OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

/** Whether `operator` is one a label selector accepts. */
export const isLabelOperator = (operator: unknown): operator is LabelRequirement['operator'] => typeof operator === 'string' && OPERATORS.has(operator);

/** Parses a label selector node; null when templated or malformed, `{}` for an empty or absent one. */
export function parseSelector(object: K8sObject, node: Node | undefined): LabelSelector | null {
  const doc = object.doc;
  if (node === undefined || (isScalar(node) && node.value === null)) return { matchLabels: {}, matchExpressions: [] };
  if (doc.isTemplated(node) || !isMap(node)) return null;
  const labels = stringMap(object, doc.get(node, 'matchLabels'));
  if (!labels) return null;
  const matchExpressions: LabelRequirement[] = [];
  for (const item of doc.items(doc.get(node, 'matchExpressions'))) {
    const key = doc.scalar(item, 'key');
    const operator = doc.scalar(item, 'operator');
    if (typeof key !== 'string' || !isLabelOperator(operator) || doc.isTemplated(item)) return null;
    const values = doc
      .items(doc.get(item, 'values'))
      .filter(isScalar)
      .map((v) => String(v.value));
    matchExpressions.push({ key, operator, values });
  }
  return { matchLabels: labels, matchExpressions };
}

/** `key in (a, b)` / `key notin (a, b)`, `!key`, `key=value` / `key==value` / `key!=value`, `key`: the forms of a selector's text. */
const SET_REQUIREMENT = /^([A-Za-z0-9][-A-Za-z0-9_./]*)\s+(in|notin)\s*\(([^()]*)\)$/;
const NOT_EXISTS_REQUIREMENT = /^!\s*([A-Za-z0-9][-A-Za-z0-9_./]*)$/;
const EQUALITY_REQUIREMENT = /^([A-Za-z0-9][-A-Za-z0-9_./]*)\s*(==|=|!=)\s*([-A-Za-z0-9_.]*)$/;
const EXISTS_REQUIREMENT = /^[A-Za-z0-9][-A-Za-z0-9_./]*$/;
const SET_VALUE = /^[-A-Za-z0-9_.]*$/;

/**
 * A label selector written as text (`app=web,tier!=db,env in (prod,staging),!legacy`), as Kubernetes
 * parses it: `=` is In one value, `!=` NotIn (absent keys match); undefined when malformed.
 */
export function parseSelectorText(text: string): LabelSelector | undefined {
  const selector: LabelSelector = { matchLabels: {}, matchExpressions: [] };
  if (text.trim() === '') return selector;
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')' && --depth < 0) return undefined;
    else if ((c === ',' && depth === 0) || i === text.length) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  for (const part of parts) {
    const set = SET_REQUIREMENT.exec(part);
    const notExists = NOT_EXISTS_REQUIREMENT.exec(part);
    const equality = EQUALITY_REQUIREMENT.exec(part);
    if (set) {
      const values = set[3].split(',').map((v) => v.trim());
      if (!values.every((v) => SET_VALUE.test(v))) return undefined;
      selector.matchExpressions.push({ key: set[1], operator: set[2] === 'in' ? 'In' : 'NotIn', values });
    } else if (notExists) selector.matchExpressions.push({ key: notExists[1], operator: 'DoesNotExist', values: [] });
    else if (equality) selector.matchExpressions.push({ key: equality[1], operator: equality[2] === '!=' ? 'NotIn' : 'In', values: [equality[3]] });
    else if (EXISTS_REQUIREMENT.test(part)) selector.matchExpressions.push({ key: part, operator: 'Exists', values: [] });
    else return undefined;
  }
  return selector;
}

/** Kubernetes selector semantics: every label must match and every requirement hold. */
export function selectorMatches(selector: LabelSelector, labels: Record<string, string>): boolean {
  for (const [k, v] of Object.entries(selector.matchLabels)) if (labels[k] !== v) return false;
  for (const r of selector.matchExpressions) {
    const has = Object.prototype.hasOwnProperty.call(labels, r.key);
    switch (r.operator) {
      case 'In':
        if (!has || !r.values.includes(labels[r.key])) return false;
        break;
      case 'NotIn':
        if (has && r.values.includes(labels[r.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
    }
  }
  return true;
}

/** Namespaces match when equal or when either side leaves it to the tool that applies the file. */
export function sameNamespace(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}

/** Whether a policy's podSelector picks a workload's pods. */
export function policySelects(policy: NetworkPolicyFacts, workload: WorkloadFacts): boolean {
  if (!sameNamespace(policy.namespace, workload.namespace)) return false;
  if (policy.podSelector === null || workload.labels === null) return true;
  return selectorMatches(policy.podSelector, workload.labels);
}

// Matching every policy against every workload is quadratic: a 1.3 MB file of 4,000 policies and
// 4,000 workloads took 20 s. A policy whose selector requires labels can only select workloads
// carrying its first one, so both sides are looked up by that label instead.

const labelKey = (key: string, value: string): string => `${key}\u0000${value}`;

/** The first `key=value` a policy's selector requires, or undefined when it requires none. */
function firstRequiredLabel(policy: NetworkPolicyFacts): string | undefined {
  const first = policy.podSelector ? Object.entries(policy.podSelector.matchLabels)[0] : undefined;
  return first && labelKey(first[0], first[1]);
}

/** Positions of the policies of a list by their first required label, and of those requiring none. */
interface PolicyIndex {
  byLabel: Map<string, number[]>;
  unlabeled: number[];
}

/** Built once per list: a rule asks `policiesSelecting` with the same list for every workload of a file. */
const policyIndexes = new WeakMap<readonly NetworkPolicyFacts[], PolicyIndex>();

function policyIndex(policies: readonly NetworkPolicyFacts[]): PolicyIndex {
  let index = policyIndexes.get(policies);
  if (index) return index;
  index = { byLabel: new Map(), unlabeled: [] };
  for (let i = 0; i < policies.length; i++) {
    const label = firstRequiredLabel(policies[i]);
    if (label === undefined) index.unlabeled.push(i);
    else if (index.byLabel.has(label)) index.byLabel.get(label)!.push(i);
    else index.byLabel.set(label, [i]);
  }
  policyIndexes.set(policies, index);
  return index;
}

/** Positions of the policies that may select a workload (all of them when a template decides its labels), ascending. */
function candidatePositions(workload: WorkloadFacts, policies: readonly NetworkPolicyFacts[]): number[] {
  if (workload.labels === null) return policies.map((_, i) => i);
  const index = policyIndex(policies);
  const candidates = [...index.unlabeled];
  for (const [key, value] of Object.entries(workload.labels)) candidates.push(...(index.byLabel.get(labelKey(key, value)) ?? []));
  return candidates.sort((a, b) => a - b);
}

/** The policies that select a workload, in list order. */
export function policiesSelecting(workload: WorkloadFacts, policies: readonly NetworkPolicyFacts[]): NetworkPolicyFacts[] {
  return candidatePositions(workload, policies)
    .map((i) => policies[i])
    .filter((p) => policySelects(p, workload));
}

/**
 * How a workload's ingress is isolated: some selecting policy governs Ingress (`ingress`), only Egress
 * policies select it (`egressOnly`), or none does. K8S069 asks this of every workload of a stream of
 * hundreds: the first Ingress policy selecting it ends the search, none of the list is kept.
 */
export function ingressIsolation(workload: WorkloadFacts, policies: readonly NetworkPolicyFacts[]): 'ingress' | 'egressOnly' | 'none' {
  let selected = false;
  for (const i of candidatePositions(workload, policies)) {
    const policy = policies[i];
    if (!policySelects(policy, workload)) continue;
    if (policy.policyTypes.includes('Ingress')) return 'ingress';
    selected = true;
  }
  return selected ? 'egressOnly' : 'none';
}

/** Policies that select none of the workloads (the cross-file `cross-k8s-dangling-network-policy` check). */
export function danglingPolicies(policies: NetworkPolicyFacts[], workloads: readonly WorkloadFacts[]): NetworkPolicyFacts[] {
  // Workloads by each label they carry; those whose labels a template decides can be selected by any policy.
  const byLabel = new Map<string, WorkloadFacts[]>();
  const templated: WorkloadFacts[] = [];
  for (const w of workloads) {
    if (w.labels === null) templated.push(w);
    else
      for (const [key, value] of Object.entries(w.labels)) {
        const label = labelKey(key, value);
        if (byLabel.has(label)) byLabel.get(label)!.push(w);
        else byLabel.set(label, [w]);
      }
  }
  return policies.filter((p) => {
    const label = firstRequiredLabel(p);
    const selects = (w: WorkloadFacts): boolean => policySelects(p, w);
    return label === undefined ? !workloads.some(selects) : !templated.some(selects) && !(byLabel.get(label) ?? []).some(selects);
  });
}

function isNetworkPolicy(object: K8sObject): boolean {
  return object.kind === 'NetworkPolicy' && /^(networking\.k8s\.io|extensions)\//.test(object.apiVersion);
}

/**
 * The NetworkPolicies of one file (no `uri`: the workspace index adds it), read once per model: the
 * workspace index summarizes the file just analyzed from its model, and two rules read them too.
 * Shared: callers must not change them.
 */
export function networkPolicyFacts(k8s: K8sModel): readonly NetworkPolicyFacts[] {
  return modelPolicies(k8s);
}

const modelPolicies = keptPer((k8s: K8sModel): readonly NetworkPolicyFacts[] => {
  const out: NetworkPolicyFacts[] = [];
  for (const object of k8s.objects) {
    if (!isNetworkPolicy(object)) continue;
    const doc = object.doc;
    const spec = doc.get(object.node, 'spec');
    const listed = doc
      .items(doc.get(spec, 'policyTypes'))
      .filter(isScalar)
      .map((s) => String(s.value));
    const policyTypes: NetworkPolicyFacts['policyTypes'] = listed.length
      ? (['Ingress', 'Egress'] as const).filter((t) => listed.includes(t))
      : doc.get(spec, 'egress') !== undefined
        ? ['Ingress', 'Egress']
        : ['Ingress'];
    out.push({
      name: object.name,
      namespace: object.namespace,
      podSelector: isTemplatedPath(doc, spec, 'podSelector') ? null : parseSelector(object, doc.get(spec, 'podSelector')),
      policyTypes,
      range: objectRange(object),
    });
  }
  return out;
});

/** Kinds NetworkPolicies are about: long-running or batch pods (PodTemplate is only a template). */
const WORKLOAD_KINDS = new Set(['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob', 'DeploymentConfig']);

/**
 * The pod-carrying objects of one file (no `uri`, as networkPolicyFacts); host-network pods are left out
 * (NetworkPolicies do not apply to them). Read once per model and shared, as networkPolicyFacts.
 */
export function workloadFacts(k8s: K8sModel): ReadonlyArray<WorkloadFacts & { object: K8sObject }> {
  return modelWorkloads(k8s);
}

const modelWorkloads = keptPer((k8s: K8sModel): ReadonlyArray<WorkloadFacts & { object: K8sObject }> => {
  const out: Array<WorkloadFacts & { object: K8sObject }> = [];
  for (const podSpec of k8s.podSpecs) {
    const object = podSpec.object;
    const doc = object.doc;
    if (!WORKLOAD_KINDS.has(object.kind) || doc.scalar(podSpec.node, 'hostNetwork') === true) continue;
    const labelsNode = doc.get(podSpec.template, 'metadata', 'labels');
    const labels = isTemplatedPath(doc, podSpec.template, 'metadata', 'labels') ? undefined : stringMap(object, labelsNode);
    out.push({ kind: object.kind, name: object.name, namespace: object.namespace, labels: labels ?? null, range: objectRange(object), object });
  }
  return out;
});
