import { defineRule } from '../../rule';
import { CLUSTER_SCOPED_KINDS, describeObject, objectRange } from '../../parse/k8sObjects';
import { isTemplatedPath } from '../../parse/kubernetes';

/** Objects of tools, not of the cluster: they have no namespace. */
const NOT_CLUSTER_OBJECTS = /(^|\.)config\.k8s\.io\/|^kustomize\.|^skaffold\/|^kind\.x-k8s\.io\//;

export default defineRule({
  meta: {
    id: 'K8S059',
    name: 'require-namespace',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'Object lands in the default namespace',
    severity: 'info',
    enabledByDefault: false,
    threat: 'access-control',
    principle: 'blast-radius',
    rationale:
      'Objects without `metadata.namespace` go wherever `kubectl` points, usually `default`, where they share RBAC, quotas, network policies and Pod Security admission with everything else dumped there. Off by default: Helm, Kustomize and GitOps tools often set the namespace when they apply the file.',
    remediation: "Give each application its own namespace and set `metadata.namespace` (or the tool's namespace setting) explicitly.",
    references: [
      {
        standard: 'url',
        title: 'CIS Kubernetes Benchmark 5.7.1/5.7.4: Create administrative boundaries; the default namespace should not be used',
        href: 'https://www.cisecurity.org/benchmark/kubernetes',
      },
      { standard: 'cwe', id: 653 },
    ],
    aliases: [
      { tool: 'kube-linter', id: 'use-namespace' },
      { tool: 'checkov', id: 'CKV_K8S_21' },
      { tool: 'trivy', id: 'AVD-KSV-0110' },
    ],
    messages: {
      missing: '{{object}} has no namespace: it lands in whatever namespace is current, usually default.',
      explicitDefault: '{{object}} is placed in the default namespace.',
    },
    fix: { applicability: 'display-only', title: 'Set metadata.namespace: <application namespace>' },
    absent: ['missing'],
    examples: {
      bad: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: prod\n',
      good: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: shop\ndata:\n  mode: prod\n',
    },
    since: '0.2.0',
    related: ['K8S060'],
  },
  check({ k8s, report }) {
    for (const object of k8s.objects) {
      if (CLUSTER_SCOPED_KINDS.has(object.kind) || NOT_CLUSTER_OBJECTS.test(object.apiVersion)) continue;
      const doc = object.doc;
      if (isTemplatedPath(doc, object.node, 'metadata', 'namespace')) continue;
      const node = doc.get(object.metadata, 'namespace');
      if (object.namespace === 'default' && node) report({ messageId: 'explicitDefault', data: { object: describeObject(object) }, range: doc.rangeOf(node), fix: [] });
      else if (object.namespace === undefined) report({ messageId: 'missing', data: { object: describeObject(object) }, range: objectRange(object), fix: [] });
    }
  },
});
