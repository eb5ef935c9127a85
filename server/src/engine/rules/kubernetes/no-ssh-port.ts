import { defineRule } from '../../rule';
import { containerPorts } from '../../parse/k8sObjects';

export default defineRule({
  meta: {
    id: 'K8S049',
    name: 'no-ssh-port',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'Container exposes the SSH port',
    severity: 'warning',
    threat: 'insecure-network',
    principle: 'attack-surface',
    rationale:
      'Port 22 means an SSH server runs inside the container: one more daemon to patch, credentials or keys to leak and brute-force, and a way in that bypasses `kubectl exec` auditing and RBAC.',
    remediation: 'Remove the SSH server from the image and the port from the manifest; use `kubectl exec` or `kubectl debug` (audited, RBAC-controlled) for interactive access.',
    references: [
      { standard: 'cis-docker', section: '5.7', title: 'Ensure sshd is not run within containers' },
      { standard: 'cwe', id: 1327 },
    ],
    aliases: [{ tool: 'kube-linter', id: 'ssh-port' }],
    messages: { ssh: 'Container "{{container}}" exposes port 22 (SSH).' },
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: box\nspec:\n  containers:\n    - name: box\n      image: example/box:1.0\n      ports:\n        - containerPort: 22\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: box\nspec:\n  containers:\n    - name: box\n      image: example/box:1.0\n      ports:\n        - containerPort: 8080\n',
    },
    since: '0.2.0',
    related: ['DF011', 'K8S050'],
  },
  check({ k8s, report }) {
    for (const c of k8s.containers) {
      for (const p of containerPorts(c)) if (p.port === 22 && p.protocol === 'TCP') report({ messageId: 'ssh', data: { container: c.name }, range: c.podSpec.object.doc.rangeOf(p.node) });
    }
  },
});
