import { defineRule } from '../../rule';
import { portMappings, serviceValue } from '../../parse/compose';
import { oncePerNode } from './builds';

export default defineRule({
  meta: {
    id: 'XF004',
    name: 'compose-publishes-ssh',
    appliesTo: 'compose',
    title: 'SSH port published',
    severity: 'warning',
    threat: 'insecure-network',
    principle: 'attack-surface',
    rationale:
      'Publishing container port 22 means the image runs an SSH server: one more daemon, long-lived keys or passwords inside the image, and a login service reachable from the network that bypasses `docker exec` and its audit trail.',
    remediation: 'Remove the SSH server and the port; use `docker compose exec` for access and volumes or `docker cp` for files.',
    references: [{ standard: 'cis-docker', section: '5.7', title: 'Ensure sshd is not run within containers' }],
    aliases: [{ tool: 'kube-linter', id: 'ssh-port' }],
    messages: { ssh: 'Service "{{service}}" publishes SSH (container port 22).' },
    examples: {
      bad: 'services:\n  box:\n    image: example/box:1.0\n    ports:\n      - "2222:22"\n',
      good: 'services:\n  box:\n    image: example/box:1.0\n    ports:\n      - "127.0.0.1:8080:80"\n',
    },
    since: '0.2.0',
    related: ['DF011', 'DC009'],
  },
  check({ compose, report }) {
    const first = oncePerNode();
    for (const service of compose.services) {
      for (const port of portMappings(service.doc, serviceValue(compose, service, 'ports'))) {
        if (port.target?.trim() !== '22' || !first(port.item)) continue;
        report({ messageId: 'ssh', data: { service: service.name }, range: service.doc.rangeOf(port.item) });
      }
    }
  },
});
