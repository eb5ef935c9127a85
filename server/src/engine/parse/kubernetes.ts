// Kubernetes model: every object of every document (List items included), and one abstraction over
// every pod-spec carrier so container rules are written once (kube-linter's idea).
import type { Node, Pair, Scalar, YamlDocument } from './yaml';
import { hasTemplates, isMap, isScalar, isSeq, maskTemplates, parseYamlStream } from './yaml';
import type { SourceFile } from '../source';
import type { Position, Range } from '../model';

export interface K8sObject {
  doc: YamlDocument;
  node: Node;
  apiVersion: string;
  kind: string;
  name?: string;
  namespace?: string;
  /** The `kind:` pair, anchor for object-level "missing field" findings. */
  kindPair: Pair<Scalar, Node | null>;
  /** The `metadata:` value (aliases followed), when written: rules and the workspace index read its fields. */
  metadata: Node | undefined;
  /**
   * Holds only part of what is deployed (a Kustomize patch, a Tekton Task whose pod the TaskRun sets):
   * findings about a setting left out (RuleMeta.absent) do not apply to it.
   */
  partial?: boolean;
}

export type ContainerGroup = 'containers' | 'initContainers' | 'ephemeralContainers';

export interface PodSpec {
  object: K8sObject;
  /** The pod spec mapping. */
  node: Node;
  /** The mapping holding the pod spec: the pod template, whose `metadata` is the pod's, or the object itself for a Pod. */
  template: Node;
  /** The key of the pod spec in its template (`spec:`), anchor for pod-level "missing field" findings. */
  key: Node;
  /** Its object carries other pods too (a RayCluster's head and worker groups): findings about the pod then anchor on its own key. */
  oneOfSeveral: boolean;
  /** Its containers of every group (filled with the model: rules look them up per pod, never by scanning all). */
  containers: Container[];
}

export interface Container {
  podSpec: PodSpec;
  group: ContainerGroup;
  name: string;
  node: Node;
  /** Anchor for "missing field" findings: the `name:` value, or the item itself. */
  anchor: Node;
  /**
   * The node whose `securityContext` is the pod's for this container: the pod spec, or the Argo
   * template that sets its own (it replaces the workflow's for that template's pod).
   */
  podOwner: Node;
}

/**
 * A key path from an object to a pod spec. `*` stands for every item of a list or every value of a
 * mapping: a carrier of several pods (one per role or replica group) has one pod spec per match.
 */
type PodSpecPath = string[];

/** Where each carrier keeps its pod spec, whatever its API group (DeploymentConfig is OpenShift's, OpenKruise reuses StatefulSet/DaemonSet). */
const POD_SPEC_PATHS: Record<string, PodSpecPath> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  DeploymentConfig: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  PodTemplate: ['template', 'spec'],
};

/**
 * Custom resources that carry a pod template, by API group and kind (a Knative `Service` is not a core
 * Service). A carrier whose containers are not the pod spec's own lists names them; a `partial` one
 * holds only part of the pod (a Tekton Task's pod-level settings live in the TaskRun), so only rules
 * judging a present value apply to it.
 */
/**
 * A container of a carrier; `fallbackName` names it when it has no `name:` (an Argo template's
 * `container:`); `podOwner` holds the pod-level securityContext when not the pod spec; `unknown` is a
 * node whose missing settings are unknown (a template a podSpecPatch may complete).
 */
interface CarriedContainer {
  group: ContainerGroup;
  node: Node;
  fallbackName?: string;
  podOwner?: Node;
  unknown?: Node;
}

interface CustomCarrier {
  paths: PodSpecPath[];
  containers?: (doc: YamlDocument, podSpec: Node) => CarriedContainer[];
  partial?: boolean;
}

