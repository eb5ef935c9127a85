import { defineRule } from '../../rule';
import { containerPorts } from '../../parse/k8sObjects';

export default defineRule({
  meta: {
    id: 'K8S050',
    name: 'no-privileged-port',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'Container listens on a privileged port',
    severity: 'info',
    enabledByDefault: false,
    threat: 'container-misconfiguration',
    principle: 'least-privilege',
    rationale:
      'Binding a port below 1024 needs root or `NET_BIND_SERVICE`, so the image keeps a privilege it would not otherwise need. Off by default: many runtimes now set `net.ipv4.ip_unprivileged_port_start=0`, and the port number alone does not prove the process runs as root.',
    remediation: 'Listen on a port of 1024 or above (e.g. 8080) inside the container and map the well-known port in the Service (`port: 80`, `targetPort: 8080`).',
    references: [{ standard: 'cwe', id: 250 }],
    aliases: [
      { tool: 'kube-linter', id: 'privileged-ports' },
      { tool: 'trivy', id: 'AVD-KSV-0117' },
    ],
    messages: { privilegedPort: 'Container "{{container}}" listens on port {{port}}, which needs root or NET_BIND_SERVICE.' },
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      ports:\n        - containerPort: 80\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginxinc/nginx-unprivileged:1.27\n      ports:\n        - containerPort: 8080\n',
    },
    since: '0.2.0',
    related: ['K8S049'],
  },
  check({ k8s, report }) {
    for (const c of k8s.containers) {
      for (const p of containerPorts(c))
        if (p.port > 0 && p.port < 1024) report({ messageId: 'privilegedPort', data: { container: c.name, port: p.port }, range: c.podSpec.object.doc.rangeOf(p.node) });
    }
  },
});
