import { defineRule } from '../../rule';
import { yamlRemovePair } from '../../edits/yaml';
import { isMap } from '../../parse/yaml';
import { podSecurityGate } from '../../policy/podSecurity';

export default defineRule({
  meta: {
    id: 'K8S008',
    name: 'no-host-port',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'Container binds a host port',
    severity: 'warning',
    threat: 'insecure-network',
    principle: 'attack-surface',
    rationale:
      "A `hostPort` opens the port on the node's own address, outside Services and often outside NetworkPolicies, ties the pod to nodes where the port is free, and lets the pod answer traffic meant for the node.",
    remediation: 'Delete `hostPort` and expose the container through a Service (ClusterIP, or NodePort/LoadBalancer when it must be reachable from outside).',
    references: [
      { standard: 'pss', level: 'baseline', control: 'Host Ports' },
      { standard: 'cis-docker', section: '5.8', title: 'Ensure that only needed ports are open on the container' },
      { standard: 'cwe', id: 668 },
    ],
    aliases: [
      { tool: 'checkov', id: 'CKV_K8S_26' },
      { tool: 'trivy', id: 'AVD-KSV-0024' },
      { tool: 'polaris', id: 'hostPortSet' },
    ],
    messages: { hostPort: 'Container "{{container}}" binds host port {{port}} on the node\'s address.' },
    fix: { applicability: 'unsafe', title: 'Remove hostPort', review: "the port is reachable through the pod IP or a Service, no longer on the node's address" },
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      ports:\n        - containerPort: 80\n          hostPort: 80\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      ports:\n        - containerPort: 80\n',
    },
    since: '0.2.0',
    related: ['K8S007'],
  },
  check({ k8s, options, report }) {
    const gate = podSecurityGate(k8s, options);
    for (const c of k8s.containers) {
      if (!gate.applies(c.podSpec.object, 'hostPorts')) continue;
      const doc = c.podSpec.object.doc;
      for (const port of doc.items(doc.get(c.node, 'ports'))) {
        const pair = doc.pair(port, 'hostPort');
        const value = doc.scalar(port, 'hostPort');
        if (!pair?.value || !isMap(port) || value === 0 || value === null || value === '' || doc.isTemplated(pair.value)) continue;
        report({ messageId: 'hostPort', data: { container: c.name, port: String(value) }, range: doc.rangeOf(pair.value), fix: () => [yamlRemovePair(doc, port, pair)] });
      }
    }
  },
});