const ARGO_WORKFLOW: CustomCarrier = { paths: [['spec']], containers: argoTemplateContainers };
const TEMPLATE_SPEC: CustomCarrier = { paths: [['spec', 'template', 'spec']] };
/** A Ray cluster's head pod and each worker group's pods. */
const rayClusterPaths = (...prefix: string[]): PodSpecPath[] => [
  [...prefix, 'headGroupSpec', 'template', 'spec'],
  [...prefix, 'workerGroupSpecs', '*', 'template', 'spec'],
];
/** A Kubeflow training job's pods, one template per replica role (Master, Worker, PS, Launcher…). */
const replicaSpecs = (key: string): CustomCarrier => ({ paths: [['spec', key, '*', 'template', 'spec']] });
const CUSTOM_CARRIERS: Record<string, Record<string, CustomCarrier>> = {
  'argoproj.io': {
    Rollout: TEMPLATE_SPEC,
    Workflow: ARGO_WORKFLOW,
    WorkflowTemplate: ARGO_WORKFLOW,
    ClusterWorkflowTemplate: ARGO_WORKFLOW,
    CronWorkflow: { paths: [['spec', 'workflowSpec']], containers: argoTemplateContainers },
  },
  'serving.knative.dev': { Service: TEMPLATE_SPEC, Configuration: TEMPLATE_SPEC, Revision: { paths: [['spec']] } },
  'apps.kruise.io': {
    CloneSet: TEMPLATE_SPEC,
    AdvancedStatefulSet: TEMPLATE_SPEC,
    AdvancedDaemonSet: TEMPLATE_SPEC,
    BroadcastJob: TEMPLATE_SPEC,
  },
  'keda.sh': { ScaledJob: { paths: [['spec', 'jobTargetRef', 'template', 'spec']] } },
  'tekton.dev': {
    Task: { paths: [['spec']], containers: tektonStepContainers, partial: true },
    ClusterTask: { paths: [['spec']], containers: tektonStepContainers, partial: true },
    TaskRun: { paths: [['spec']], containers: (doc, spec) => tektonStepContainers(doc, doc.get(spec, 'taskSpec')), partial: true },
    Pipeline: { paths: [['spec']], containers: tektonPipelineContainers, partial: true },
    PipelineRun: { paths: [['spec']], containers: (doc, spec) => tektonPipelineContainers(doc, doc.get(spec, 'pipelineSpec')), partial: true },
  },
  'ray.io': {
    RayCluster: { paths: rayClusterPaths('spec') },
    RayService: { paths: rayClusterPaths('spec', 'rayClusterConfig') },
    RayJob: { paths: [...rayClusterPaths('spec', 'rayClusterSpec'), ['spec', 'submitterPodTemplate', 'spec']] },
  },
  'kubeflow.org': {
    PyTorchJob: replicaSpecs('pytorchReplicaSpecs'),
    TFJob: replicaSpecs('tfReplicaSpecs'),
    MPIJob: replicaSpecs('mpiReplicaSpecs'),
    XGBoostJob: replicaSpecs('xgbReplicaSpecs'),
    PaddleJob: replicaSpecs('paddleReplicaSpecs'),
    JAXJob: replicaSpecs('jaxReplicaSpecs'),
    MXJob: replicaSpecs('mxReplicaSpecs'),
  },
  'jobset.x-k8s.io': { JobSet: { paths: [['spec', 'replicatedJobs', '*', 'template', 'spec', 'template', 'spec']] } },
  'leaderworkerset.x-k8s.io': {
    LeaderWorkerSet: {
      paths: [
        ['spec', 'leaderWorkerTemplate', 'leaderTemplate', 'spec'],
        ['spec', 'leaderWorkerTemplate', 'workerTemplate', 'spec'],
      ],
    },
  },
  'batch.volcano.sh': { Job: { paths: [['spec', 'tasks', '*', 'template', 'spec']] } },
};

/**
 * An Argo workflow's pods are its templates': each template's `container`, `script`, `containerSet`,
 * init containers and sidecars. As Argo builds the pod, a template's own `securityContext` replaces the
 * workflow's (no merge), and a `podSpecPatch` (the template's or the workflow's, a strategic merge on
 * the pod spec written as a string) may set any field: the template's missing settings are then unknown.
 */
function argoTemplateContainers(doc: YamlDocument, spec: Node): CarriedContainer[] {
  const out: CarriedContainer[] = [];
  const workflowPatch = hasValue(doc, spec, 'podSpecPatch');
  for (const template of doc.items(doc.get(spec, 'templates'))) {
    const templateName = doc.scalar(template, 'name');
    const fallbackName = typeof templateName === 'string' ? templateName : undefined;
    const podOwner = hasValue(doc, template, 'securityContext') ? template : undefined;
    const unknown = workflowPatch || hasValue(doc, template, 'podSpecPatch') ? template : undefined;
    const carried = (group: ContainerGroup, node: Node): CarriedContainer => ({ group, node, fallbackName, podOwner, unknown });
    for (const key of ['container', 'script']) {
      const node = doc.get(template, key);
      if (node && isMap(node)) out.push(carried('containers', node));
    }
    for (const node of doc.items(doc.get(template, 'containerSet', 'containers'))) out.push(carried('containers', node));
    for (const node of doc.items(doc.get(template, 'initContainers'))) out.push(carried('initContainers', node));
    for (const node of doc.items(doc.get(template, 'sidecars'))) out.push(carried('containers', node));
  }
  return out;
}

