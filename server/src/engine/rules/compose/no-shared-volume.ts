import { defineRule } from '../../rule';
import { extendsChain, isInterpolated, volumeMounts, type ComposeModel, type ComposeService, type VolumeMount } from '../../parse/compose';
import type { Node, YamlDocument } from '../../parse/yaml';

interface NamedMount {
  service: ComposeService;
  mount: VolumeMount;
}

/** A service's mounts of named volumes, its own first, then those of the services it extends (one per target). */
function namedMounts(model: ComposeModel, service: ComposeService): NamedMount[] {
  const byTarget = new Map<string | undefined, NamedMount>();
  for (const owner of extendsChain(model, service) ?? [service]) {
    for (const mount of volumeMounts(owner.doc, owner.doc.get(owner.node, 'volumes'))) {
      if (mount.type !== 'volume' || mount.source === undefined || isInterpolated(mount.source) || byTarget.has(mount.target)) continue;
      byTarget.set(mount.target, { service, mount });
    }
  }
  return [...byTarget.values()];
}

export default defineRule({
  meta: {
    id: 'DC022',
    name: 'no-shared-volume',
    appliesTo: 'compose',
    title: 'Named volume shared between services',
    severity: 'info',
    enabledByDefault: false,
    threat: 'container-misconfiguration',
    principle: 'blast-radius',
    rationale:
      'A volume mounted by several services is a channel between them: whoever compromises one can plant files (configuration, scripts, uploaded content) that the others read and trust, or read what they write. Off by default: sharing is often deliberate (a web server serving files an application writes).',
    remediation:
      'Give each service its own volume, and pass data through an API or a queue. When sharing is the design, mount the volume read-only (`:ro`) in every service that only reads it, and suppress the finding with a reason.',
    references: [{ standard: 'cwe', id: 668 }],
    aliases: [{ tool: 'kics', id: 'Shared Volumes Between Containers' }],
    messages: { shared: 'Volume "{{volume}}" is mounted by service "{{service}}" and also by "{{others}}".' },
    examples: {
      bad: 'services:\n  app:\n    image: example/app:1.4\n    volumes: [uploads:/srv/uploads]\n  web:\n    image: nginx:1.27\n    volumes: [uploads:/usr/share/nginx/html]\nvolumes:\n  uploads: {}\n',
      good: 'services:\n  app:\n    image: example/app:1.4\n    volumes: [uploads:/srv/uploads]\n  web:\n    image: nginx:1.27\nvolumes:\n  uploads: {}\n',
    },
    since: '0.2.0',
    related: ['DC021'],
  },
  check({ compose, report }) {
    const byVolume = new Map<YamlDocument, Map<string, NamedMount[]>>();
    for (const service of compose.services) {
      const volumes = byVolume.get(service.doc) ?? new Map<string, NamedMount[]>();
      byVolume.set(service.doc, volumes);
      for (const named of namedMounts(compose, service)) volumes.set(named.mount.source!, [...(volumes.get(named.mount.source!) ?? []), named]);
    }
    for (const [doc, volumes] of byVolume) {
      for (const [volume, mounts] of volumes) {
        if (new Set(mounts.map((m) => m.service)).size < 2) continue;
        // One report per written mount; the first mount is reported only when an anchor or base gives it to several services.
        const byItem = new Map<Node, NamedMount[]>();
        for (const m of mounts) byItem.set(m.mount.item, [...(byItem.get(m.mount.item) ?? []), m]);
        [...byItem.values()].forEach((users, index) => {
          if (index === 0 && users.length === 1) return;
          const services = users.map((u) => u.service);
          const others = mounts.filter((m) => !services.includes(m.service));
          const shared = others.length ? others : users.slice(1);
          report({
            messageId: 'shared',
            data: { volume, service: (others.length ? services : services.slice(0, 1)).map((s) => s.name).join('", "'), others: shared.map((m) => m.service.name).join('", "') },
            range: doc.rangeOf(users[0].mount.sourceNode),
            related: shared.map((m) => ({
              range: doc.rangeOf(m.mount.item === users[0].mount.item ? m.service.keyNode : m.mount.sourceNode),
              message: `Also mounted by service "${m.service.name}".`,
            })),
          });
        });
      }
    }
  },
});
