import { defineRule } from '../../rule';
import { objectRange } from '../../parse/k8sObjects';
import type { K8sObject } from '../../parse/kubernetes';

/** Namespaces the cluster's own components run in, sized by their installers. */
const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

export default defineRule({
  meta: {
    id: 'K8S068',
    name: 'require-namespace-quotas',
    appliesTo: 'kubernetes',
    title: 'Namespace has no ResourceQuota or LimitRange',
    severity: 'info',
    enabledByDefault: false,
    threat: 'container-misconfiguration',
    principle: 'blast-radius',
    rationale:
      "Without a ResourceQuota one namespace can claim the whole cluster's CPU, memory, pods or load balancers; without a LimitRange its containers start with no limits at all. A compromised or runaway workload then degrades every tenant. Off by default, and checked within the file only: quotas are often managed elsewhere.",
    remediation: 'Ship a ResourceQuota (`requests.cpu`, `requests.memory`, `limits.memory`, `pods`) and a LimitRange with default requests and limits alongside each Namespace.',
    references: [
      { standard: 'url', title: 'Kubernetes: Resource Quotas', href: 'https://kubernetes.io/docs/concepts/policy/resource-quotas/' },
      { standard: 'cwe', id: 770 },
    ],
    aliases: [
      { tool: 'trivy', id: 'AVD-KSV-0039' },
      { tool: 'trivy', id: 'AVD-KSV-0040' },
    ],
    messages: {
      noResourceQuota: 'Namespace "{{namespace}}" has no ResourceQuota in this file or the workspace\'s manifests.',
      noLimitRange: 'Namespace "{{namespace}}" has no LimitRange in this file or the workspace\'s manifests.',
    },
    absent: ['noResourceQuota', 'noLimitRange'],
    examples: {
      bad: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n',
      good: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n---\napiVersion: v1\nkind: ResourceQuota\nmetadata:\n  name: quota\n  namespace: shop\nspec:\n  hard: {requests.cpu: "4", requests.memory: 8Gi, pods: "20"}\n---\napiVersion: v1\nkind: LimitRange\nmetadata:\n  name: limits\n  namespace: shop\nspec:\n  limits:\n    - type: Container\n      default: {cpu: 500m, memory: 256Mi}\n      defaultRequest: {cpu: 100m, memory: 128Mi}\n',
    },
    since: '0.2.0',
    related: ['K8S061'],
  },
  check({ k8s, report, workspace }) {
    // Quotas and limits usually live in a file of their own: the workspace's manifests count, this file's too.
    // The namespaces of each kind, collected once (the workspace's only when the file's fall short): a
    // scan of the objects per namespace made a stream of namespaces and quotas quadratic.
    const inFile = new Map<string, Set<string | undefined>>();
    const inWorkspace = new Map<string, Set<string | undefined>>();
    const namespacesOf = (cache: Map<string, Set<string | undefined>>, kind: string, objects: () => ReadonlyArray<{ kind: string; namespace?: string }>) => {
      let namespaces = cache.get(kind);
      if (!namespaces)
        cache.set(
          kind,
          (namespaces = new Set(
            objects()
              .filter((o) => o.kind === kind)
              .map((o) => o.namespace),
          )),
        );
      return namespaces;
    };
    const has = (kind: string, namespace: string) =>
      namespacesOf(inFile, kind, () => k8s.objects).has(namespace) || namespacesOf(inWorkspace, kind, () => workspace?.manifestsOfKind(kind) ?? []).has(namespace);
    // Each namespace once: its Namespace object, else the first workload deployed into it. A workload with
    // no namespace goes wherever `kubectl -n` puts it: unknown.
    const anchors = new Map<string, K8sObject>();
    for (const object of k8s.objects) {
      if (object.kind === 'Namespace' && object.apiVersion === 'v1' && object.name) anchors.set(object.name, object);
    }
    for (const podSpec of k8s.podSpecs) {
      const { namespace, doc, metadata } = podSpec.object;
      // A namespace a template fills in (`{{ .Release.Namespace }}`) is unknown here.
      if (!namespace || doc.isTemplated(doc.get(metadata, 'namespace'))) continue;
      if (!SYSTEM_NAMESPACES.has(namespace) && !anchors.has(namespace)) anchors.set(namespace, podSpec.object);
    }
    for (const [namespace, object] of anchors) {
      const range = object.kind === 'Namespace' ? objectRange(object) : object.doc.rangeOf(object.doc.get(object.metadata, 'namespace'));
      if (!has('ResourceQuota', namespace)) report({ messageId: 'noResourceQuota', data: { namespace }, range });
      if (!has('LimitRange', namespace)) report({ messageId: 'noLimitRange', data: { namespace }, range });
    }
  },
});