/** Whether `key` under `node` holds something (not absent, not `null`). */
function hasValue(doc: YamlDocument, node: Node, key: string): boolean {
  const value = doc.get(node, key);
  return value !== undefined && !(isScalar(value) && value.value === null);
}

/** A Tekton Task's steps and sidecars are the containers of the pod a TaskRun starts (also a TaskRun's or a pipeline task's inline `taskSpec`). */
function tektonStepContainers(doc: YamlDocument, spec: Node | undefined): CarriedContainer[] {
  return ['steps', 'sidecars'].flatMap((key) => doc.items(doc.get(spec, key)).map((node) => ({ group: 'containers' as const, node })));
}

/** The steps of the tasks a Pipeline (or a PipelineRun's `pipelineSpec`) writes inline (`tasks[].taskSpec`, `finally[].taskSpec`). */
function tektonPipelineContainers(doc: YamlDocument, spec: Node | undefined): CarriedContainer[] {
  return ['tasks', 'finally'].flatMap((key) => doc.items(doc.get(spec, key)).flatMap((task) => tektonStepContainers(doc, doc.get(task, 'taskSpec'))));
}

/** `example.com/v1/Widget` or `example.com/Widget` (any version) → `spec.template.spec` or `spec.roles.*.template.spec`: in-house carriers (setting `kubernetes.podTemplatePaths`). */
export type PodTemplatePaths = Record<string, string>;

/** The carrier an object is, if any: a configured path first (the user knows their CRDs), then the custom and core tables. */
function carrierOf(object: K8sObject, configured: PodTemplatePaths | undefined): CustomCarrier | undefined {
  const slash = object.apiVersion.lastIndexOf('/');
  const group = slash < 0 ? '' : object.apiVersion.slice(0, slash);
  const path = configured?.[`${object.apiVersion}/${object.kind}`] ?? (group ? configured?.[`${group}/${object.kind}`] : undefined);
  if (typeof path === 'string' && path.trim()) return { paths: [path.trim().split('.')] };
  const custom = Object.hasOwn(CUSTOM_CARRIERS, group) && Object.hasOwn(CUSTOM_CARRIERS[group], object.kind) ? CUSTOM_CARRIERS[group][object.kind] : undefined;
  if (custom) return custom;
  return Object.hasOwn(POD_SPEC_PATHS, object.kind) ? { paths: [POD_SPEC_PATHS[object.kind]] } : undefined;
}

/** A pod spec found under an object: the spec mapping, the mapping holding it and its key. */
interface FoundPodSpec {
  node: Node;
  template: Node;
  key: Node;
}

/** The pod specs at `path` under `object`, in document order (`*` matches every list item or mapping value). */
function podSpecsAt(doc: YamlDocument, object: Node, path: PodSpecPath): FoundPodSpec[] {
  let holders: Node[] = [object];
  for (const step of path.slice(0, -1)) holders = holders.flatMap((holder) => (step === '*' ? childrenOf(doc, holder) : (doc.get(holder, step) ?? [])));
  const key = path[path.length - 1];
  const found: FoundPodSpec[] = [];
  for (const template of holders) {
    const pair = doc.pair(template, key);
    const node = doc.deref(pair?.value);
    if (pair && node && isMap(node)) found.push({ node, template, key: pair.key as Node });
  }
  return found;
}

/**
 * The items of a sequence, or a mapping's values as key lookups see them: its own keys, then the keys it
 * merges through `<<` that it does not override. The `<<` value itself is no child.
 */
function childrenOf(doc: YamlDocument, node: Node): Node[] {
  const n = doc.deref(node);
  if (isSeq(n)) return doc.items(n);
  const seen = new Set<string>();
  const children: Node[] = [];
  for (const map of doc.mergedMaps(n)) {
    for (const { key, pair } of doc.entries(map)) {
      if (seen.has(key)) continue;
      seen.add(key);
      const value = doc.deref(pair.value);
      if (value !== undefined) children.push(value);
    }
  }
  return children;
}

const CONTAINER_GROUPS: ContainerGroup[] = ['containers', 'initContainers', 'ephemeralContainers'];

/** Keys only a k3s (or RKE2) `config.yaml` has: the control plane's own flags and hardening switches. */
const K3S_KEYS = ['kube-apiserver-arg', 'kube-controller-manager-arg', 'kube-scheduler-arg', 'kubelet-arg', 'etcd-arg', 'secrets-encryption', 'protect-kernel-defaults', 'write-kubeconfig-mode'];

/** What a YAML document is to the Kubernetes rules: objects (apiVersion and kind), a k3s/RKE2 server config, or neither. */
type DocumentKind = 'objects' | 'k3s' | 'other';

