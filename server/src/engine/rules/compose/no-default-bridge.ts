import { defineRule } from '../../rule';
import { describeSetting, resolveSetting, serviceSettings, type ComposeService } from '../../parse/compose';
import type { YamlDocument } from '../../parse/yaml';

/** Whether a document leaves its services on the one network Compose creates by default. */
function usesOnlyDefaultNetwork(doc: YamlDocument, services: ComposeService[]): boolean {
  // `include:` may bring networks (and services) this file cannot see.
  if (doc.get(doc.contents, 'include') !== undefined || doc.get(doc.contents, 'networks') !== undefined) return false;
  return !services.some((s) => s.doc.get(s.node, 'networks') !== undefined);
}

export default defineRule({
  meta: {
    id: 'DC024',
    name: 'no-default-bridge',
    appliesTo: 'compose',
    title: 'Services on the default network',
    severity: 'info',
    enabledByDefault: false,
    threat: 'insecure-network',
    principle: 'blast-radius',
    rationale:
      '`network_mode: bridge` puts the container on docker0, shared with every container on the host started without a network. A file that declares no networks puts all of its services on one network: each can reach every port of every other (the database is one hop from the public web container). Off by default: small stacks often accept one flat network.',
    remediation: 'Declare networks by role (`frontend`, `backend`), attach each service only to the ones it needs, and mark back-end networks `internal: true`. Remove `network_mode: bridge`.',
    references: [{ standard: 'cis-docker', section: '5.30', title: 'Ensure that Docker\'s default bridge "docker0" is not used' }],
    aliases: [{ tool: 'kics', id: 'Networks Not Set' }],
    messages: {
      defaultBridge: 'Service "{{service}}" uses the default bridge docker0, shared with every container on the host.',
      flatNetwork: 'The {{count}} services of this file share one default network: each can reach all the others.',
    },
    examples: {
      bad: 'services:\n  web:\n    image: nginx:1.27\n  db:\n    image: postgres:16\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n    networks: [front, back]\n  db:\n    image: postgres:16\n    networks: [back]\nnetworks:\n  front: {}\n  back: {internal: true}\n',
    },
    since: '0.2.0',
    related: ['DC004'],
  },
  check({ compose, report }) {
    for (const setting of serviceSettings(compose, 'network_mode')) {
      const { doc, pair } = setting;
      if (String(doc.scalar(pair.value) ?? '').toLowerCase() !== 'bridge') continue;
      const { service, related } = describeSetting(setting);
      report({ messageId: 'defaultBridge', data: { service }, range: doc.rangeOf(pair.value), related });
    }
    for (const doc of compose.documents) {
      const services = compose.services.filter((s) => s.doc === doc);
      const onDefault = services.filter((s) => resolveSetting(compose, s, ['network_mode']) === undefined);
      const key = doc.pair(doc.contents, 'services')?.key;
      if (onDefault.length < 2 || !key || !usesOnlyDefaultNetwork(doc, services)) continue;
      const related = onDefault.map((s) => ({ range: doc.rangeOf(s.keyNode), message: `Service "${s.name}" is on the default network.` }));
      report({ messageId: 'flatNetwork', data: { count: String(onDefault.length) }, range: doc.rangeOf(key), related });
    }
  },
});
