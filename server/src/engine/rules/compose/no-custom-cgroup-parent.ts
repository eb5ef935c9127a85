import { defineRule } from '../../rule';
import { yamlRemovePair } from '../../edits/yaml';
import { describeSetting, isInterpolated, serviceSettings } from '../../parse/compose';

export default defineRule({
  meta: {
    id: 'DC023',
    name: 'no-custom-cgroup-parent',
    appliesTo: 'compose',
    title: 'Service placed in a custom cgroup',
    severity: 'info',
    threat: 'vulnerable-host',
    principle: 'blast-radius',
    rationale:
      "`cgroup_parent` moves the container out of the cgroup Docker manages for it, into one chosen by the file. Resource limits and accounting then follow that parent: a container placed in a host service's cgroup shares (and can exhaust) that service's budget, and Docker's own limits no longer describe it.",
    remediation:
      "Remove `cgroup_parent` and use the service's own limits (`mem_limit`, `cpus`, `pids_limit`). Keep a custom parent only when the host's cgroup layout is designed for it, and document why.",
    references: [{ standard: 'cis-docker', section: '5.25', title: 'Ensure that cgroup usage is confirmed' }],
    aliases: [{ tool: 'kics', id: 'Cgroup Not Default' }],
    messages: { customParent: 'Service "{{service}}" runs under the custom cgroup parent {{parent}}.' },
    fix: { applicability: 'unsafe', title: 'Remove cgroup_parent', review: 'the service leaves the custom cgroup and the resource accounting that came with it' },
    examples: {
      bad: 'services:\n  web:\n    image: nginx:1.27\n    cgroup_parent: system.slice\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n',
    },
    since: '0.2.0',
    related: ['DC016'],
  },
  check({ compose, report }) {
    for (const setting of serviceSettings(compose, 'cgroup_parent')) {
      const { doc, pair, map } = setting;
      const parent = doc.scalar(pair.value);
      if (parent === null || parent === undefined || String(parent).trim() === '' || isInterpolated(parent)) continue;
      const { service, related } = describeSetting(setting);
      report({ messageId: 'customParent', data: { service, parent: String(parent) }, range: doc.rangeOf(pair.value), fix: () => [yamlRemovePair(doc, map, pair)], related });
    }
  },
});
