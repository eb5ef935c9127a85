import { defineRule } from '../../rule';
import { describeSetting, serviceSettings, volumeMounts } from '../../parse/compose';
import { removeMountPropagation } from '../../edits/compose';

export default defineRule({
  meta: {
    id: 'DC021',
    name: 'no-shared-mount-propagation',
    appliesTo: 'compose',
    title: 'Bind mount propagates mounts back to the host',
    severity: 'warning',
    threat: 'container-escape',
    principle: 'blast-radius',
    rationale:
      'With `shared` or `rshared` propagation, mounts made inside the container under that path appear on the host and in every other container sharing it. A compromised container with mount rights can then place a file system over a host path that host services or other containers trust.',
    remediation:
      "Remove the propagation option: the default (`rprivate`) keeps the container's mounts to itself. Use `rslave` if the container must see mounts the host adds later (storage and monitoring agents).",
    references: [{ standard: 'cis-docker', section: '5.20', title: 'Ensure that the mount propagation mode is not set to shared' }],
    aliases: [{ tool: 'kics', id: 'Volume Mounted In Multiple Containers' }],
    messages: { sharedPropagation: 'Service "{{service}}" mounts {{target}} with {{propagation}} propagation: its mounts reach the host.' },
    fix: { applicability: 'unsafe', title: 'Remove the propagation option', review: 'mounts the service makes under this path no longer appear on the host' },
    examples: {
      bad: 'services:\n  agent:\n    image: example/agent:1.4\n    volumes:\n      - /mnt/data:/data:rshared\n',
      good: 'services:\n  agent:\n    image: example/agent:1.4\n    volumes:\n      - /mnt/data:/data:rslave\n',
    },
    since: '0.2.0',
    related: ['DC002'],
  },
  check({ compose, report }) {
    const settings = serviceSettings(compose, 'volumes');
    for (let i = 0; i < settings.length; i++) {
      const setting = settings[i];
      const { doc, pair } = setting;
      for (const mount of volumeMounts(doc, pair.value)) {
        if (mount.propagation !== 'shared' && mount.propagation !== 'rshared') continue;
        const { service, related } = describeSetting(setting);
        const at = doc.get(mount.item, 'bind', 'propagation') ?? mount.item;
        const fix = removeMountPropagation(doc, mount);
        report({ messageId: 'sharedPropagation', data: { service, target: mount.target ?? '', propagation: mount.propagation }, range: doc.rangeOf(at), related, ...(fix ? { fix: [fix] } : {}) });
      }
    }
  },
});