/** What identifies an object: its `apiVersion` value, its `kind:` pair and that pair's value (as `scalar` reads them). */
interface ObjectHead {
  apiVersion: unknown;
  kindPair: Pair<Scalar, Node | null> | undefined;
  kind: unknown;
}

function headOf(doc: YamlDocument, node: unknown): ObjectHead {
  const kindPair = doc.pair(node, 'kind');
  const kindNode = doc.deref(kindPair?.value);
  return { apiVersion: doc.scalar(node, 'apiVersion'), kindPair, kind: isScalar(kindNode) ? kindNode.value : undefined };
}

/**
 * Per document: its root's head and what it is. The analysis asks of every document, the workspace index
 * again of the file just analyzed, the cluster rules for k3s configs; the model reads the head of each root.
 */
const documentHeads = new WeakMap<YamlDocument, ObjectHead & { is: DocumentKind }>();

function documentHead(doc: YamlDocument): ObjectHead & { is: DocumentKind } {
  let head = documentHeads.get(doc);
  if (head === undefined) {
    const c = doc.contents;
    const root = headOf(doc, c);
    // A document with a string apiVersion is never a k3s config, which has none.
    let is: DocumentKind = 'objects';
    if (typeof root.apiVersion !== 'string' || typeof root.kind !== 'string')
      is = isMap(c) && doc.get(c, 'apiVersion') === undefined && K3S_KEYS.some((k) => doc.get(c, k) !== undefined) ? 'k3s' : 'other';
    documentHeads.set(doc, (head = { ...root, is }));
  }
  return head;
}

export function isKubernetesDocument(doc: YamlDocument): boolean {
  return documentHead(doc).is !== 'other';
}

/** A k3s/RKE2 server config (`/etc/rancher/k3s/config.yaml`): no apiVersion, one of the keys above. Its objects are none; the cluster rules read it. */
export function isK3sConfig(doc: YamlDocument): boolean {
  return documentHead(doc).is === 'k3s';
}

export interface K8sModel {
  documents: YamlDocument[];
  objects: K8sObject[];
  podSpecs: PodSpec[];
  containers: Container[];
  /** Where missing settings are unknown inside an object (an Argo template a podSpecPatch may complete). */
  unknownParts: Range[];
}

export interface K8sModelOptions {
  podTemplatePaths?: PodTemplatePaths;
  /** Every object of the file is partial (a Kustomize patch). */
  partial?: boolean;
}

/**
 * `extract` worked out once per model (or pod) and kept with it: what several rules read of the same
 * objects (RBAC roles, container images, control-plane settings, a pod's securityContexts) is built once
 * per analysis, not once per rule. What it returns is shared by those rules, so they must not change it.
 */
export function keptPer<K extends object, T>(extract: (of: K) => T): (of: K) => T {
  const kept = new WeakMap<K, T>();
  return (of) => {
    let value = kept.get(of);
    if (value === undefined) kept.set(of, (value = extract(of)));
    return value;
  };
}

/**
 * The model built last of a list of documents, kept with its first document. Rules and the caches they
 * key by model (admission outcomes, namespace levels) read the workspace and settings of their analysis:
 * every analysis builds its own model. Only readers of the model alone take one already built.
 */
const builtModels = new WeakMap<YamlDocument, { documents: readonly YamlDocument[]; options: K8sModelOptions; model: K8sModel }>();

const noPaths = (paths: PodTemplatePaths | undefined): boolean => !paths || Object.keys(paths).length === 0;

/** Whether two sets of options build the same model from the same documents. */
const sameOptions = (a: K8sModelOptions, b: K8sModelOptions): boolean =>
  !a.partial === !b.partial && (a.podTemplatePaths === b.podTemplatePaths || (noPaths(a.podTemplatePaths) && noPaths(b.podTemplatePaths)));

export function buildK8sModel(documents: YamlDocument[], options: K8sModelOptions = {}): K8sModel {
  const model = modelOf(documents, options);
  if (documents.length) builtModels.set(documents[0], { documents: [...documents], options, model });
  return model;
}

/**
 * The model of `documents` built last with options to the same effect, else a new one: for a reader of
 * the model's own facts (the workspace index summarizes the file just analyzed from the analysis's
 * documents, see parseYamlStream, and takes its model instead of building a second one).
 */
export function builtK8sModel(documents: YamlDocument[], options: K8sModelOptions = {}): K8sModel {
  const built = documents.length ? builtModels.get(documents[0]) : undefined;
  if (built && built.documents.length === documents.length && built.documents.every((d, i) => d === documents[i]) && sameOptions(built.options, options)) return built.model;
  return buildK8sModel(documents, options);
}

