import { defineRule } from '../../rule';
import { yamlRemovePair } from '../../edits/yaml';
import { describeSetting, serviceSettings } from '../../parse/compose';

export default defineRule({
  meta: {
    id: 'DC001',
    name: 'no-privileged',
    appliesTo: 'compose',
    title: 'Service runs privileged',
    severity: 'error',
    threat: 'container-escape',
    principle: 'least-privilege',
    rationale: '`privileged: true` gives the container every Linux capability, every host device and no seccomp or AppArmor confinement; whatever runs inside can take over the Docker host.',
    remediation: 'Remove `privileged: true`. Grant the single capability the service needs with `cap_add`, or the one device with `devices`.',
    references: [
      { standard: 'cis-docker', section: '5.5', title: 'Ensure that privileged containers are not used' },
      { standard: 'cwe', id: 250 },
    ],
    aliases: [],
    messages: { privileged: 'Service "{{service}}" runs privileged: it can take over the Docker host.' },
    fix: { applicability: 'unsafe', title: 'Remove privileged: true', review: 'a service that needs a device or a kernel feature loses it; add back only that device or capability' },
    examples: {
      bad: 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n',
    },
    since: '0.1.0',
    related: ['K8S001'],
  },
  check({ compose, report }) {
    const settings = serviceSettings(compose, 'privileged');
    for (let i = 0; i < settings.length; i++) {
      const setting = settings[i];
      const { doc, pair, map } = setting;
      if (doc.scalar(pair.value) !== true) continue;
      const { service, related } = describeSetting(setting);
      report({ messageId: 'privileged', data: { service }, range: doc.rangeOf(pair.value), fix: () => [yamlRemovePair(doc, map, pair)], related });
    }
  },
});
