import { defineRule } from '../../rule';
import { describeObject } from '../../parse/k8sObjects';

const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

export default defineRule({
  meta: {
    id: 'K8S060',
    name: 'no-kube-system-workload',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'Workload runs in a system namespace',
    severity: 'warning',
    threat: 'access-control',
    principle: 'blast-radius',
    rationale:
      "`kube-system` holds the cluster's own components, their privileged service accounts and bootstrap Secrets, and is often exempt from Pod Security admission and network policies. An application placed there shares that trust: a compromise of it lands next to the keys of the cluster.",
    remediation: 'Deploy applications into their own namespace; keep `kube-system` for components installed by the cluster administrators.',
    references: [{ standard: 'cwe', id: 653 }],
    aliases: [{ tool: 'trivy', id: 'AVD-KSV-0037' }],
    messages: { systemNamespace: "{{object}} runs in the {{namespace}} namespace, next to the cluster's own components." },
    examples: {
      bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: kube-system\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n',
      good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n',
    },
    since: '0.2.0',
    related: ['K8S059'],
  },
  check({ k8s, report }) {
    for (const podSpec of k8s.podSpecs) {
      const object = podSpec.object;
      const node = object.doc.get(object.metadata, 'namespace');
      if (node && object.namespace && SYSTEM_NAMESPACES.has(object.namespace)) {
        report({ messageId: 'systemNamespace', data: { object: describeObject(object), namespace: object.namespace }, range: object.doc.rangeOf(node) });
      }
    }
  },
});