function modelOf(documents: YamlDocument[], options: K8sModelOptions): K8sModel {
  const objects: K8sObject[] = [];
  for (const doc of documents) collectObjects(doc, doc.contents, objects, 0);
  if (options.partial) for (const object of objects) object.partial = true;
  const podSpecs: PodSpec[] = [];
  const containers: Container[] = [];
  const unknownParts = new Map<Node, Range>();
  for (const object of objects) {
    const carrier = carrierOf(object, options.podTemplatePaths);
    if (!carrier) continue;
    const doc = object.doc;
    const found = carrier.paths.flatMap((path) => podSpecsAt(doc, object.node, path));
    if (found.length > 0 && carrier.partial) object.partial = true;
    for (const { node, template, key } of found) {
      const podSpec: PodSpec = { object, node, template, key, oneOfSeveral: found.length > 1, containers: [] };
      podSpecs.push(podSpec);
      addContainers(podSpec, carrier, containers, unknownParts);
    }
  }
  return { documents, objects, podSpecs, containers, unknownParts: [...unknownParts.values()] };
}

/** The pod's containers, into its own list and the model's. */
function addContainers(podSpec: PodSpec, carrier: CustomCarrier, containers: Container[], unknownParts: Map<Node, Range>): void {
  const { node } = podSpec;
  const doc = podSpec.object.doc;
  const items: CarriedContainer[] = carrier.containers ? carrier.containers(doc, node) : CONTAINER_GROUPS.flatMap((group) => doc.items(doc.get(node, group)).map((item) => ({ group, node: item })));
  for (const item of items) {
    if (!isMap(item.node)) continue;
    const nameNode = doc.get(item.node, 'name');
    const name = readableName(doc, nameNode) ?? item.fallbackName ?? '';
    const container: Container = { podSpec, group: item.group, name, node: item.node, anchor: nameNode ?? item.node, podOwner: item.podOwner ?? node };
    containers.push(container);
    podSpec.containers.push(container);
    if (item.unknown) unknownParts.set(item.unknown, doc.rangeOf(item.unknown));
  }
}

/**
 * A name as messages show it: the string value, or for a templated one the template text as written
 * (`{{ include "app.fullname" . }}`), never the parser's mask.
 */
function readableName(doc: YamlDocument, node: Node | undefined): string | undefined {
  if (!node || !isScalar(node)) return undefined;
  if (doc.isTemplated(node)) {
    const [start, end] = doc.offsets(node);
    return doc.src.text.slice(start, end);
  }
  return typeof node.value === 'string' ? node.value : undefined;
}

function collectObjects(doc: YamlDocument, node: unknown, out: K8sObject[], depth: number): void {
  const n = doc.deref(node);
  if (!n || !isMap(n) || depth > 4) return;
  // A document's root was read when the document was judged Kubernetes.
  const { apiVersion, kindPair, kind } = n === doc.contents ? documentHead(doc) : headOf(doc, n);
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || !kindPair) return;
  if (kind === 'List' || kind.endsWith('List')) {
    for (const item of doc.items(doc.get(n, 'items'))) collectObjects(doc, item, out, depth + 1);
    return;
  }
  const metadata = doc.get(n, 'metadata');
  const name = readableName(doc, doc.get(metadata, 'name'));
  const namespace = doc.scalar(metadata, 'namespace');
  out.push({
    doc,
    node: n,
    apiVersion,
    kind,
    kindPair,
    metadata,
    name,
    namespace: typeof namespace === 'string' ? namespace : undefined,
  });
}

/** A securityContext field as it applies to a container: its own value, else the pod's. */
export interface EffectiveSetting {
  value: unknown;
  node: Node;
  level: 'container' | 'pod';
}

/**
 * Fields that exist at both levels (runAsUser, runAsNonRoot, runAsGroup, seccompProfile, …) follow
 * Kubernetes precedence: the container's securityContext overrides the pod's.
 */
export function effectiveSecurity(c: Container, key: string): EffectiveSetting | undefined {
  const doc = c.podSpec.object.doc;
  const { container, pod } = securityContextsOf(c);
  return settingOf(doc, container, key, 'container') ?? settingOf(doc, pod, key, 'pod');
}

/** The `securityContext` values (aliases followed) of a container and of its pod (its podOwner's), when written. */
export interface SecurityContextNodes {
  container: Node | undefined;
  pod: Node | undefined;
}

/**
 * A container's securityContext and its pod's, looked up once per container: rules read a dozen fields
 * of each, and each field read from the container node walked to its securityContext again.
 */
