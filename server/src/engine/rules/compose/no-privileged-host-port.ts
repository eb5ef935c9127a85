import { defineRule } from '../../rule';
import { describeSetting, isInterpolated, portMappings, serviceSettings } from '../../parse/compose';

/** The lowest port of `80` or a range `80-90`; undefined when it is not a plain number. */
function lowestPort(published: string): number | undefined {
  const m = /^\s*(\d+)(?:\s*-\s*\d+)?\s*$/.exec(published);
  return m ? Number(m[1]) : undefined;
}

export default defineRule({
  meta: {
    id: 'DC015',
    name: 'no-privileged-host-port',
    appliesTo: 'compose',
    title: 'Service publishes a privileged host port',
    severity: 'info',
    threat: 'insecure-network',
    principle: 'least-privilege',
    rationale:
      "Ports below 1024 are privileged: clients trust that only the host's administrator serves them. Publishing one from a container lets whoever controls the Compose file, or the container, take over a well-known service port (22, 53, 80, 443) of the host. Info by default: a reverse proxy legitimately publishes 80 and 443.",
    remediation:
      'Publish an unprivileged host port (`"8080:80"`) and let a reverse proxy or load balancer own 80/443, or keep the privileged mapping only on the one service whose job it is and suppress the finding there.',
    references: [{ standard: 'cis-docker', section: '5.8', title: 'Ensure that privileged ports are not mapped within containers' }],
    aliases: [{ tool: 'kics', id: 'Privileged Ports Mapped In Container' }],
    messages: { privilegedPort: 'Service "{{service}}" publishes the privileged host port {{port}}.' },
    examples: {
      bad: 'services:\n  web:\n    image: nginx:1.27\n    ports: ["127.0.0.1:80:8080"]\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n    ports: ["127.0.0.1:8080:8080"]\n',
    },
    since: '0.2.0',
    related: ['DC009'],
  },
  check({ compose, report }) {
    const settings = serviceSettings(compose, 'ports');
    for (let i = 0; i < settings.length; i++) {
      const setting = settings[i];
      const { doc, pair } = setting;
      const mappings = portMappings(doc, pair.value);
      for (let m = 0; m < mappings.length; m++) {
        const { published, publishedNode, item } = mappings[m];
        if (published === undefined || !publishedNode || isInterpolated(published) || doc.isTemplated(item)) continue;
        const port = lowestPort(published);
        if (port === undefined || port <= 0 || port >= 1024) continue;
        const { service, related } = describeSetting(setting);
        report({ messageId: 'privilegedPort', data: { service, port: published }, range: doc.rangeOf(publishedNode), related });
      }
    }
  },
});
