import { defineRule } from '../../rule';
import { insertPair } from '../../edits/yaml';
import { replace } from '../../edits/text';
import { describeSetting, portMappings, serviceSettings } from '../../parse/compose';

export default defineRule({
  meta: {
    id: 'DC009',
    name: 'no-port-all-interfaces',
    appliesTo: 'compose',
    title: 'Port published on every host interface',
    severity: 'warning',
    threat: 'insecure-network',
    principle: 'attack-surface',
    rationale:
      "A port mapping without a host address binds 0.0.0.0: the service answers on every interface of the host, public ones included, and Docker's own iptables rules bypass host firewalls such as ufw. Databases and admin consoles meant for local use end up on the internet.",
    remediation:
      'Bind to the interface that should reach the service: `"127.0.0.1:8080:80"` for local use, or a private address. Put public services behind a reverse proxy that is the only thing bound to a public interface.',
    references: [
      { standard: 'cis-docker', section: '5.14', title: 'Ensure that incoming container traffic is bound to a specific host interface' },
      { standard: 'cwe', id: 1327 },
    ],
    aliases: [],
    messages: { allInterfaces: 'Service "{{service}}" publishes {{port}} on every host interface (0.0.0.0).' },
    fix: { applicability: 'unsafe', title: 'Publish on 127.0.0.1 only', review: 'the port is no longer reachable from other machines; publish it on the one interface that must reach it' },
    examples: {
      bad: 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "5432:5432"\n',
      good: 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "127.0.0.1:5432:5432"\n',
    },
    since: '0.1.0',
  },
  check({ compose, report }) {
    const settings = serviceSettings(compose, 'ports');
    for (let i = 0; i < settings.length; i++) {
      const setting = settings[i];
      const { doc, pair } = setting;
      const { service, related } = describeSetting(setting);
      const mappings = portMappings(doc, pair.value);
      for (let m = 0; m < mappings.length; m++) {
        const { hostIp, published, target, item, publishedNode, long } = mappings[m];
        if (hostIp !== undefined || doc.isTemplated(item)) continue;
        if (long) {
          if (published !== undefined && publishedNode)
            report({
              messageId: 'allInterfaces',
              data: { service, port: `${published}:${target ?? ''}` },
              range: doc.rangeOf(publishedNode),
              fix: () => [insertPair(doc, item, 'host_ip', '127.0.0.1')],
              related,
            });
          continue;
        }
        if (published?.includes('$')) continue; // `${BIND}:80` may carry an address
        const spec = String(doc.scalar(item));
        // `80` and `:80` both publish a random host port: the address goes before the empty host port.
        const bound = spec.includes(':') ? `127.0.0.1:${spec}` : `127.0.0.1::${spec}`;
        const range = doc.rangeOf(item);
        report({ messageId: 'allInterfaces', data: { service, port: spec }, range, fix: [replace(range, JSON.stringify(bound))], related });
      }
    }
  },
});