export const securityContextsOf: (c: Container) => SecurityContextNodes = keptPer((c) => {
  const doc = c.podSpec.object.doc;
  return { container: doc.get(c.node, 'securityContext'), pod: doc.get(c.podOwner, 'securityContext') };
});

const imageNodes = keptPer((c: Container): { node: Node | undefined } => ({ node: c.podSpec.object.doc.get(c.node, 'image') }));

/** The container's `image:` value (aliases followed), found once per container: the image rules, Tiller's and git-sync's read it. */
export const imageNodeOf = (c: Container): Node | undefined => imageNodes(c).node;

/** A field of the container's own securityContext (`c.node.securityContext[...path]`), as `doc.get` reads it. */
export function containerSecurity(c: Container, ...path: string[]): Node | undefined {
  const sc = securityContextsOf(c).container;
  return sc && c.podSpec.object.doc.get(sc, ...path);
}

/** `securityContext[key]` when set: rules ask this of every container for a dozen keys, so no list of levels is made per question. */
function settingOf(doc: YamlDocument, securityContext: Node | undefined, key: string, level: EffectiveSetting['level']): EffectiveSetting | undefined {
  if (securityContext === undefined) return undefined;
  const node = doc.get(securityContext, key);
  // `key:` with no value (null) leaves the field unset, so the pod's value still applies.
  if (node === undefined || (isScalar(node) && node.value === null)) return undefined;
  return { value: isScalar(node) ? node.value : undefined, node, level };
}

/** A template action alone on its line: `{{ toYaml .Values.securityContext | nindent 12 }}`. */
const LONE_ACTION = /^[ \t]*\{\{-?\s*(.*?)\s*-?\}\}[ \t]*$/;
/** Actions that only steer the template (`if`, `end`, `with`, comments, assignments) and print nothing. */
const CONTROL_ACTION = /^(?:if|else|end|with|range|define|block|break|continue)\b|^\/\*|^\$\w+\s*:?=/;

/** A line of actions only, one of which prints (`{{ with .Values.x -}}{{ toYaml . | nindent 4 }}{{ end }}`). */
function printsLines(line: string): boolean {
  if (!LONE_ACTION.test(line)) return false;
  return [...line.matchAll(/\{\{-?\s*(.*?)\s*-?\}\}/g)].some((m) => !CONTROL_ACTION.test(m[1]));
}

/**
 * Whether a Helm template decides the value at `path` under `node`: a key on the path whose block
 * receives a printing action on a line of its own (masked to a blank line, so the parser sees an
 * empty or partial map), or a final value holding `{{ }}`. Such a value is unknown, never missing.
 */
export function isTemplatedPath(doc: YamlDocument, node: unknown, ...path: string[]): boolean {
  if (!doc.src.hasTemplates) return false;
  let current = doc.deref(node);
  for (const key of path) {
    if (isScalar(current) && doc.isTemplated(current)) return true;
    const pair = doc.pair(current, key);
    if (!pair) return false;
    if (receivesPrintedLines(doc, pair)) return true;
    current = doc.deref(pair.value);
  }
  return isScalar(current) && doc.isTemplated(current);
}

/**
 * Per file and key: whether a printing action lands in the block under the key. Rules ask it for
 * every container of a pod (the pod's securityContext), so each block is scanned once per analysis.
 * Kept per file, not per parse: a parse is shared by texts that differ only inside `{{ }}`.
 */
const printedBlocks = new WeakMap<SourceFile, Map<Pair, boolean>>();

function receivesPrintedLines(doc: YamlDocument, pair: Pair): boolean {
  const src = doc.src;
  let known = printedBlocks.get(src);
  if (!known) printedBlocks.set(src, (known = new Map()));
  let printed = known.get(pair);
  if (printed !== undefined) return printed;
  printed = false;
  const { line: keyLine, character: keyColumn } = doc.rangeOf(pair.key as Node).start;
  // The block under the key runs until the next YAML line indented no deeper than the key; lines
  // holding only an action belong to it whatever their column (`nindent` places their output).
  for (let line = keyLine + 1; line < src.lineCount; line++) {
    const text = src.lineText(line);
    if (printsLines(text)) {
      printed = true;
      break;
    }
    const content = /^([ \t]*)([^ \t])/.exec(text);
    if (!content || content[2] === '#' || LONE_ACTION.test(text)) continue;
    if (content[1].length <= keyColumn) break;
  }
  known.set(pair, printed);
  return printed;
}

/**
 * Whether a template decides the container's effective `key`. A value written in the container's own
 * securityContext stands (a template cannot add the key twice); otherwise a template filling the
 * container's securityContext, or the pod's when the pod shows no value, leaves it unknown.
 */
