// Object-level helpers for the Kubernetes rules K8S040-K8S079: anchors for findings about a whole
// object, labels, env entries, and the references those rules share.
import type { Range, Reference } from '../model';
import type { Container, K8sObject, PodSpec } from './kubernetes';
import { isTemplatedPath, keptPer } from './kubernetes';
import type { Node, Pair, Scalar } from './yaml';
import { isScalar } from './yaml';

/** Where a finding about a whole object goes: its `metadata.name` value, else the `kind:` value. */
export function objectRange(object: K8sObject): Range {
  const doc = object.doc;
  const name = doc.get(object.metadata, 'name');
  return doc.rangeOf(name && isScalar(name) ? name : (object.kindPair.value ?? object.kindPair.key));
}

/** Where a finding about a whole pod goes: its object, or for one pod of several (a RayCluster's head and worker groups) that pod's own `spec:` key. */
export function podRange(podSpec: PodSpec): Range {
  return podSpec.oneOfSeveral ? podSpec.object.doc.rangeOf(podSpec.key) : objectRange(podSpec.object);
}

/** `Kind "name"` (or `Kind` alone), as messages name objects. */
export function describeObject(object: K8sObject): string {
  return object.name ? `${object.kind} "${object.name}"` : object.kind;
}

/** String labels of a map (`metadata.labels`); undefined when a template decides them. */
export function stringMap(object: K8sObject, node: Node | undefined): Record<string, string> | undefined {
  const doc = object.doc;
  const out: Record<string, string> = {};
  if (node && doc.isTemplated(node)) return undefined;
  for (const { key, pair } of doc.entries(node)) {
    const v = doc.deref(pair.value);
    if (doc.isTemplated(pair.key as Node) || (v && doc.isTemplated(v))) return undefined;
    out[key] = isScalar(v) && v.value !== null ? String(v.value) : '';
  }
  return out;
}

/** An object's `metadata.labels` as `stringMap` reads them ({} when none or templated), read once per object: the RBAC model, rules and the workspace index ask for them. */
export const objectLabels: (object: K8sObject) => Readonly<Record<string, string>> = keptPer((object) => stringMap(object, object.doc.get(object.metadata, 'labels')) ?? {});

/** Kinds that live outside namespaces (metadata.namespace means nothing on them). */
export const CLUSTER_SCOPED_KINDS = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'StorageClass',
  'PriorityClass',
  'RuntimeClass',
  'IngressClass',
  'CSIDriver',
  'CSINode',
  'VolumeAttachment',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'MutatingAdmissionPolicy',
  'MutatingAdmissionPolicyBinding',
  'APIService',
  'PodSecurityPolicy',
  'SecurityContextConstraints',
  'CertificateSigningRequest',
  'ClusterIssuer',
  'FlowSchema',
  'PriorityLevelConfiguration',
  'Config',
  'ComponentStatus',
  'ClusterRoleBindingList',
]);

/** One `env:` entry of a container with a name. */
export interface EnvEntry {
  name: string;
  node: Node;
  nameNode: Scalar;
  /** The `value:` pair, when the entry has a literal value. */
  valuePair?: Pair<Scalar, Node | null>;
}

/** A container's named `env:` entries, read once per container for the rules that judge them. */
export const envEntries: (c: Container) => readonly EnvEntry[] = keptPer((c) => {
  const doc = c.podSpec.object.doc;
  const out: EnvEntry[] = [];
  for (const item of doc.items(doc.get(c.node, 'env'))) {
    const nameNode = doc.get(item, 'name');
    if (!isScalar(nameNode) || typeof nameNode.value !== 'string' || doc.isTemplated(nameNode)) continue;
    out.push({ name: nameNode.value, node: item, nameNode: nameNode as Scalar, valuePair: doc.pair(item, 'value') });
  }
  return out;
});

/** String items of a container's `command` and `args`. */
export function commandLine(c: Container): string[] {
  const doc = c.podSpec.object.doc;
  return ['command', 'args'].flatMap((key) =>
    doc
      .items(doc.get(c.node, key))
      .filter(isScalar)
      .map((s) => String(s.value)),
  );
}

