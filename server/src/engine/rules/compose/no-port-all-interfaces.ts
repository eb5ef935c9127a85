import { defineRule } from '../../rule';
import { insertPair, replace } from '../../fixer';
import { describeSetting, serviceSettings } from '../../parse/compose';
import { isMap, isScalar } from '../../parse/yaml';

/** A short port mapping that names a host address: `127.0.0.1:8080:80`, `[::1]:8080:80`. */
const HAS_HOST_IP = /^(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-fA-F:]+\]|[0-9a-fA-F:]*::[0-9a-fA-F:]*):/;

export default defineRule({
  meta: {
    id: 'DC009', name: 'no-port-all-interfaces', appliesTo: 'compose',
    title: 'Port published on every host interface', severity: 'warning',
    threat: 'insecure-network', principle: 'attack-surface',
    rationale: 'A port mapping without a host address binds 0.0.0.0: the service answers on every interface of the host, public ones included, and Docker\'s own iptables rules bypass host firewalls such as ufw. Databases and admin consoles meant for local use end up on the internet.',
    remediation: 'Bind to the interface that should reach the service: `"127.0.0.1:8080:80"` for local use, or a private address. Put public services behind a reverse proxy that is the only thing bound to a public interface.',
    references: [{ standard: 'cis-docker', section: '5.13', title: 'Ensure that incoming container traffic is bound to a specific host interface' }, { standard: 'cwe', id: 1327 }],
    aliases: [],
    messages: { allInterfaces: 'Service "{{service}}" publishes {{port}} on every host interface (0.0.0.0).' },
    fix: { applicability: 'unsafe', title: 'Publish on 127.0.0.1 only (review)' },
    examples: {
      bad: 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "5432:5432"\n',
      good: 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "127.0.0.1:5432:5432"\n',
    },
    since: '0.1.0',
  },
  check({ compose, report }) {
    for (const setting of serviceSettings(compose, 'ports')) {
      const { doc, pair } = setting;
      const { service, related } = describeSetting(setting);
      for (const item of doc.items(pair.value)) {
        if (isScalar(item)) {
          const spec = String(item.value);
          if (HAS_HOST_IP.test(spec) || /^\$\{?[A-Za-z_]/.test(spec) || doc.isTemplated(item)) continue; // `${BIND}:80` may carry an address
          const bound = typeof item.value === 'number' || !spec.includes(':') ? `127.0.0.1::${spec}` : `127.0.0.1:${spec}`;
          report({ messageId: 'allInterfaces', data: { service, port: spec }, range: doc.rangeOf(item), fix: [replace(doc.rangeOf(item), JSON.stringify(bound))], related });
        } else if (isMap(item)) {
          const published = doc.scalar(item, 'published');
          if (published === undefined || doc.scalar(item, 'host_ip') !== undefined) continue;
          const port = `${published}:${doc.scalar(item, 'target') ?? ''}`;
          report({ messageId: 'allInterfaces', data: { service, port }, range: doc.rangeOf(doc.get(item, 'published')), fix: [insertPair(doc, item, 'host_ip', '127.0.0.1')], related });
        }
      }
    }
  },
});