export function isEffectiveSecurityTemplated(c: Container, key: string): boolean {
  const doc = c.podSpec.object.doc;
  // Without templates nothing below can answer yes: no lookup (rules ask this of every container for each key they read).
  if (!doc.src.hasTemplates) return false;
  const setting = effectiveSecurity(c, key);
  if (setting?.level !== 'container' && isTemplatedPath(doc, c.node, 'securityContext', key)) return true;
  return setting ? doc.isTemplated(setting.node) : isTemplatedPath(doc, c.podOwner, 'securityContext', key);
}

/** `os.name: windows`: the Pod Security Standards exempt such pods from the Linux-only controls (privilege escalation, capabilities, seccomp). */
export const isWindowsPod: (podSpec: PodSpec) => boolean = keptPer((podSpec) => podSpec.object.doc.scalar(podSpec.node, 'os', 'name') === 'windows');

/** `hostUsers: false`: the pod runs in its own user namespace, so UID 0 inside maps to an unprivileged UID on the node. */
export const usesUserNamespace: (podSpec: PodSpec) => boolean = keptPer((podSpec) => podSpec.object.doc.scalar(podSpec.node, 'hostUsers') === false);

/** `container "a"` or `containers "a", "b" and "c"`, for findings that cover several containers. */
export function describeContainers(containers: Container[]): string {
  const names = containers.map((c) => `"${c.name}"`);
  return names.length === 1 ? `container ${names[0]}` : `containers ${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** Where a new container field goes: after `image` (or `name`), as people write them. */
export const CONTAINER_KEY_ORDER = ['image', 'name'];

/** Parses a file's Kubernetes documents as `analyze` does: templates masked for the parser, offsets kept. */
export function parseKubernetes(src: SourceFile, options?: K8sModelOptions): K8sModel {
  const stream = parseYamlStream(src, hasTemplates(src.text) ? maskTemplates(src.text) : src.text);
  return buildK8sModel(stream.documents.filter(isKubernetesDocument), options);
}

/** The pod's own metadata: the template's for controllers, the object's for a Pod. */
export function podMetadata(podSpec: PodSpec): Node | undefined {
  const { object, template } = podSpec;
  return template === object.node ? object.metadata : object.doc.get(template, 'metadata');
}

/** `key: value` pairs of the pod's annotations (aliases followed). */
export function podAnnotations(podSpec: PodSpec): Array<{ key: string; pair: Pair<Scalar, Node | null>; map: Node }> {
  const doc = podSpec.object.doc;
  const map = doc.get(podMetadata(podSpec), 'annotations');
  return map ? doc.entries(map).map((e) => ({ ...e, map })) : [];
}

/** The nodes whose `securityContext` is pod-level for some of the pod's containers: the pod spec, and each Argo template that sets its own. */
export const podSecurityContextOwners: (podSpec: PodSpec) => readonly Node[] = keptPer((podSpec) => [...new Set([podSpec.node, ...podSpec.containers.map((c) => c.podOwner)])]);

/** A securityContext of a pod spec, with the containers it governs. */
export interface PodSecurityContext {
  node: Node;
  containers: Container[];
  level: 'pod' | 'container';
}

/** Each pod-spec securityContext once: the pod's, then every container's, with the containers it governs (five rules read them). */
export const distinctSecurityContexts: (podSpec: PodSpec) => readonly PodSecurityContext[] = keptPer((podSpec) => {
  const doc = podSpec.object.doc;
  const own = podSpec.containers;
  const out: PodSecurityContext[] = [];
  // Containers whose pod-level securityContext is another node's (an Argo template's) are grouped by it.
  for (const owner of podSecurityContextOwners(podSpec)) {
    const pod = doc.get(owner, 'securityContext');
    const governed = own.filter((c) => c.podOwner === owner);
    if (pod && isMap(pod) && (governed.length > 0 || owner === podSpec.node)) out.push({ node: pod, containers: governed, level: 'pod' });
  }
  for (const c of own) {
    const sc = securityContextsOf(c).container;
    if (sc && isMap(sc)) out.push({ node: sc, containers: [c], level: 'container' });
  }
  return out;
});

/** A `hostPath` volume source: a pod's volume, or a PersistentVolume (`spec.hostPath`), which a claim mounts into any pod. */
export interface HostPathSource {
  object: K8sObject;
  /** The pod spec of a pod volume; none for a PersistentVolume. */
  podSpec?: PodSpec;
  /** The volume's name, or the PersistentVolume's. */
  name: string;
  /** The mapping that holds `hostPath:`. */
  owner: Node;
  /** Its `hostPath:` pair. */
  hostPath: Pair<Scalar, Node | null>;
  /** The `hostPath.path` value, when written (found once: three rules read it). */
  pathNode: Node | undefined;
}

/** A pod's hostPath volumes in order, with the `name:` value each writes: read once per pod for the model's sources and the pod's volumes by name. */
const podHostPaths = keptPer((podSpec: PodSpec): ReadonlyArray<{ nameValue: unknown; source: HostPathSource }> => {
  const doc = podSpec.object.doc;
  const out: Array<{ nameValue: unknown; source: HostPathSource }> = [];
  for (const volume of doc.items(doc.get(podSpec.node, 'volumes'))) {
    const hostPath = doc.pair(volume, 'hostPath');
    if (!hostPath) continue;
    const nameValue = doc.scalar(volume, 'name');
    out.push({ nameValue, source: { object: podSpec.object, podSpec, name: String(nameValue ?? ''), owner: volume, hostPath, pathNode: doc.get(hostPath.value, 'path') } });
  }
  return out;
});

/** `volumes[*]` of a pod spec whose source is `hostPath`, by name (a string one; the last volume of a name wins); rules ask it for each container. */
export const hostPathVolumes: (podSpec: PodSpec) => ReadonlyMap<string, HostPathSource> = keptPer((podSpec) => {
  const out = new Map<string, HostPathSource>();
  for (const { nameValue, source } of podHostPaths(podSpec)) if (typeof nameValue === 'string') out.set(nameValue, source);
  return out;
});

/** Every hostPath source of the model, pod volumes first. */
export const hostPathSources: (k8s: K8sModel) => readonly HostPathSource[] = keptPer((k8s) => {
  const out: HostPathSource[] = [];
  for (const podSpec of k8s.podSpecs) for (const { source } of podHostPaths(podSpec)) out.push(source);
  for (const object of k8s.objects) {
    const spec = object.kind === 'PersistentVolume' ? object.doc.get(object.node, 'spec') : undefined;
    const hostPath = spec && object.doc.pair(spec, 'hostPath');
    if (spec && hostPath) out.push({ object, name: object.name ?? '', owner: spec, hostPath, pathNode: object.doc.get(hostPath.value, 'path') });
  }
  return out;
});

/**
 * IDs above this cannot collide with a node account (kubesec RunAsUser, Trivy KSV-0020/0021, checkov
 * CKV_K8S_40); 10001 is the UID Bulkhead's Dockerfile fix creates and the one its fixes write.
 */
export const HIGH_ID_THRESHOLD = 10000;
export const NON_ROOT_ID = 10001;

/**
 * Where a new pod-spec field goes: after the last key holding a scalar or flow value. A block
 * collection's range can run past its trailing comments into the next line, so inserting after
 * one could land below a sibling key; the end of the map is the fallback.
 */
export function podSpecKeyOrder(podSpec: PodSpec): string[] {
  const doc = podSpec.object.doc;
  return doc
    .entries(podSpec.node)
    .filter(({ pair }) => isScalar(pair.value) || ((isMap(pair.value) || isSeq(pair.value)) && pair.value.flow === true))
    .map(({ key }) => key);
}

/** Whether `range` starts inside a partial object of the model (see K8sObject.partial) or a part whose missing settings are unknown. */
export function inPartialObject(k8s: K8sModel, range: Range): boolean {
  const { starts, reach } = partialSpans(k8s);
  const at = range.start;
  // The last span starting at or before `at`; one of those spans holds it when the furthest end among them reaches it.
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (notAfter(starts[mid], at)) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && notAfter(at, reach[lo - 1]);
}

const notAfter = (a: Position, b: Position): boolean => a.line < b.line || (a.line === b.line && a.character <= b.character);

/**
 * The partial objects and unknown parts of a model, by start, with the furthest end reached by each
 * prefix: built once per model, since `runRule` asks for every finding about a missing setting (a
 * scan of every object per finding was quadratic in a large stream).
 */
const partialSpans = keptPer((k8s: K8sModel): { starts: Position[]; reach: Position[] } => {
  const ranges = [...k8s.objects.filter((o) => o.partial).map((o) => o.doc.rangeOf(o.node)), ...k8s.unknownParts];
  ranges.sort((a, b) => (notAfter(a.start, b.start) ? (notAfter(b.start, a.start) ? 0 : -1) : 1));
  const reach: Position[] = [];
  for (const { end } of ranges) reach.push(reach.length && notAfter(end, reach[reach.length - 1]) ? reach[reach.length - 1] : end);
  return { starts: ranges.map((r) => r.start), reach };
});