const CIS_K8S = 'https://www.cisecurity.org/benchmark/kubernetes';

/** A CIS Kubernetes Benchmark section (the union type has no CIS-Kubernetes variant; cite it by address). */
export function cisKubernetes(section: string, title: string): Reference {
  return { standard: 'url', title: `CIS Kubernetes Benchmark ${section}: ${title}`, href: CIS_K8S };
}

export const NSA_CISA_HARDENING: Reference = {
  standard: 'url',
  title: 'NSA/CISA Kubernetes Hardening Guidance',
  href: 'https://media.defense.gov/2022/Aug/29/2003066362/-1/-1/0/CTR_KUBERNETES_HARDENING_GUIDANCE_1.2_20220829.PDF',
};

export const RBAC_GOOD_PRACTICES: Reference = {
  standard: 'url',
  title: 'Kubernetes: Role Based Access Control good practices',
  href: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/',
};

export interface ContainerPort {
  port: number;
  protocol: string;
  node: Node;
}

/** `ports[].containerPort` values of a container (numbers only; templated or named ports are skipped), read once per container. */
export const containerPorts: (c: Container) => readonly ContainerPort[] = keptPer((c) => {
  const doc = c.podSpec.object.doc;
  const out: ContainerPort[] = [];
  for (const item of doc.items(doc.get(c.node, 'ports'))) {
    const node = doc.get(item, 'containerPort');
    if (!isScalar(node) || doc.isTemplated(node)) continue;
    const port = typeof node.value === 'number' ? node.value : /^\d+$/.test(String(node.value)) ? Number(node.value) : NaN;
    const protocol = doc.scalar(item, 'protocol');
    if (Number.isInteger(port)) out.push({ port, protocol: typeof protocol === 'string' ? protocol.toUpperCase() : 'TCP', node });
  }
  return out;
});

/**
 * The service account a pod spec runs as (`serviceAccountName`, the deprecated `serviceAccount`, else
 * `default`). The API server treats an empty name as unset: `serviceAccountName: ""` is `default`.
 */
export function podServiceAccount(podSpec: PodSpec): { name: string; node?: Node; templated: boolean } {
  const doc = podSpec.object.doc;
  let empty: Node | undefined;
  for (const key of ['serviceAccountName', 'serviceAccount']) {
    const node = doc.get(podSpec.node, key);
    const templated = !!node && doc.isTemplated(node);
    if (node && isScalar(node) && node.value === '' && !templated) empty ??= node;
    else if (node && isScalar(node) && node.value !== null) return { name: String(node.value), node, templated };
    if (isTemplatedPath(doc, podSpec.node, key)) return { name: '', templated: true };
  }
  return { name: 'default', ...(empty ? { node: empty } : {}), templated: false };
}

/** ServiceAccounts named as subjects of a binding in the file, as `namespace/name` (namespace may be `*`). */
export function boundServiceAccounts(bindings: ReadonlyArray<{ object: K8sObject; subjects: Array<{ kind: string; name: string; namespace?: string }> }>): Set<string> {
  const out = new Set<string>();
  for (const b of bindings) for (const s of b.subjects) if (s.kind === 'ServiceAccount') out.add(`${s.namespace ?? b.object.namespace ?? '*'}/${s.name}`);
  return out;
}

/** The names of a bound set whatever their namespace, built once per set: rules ask for every ServiceAccount. */
const boundNames = new WeakMap<Set<string>, Set<string>>();

export function isBound(bound: Set<string>, namespace: string | undefined, name: string): boolean {
  if (namespace !== undefined) return bound.has(`${namespace}/${name}`) || bound.has(`*/${name}`);
  let names = boundNames.get(bound);
  if (!names) boundNames.set(bound, (names = new Set([...bound].map((k) => k.slice(k.indexOf('/') + 1)))));
  return names.has(name);
}
