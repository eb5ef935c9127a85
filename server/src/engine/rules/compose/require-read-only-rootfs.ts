import { defineRule } from '../../rule';
import { insertPair, insertPairs, type YamlValue } from '../../edits/yaml';
import { replace } from '../../edits/text';
import { resolveSetting, serviceLookup, serviceValue, volumeMounts } from '../../parse/compose';

export default defineRule({
  meta: {
    id: 'DC012',
    name: 'require-read-only-rootfs',
    appliesTo: 'compose',
    title: 'Writable root filesystem',
    severity: 'info',
    threat: 'container-misconfiguration',
    principle: 'defence-in-depth',
    rationale:
      'With a writable root filesystem, an intruder can drop tools, rewrite the application or plant persistence in the container. `read_only: true` confines writes to the volumes and tmpfs mounts you declare. Info by default: many images write to /tmp or /var/run and need those mounted first.',
    remediation: 'Set `read_only: true` and give the service a `tmpfs:` for the paths it writes (`/tmp`, `/var/run`), plus volumes for its data.',
    references: [{ standard: 'cis-docker', section: '5.13', title: "Ensure that the container's root filesystem is mounted as read only" }],
    aliases: [{ tool: 'semgrep', id: 'writable-filesystem-service' }],
    messages: { writable: 'Service "{{service}}" has a writable root filesystem.' },
    fix: {
      applicability: 'unsafe',
      title: 'Set read_only: true with a tmpfs on /tmp',
      review: 'the service can write only to /tmp and its volumes; give it a tmpfs or volume for any other path it writes',
    },
    examples: {
      bad: 'services:\n  web:\n    image: nginx:1.27\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n    read_only: true\n    tmpfs: [/tmp, /var/run]\n',
    },
    since: '0.1.0',
  },
  check({ compose, report }) {
    for (const s of compose.services) {
      const pair = serviceLookup(compose, s, 'read_only')?.pair;
      // Through `extends`, the nearest service that sets read_only decides; a base in another file is unknown.
      const effective = resolveSetting(compose, s, ['read_only']);
      if (effective === 'unknown' || (effective && effective.doc.scalar(effective.pair.value) === true)) continue;
      // Most processes write to /tmp: a read-only service gets a tmpfs there unless it has one already.
      const needsTmp = resolveSetting(compose, s, ['tmpfs']) === undefined && !volumeMounts(s.doc, serviceValue(compose, s, 'volumes')).some((m) => m.target === '/tmp');
      const tmpfs: Record<string, YamlValue> = needsTmp ? { tmpfs: ['/tmp'] } : {};
      const fix = () =>
        pair?.value ? [replace(s.doc.rangeOf(pair.value), 'true'), ...(needsTmp ? [insertPair(s.doc, s.node, 'tmpfs', ['/tmp'])] : [])] : [insertPairs(s.doc, s.node, { read_only: true, ...tmpfs })];
      report({ messageId: 'writable', data: { service: s.name }, range: s.doc.rangeOf(pair?.value ?? s.keyNode), fix });
    }
  },
});
