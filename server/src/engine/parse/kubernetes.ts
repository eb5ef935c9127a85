// Kubernetes model: every object of every document (List items included), and one abstraction over
// every pod-spec carrier so container rules are written once (kube-linter's idea).
import type { Node, Pair, Scalar, YamlDocument } from './yaml';
import { isMap } from './yaml';

export interface K8sObject {
  doc: YamlDocument;
  node: Node;
  apiVersion: string;
  kind: string;
  name?: string;
  namespace?: string;
  /** The `kind:` pair, anchor for object-level "missing field" findings. */
  kindPair: Pair<Scalar, Node | null>;
}

export type ContainerGroup = 'containers' | 'initContainers' | 'ephemeralContainers';

export interface PodSpec {
  object: K8sObject;
  /** The pod spec mapping. */
  node: Node;
  /** Key path from the object to the pod spec, e.g. ['spec', 'template', 'spec']. */
  path: string[];
}

export interface Container {
  podSpec: PodSpec;
  group: ContainerGroup;
  name: string;
  node: Node;
  /** Anchor for "missing field" findings: the `name:` value, or the item itself. */
  anchor: Node;
}

/** Where each carrier keeps its pod spec. */
const POD_SPEC_PATHS: Record<string, string[]> = {
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

const CONTAINER_GROUPS: ContainerGroup[] = ['containers', 'initContainers', 'ephemeralContainers'];

export function isKubernetesDocument(doc: YamlDocument): boolean {
  const c = doc.contents;
  return typeof doc.scalar(c, 'apiVersion') === 'string' && typeof doc.scalar(c, 'kind') === 'string';
}

export interface K8sModel {
  documents: YamlDocument[];
  objects: K8sObject[];
  podSpecs: PodSpec[];
  containers: Container[];
}

export function buildK8sModel(documents: YamlDocument[]): K8sModel {
  const objects: K8sObject[] = [];
  for (const doc of documents) collectObjects(doc, doc.contents, objects, 0);
  const podSpecs: PodSpec[] = [];
  for (const object of objects) {
    const path = POD_SPEC_PATHS[object.kind];
    const node = path && object.doc.get(object.node, ...path);
    if (path && node && isMap(node)) podSpecs.push({ object, node, path });
  }
  const containers: Container[] = [];
  for (const podSpec of podSpecs) {
    const doc = podSpec.object.doc;
    for (const group of CONTAINER_GROUPS) {
      for (const item of doc.items(doc.get(podSpec.node, group))) {
        if (!isMap(item)) continue;
        const nameNode = doc.get(item, 'name');
        const name = doc.scalar(item, 'name');
        containers.push({ podSpec, group, name: typeof name === 'string' ? name : '', node: item, anchor: nameNode ?? item });
      }
    }
  }
  return { documents, objects, podSpecs, containers };
}

function collectObjects(doc: YamlDocument, node: unknown, out: K8sObject[], depth: number): void {
  const n = doc.deref(node);
  if (!n || !isMap(n) || depth > 4) return;
  const apiVersion = doc.scalar(n, 'apiVersion');
  const kind = doc.scalar(n, 'kind');
  const kindPair = doc.pair(n, 'kind');
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || !kindPair) return;
  if (kind === 'List' || kind.endsWith('List')) {
    for (const item of doc.items(doc.get(n, 'items'))) collectObjects(doc, item, out, depth + 1);
    return;
  }
  const name = doc.scalar(n, 'metadata', 'name');
  const namespace = doc.scalar(n, 'metadata', 'namespace');
  out.push({
    doc, node: n, apiVersion, kind, kindPair,
    name: typeof name === 'string' ? name : undefined,
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
  const own = doc.get(c.node, 'securityContext', key);
  if (own !== undefined) return { value: doc.scalar(c.node, 'securityContext', key), node: own, level: 'container' };
  const pod = doc.get(c.podSpec.node, 'securityContext', key);
  if (pod !== undefined) return { value: doc.scalar(c.podSpec.node, 'securityContext', key), node: pod, level: 'pod' };
  return undefined;
}

/** Where a new container field goes: after `image` (or `name`), as people write them. */
export const CONTAINER_KEY_ORDER = ['image', 'name'];
