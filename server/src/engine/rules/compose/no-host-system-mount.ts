import { defineRule } from '../../rule';
import { describeSetting, serviceSettings } from '../../parse/compose';
import { isMap, isScalar, type Node } from '../../parse/yaml';
import { HOST_PATH_MESSAGE, hostPathRisk } from '../../policy/hostPaths';

/** The host side of a short volume (`/src:/dst:ro`), or undefined for named volumes and anonymous ones. */
function shortVolumeSource(spec: string): string | undefined {
  if (/^[A-Za-z]:[\\/]/.test(spec)) return undefined; // Windows drive paths are outside this rule
  const parts = spec.split(':');
  if (parts.length < 2) return undefined;
  const source = parts[0];
  return source.startsWith('/') ? source : undefined;
}

export default defineRule({
  meta: {
    id: 'DC002', name: 'no-host-system-mount', appliesTo: 'compose',
    title: 'Host system path or container runtime socket mounted', severity: 'error',
    threat: 'vulnerable-host', principle: 'least-privilege',
    rationale: 'Mounting the Docker (or containerd) socket hands the container the Docker API: it can start a privileged container with the host\'s root filesystem and own the host, read-only mount or not. Mounting `/`, `/etc`, `/proc`, `/sys`, `/dev`, `/boot` or `/var/lib/docker` exposes host credentials, kernel interfaces and every other container\'s data.',
    remediation: 'Mount only the application\'s own data directories or named volumes. For tools that need the Docker API, put a socket proxy with a narrow allow-list in front of it (for example one that permits only `GET /containers`), or run them outside the application stack.',
    references: [
      { standard: 'cis-docker', section: '5.5', title: 'Ensure sensitive host system directories are not mounted on containers' },
      { standard: 'cis-docker', section: '5.31', title: 'Ensure that the Docker socket is not mounted inside any containers' },
      { standard: 'cwe', id: 668 },
    ],
    aliases: [{ tool: 'semgrep', id: 'exposing-docker-socket-volume' }],
    messages: {
      runtimeSocket: 'Service "{{service}}" mounts the container runtime socket {{path}}: that is root on the host.',
      hostRoot: 'Service "{{service}}" mounts the host root filesystem.',
      systemPath: 'Service "{{service}}" mounts the host system path {{path}}.',
    },
    examples: {
      bad: 'services:\n  agent:\n    image: example/agent:1.4\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n',
      good: 'services:\n  agent:\n    image: example/agent:1.4\n    volumes:\n      - agent-data:/data\nvolumes:\n  agent-data: {}\n',
    },
    since: '0.1.0', related: ['K8S005'],
  },
  check({ compose, report }) {
    for (const setting of serviceSettings(compose, 'volumes')) {
      const { doc, pair } = setting;
      const { service, related } = describeSetting(setting);
      for (const item of doc.items(pair.value)) {
        let path: string | undefined;
        let at: Node | undefined;
        if (isScalar(item) && typeof item.value === 'string') {
          path = shortVolumeSource(item.value);
          at = item;
        } else if (isMap(item)) {
          const type = doc.scalar(item, 'type');
          const source = doc.scalar(item, 'source');
          if ((type === undefined || type === 'bind') && typeof source === 'string' && source.startsWith('/')) {
            path = source;
            at = doc.get(item, 'source');
          }
        }
        if (!path || !at || path.includes('$') || doc.isTemplated(at)) continue;
        const risk = hostPathRisk(path);
        if (risk) report({ messageId: HOST_PATH_MESSAGE[risk], data: { service, path }, range: doc.rangeOf(at), related });
      }
    }
  },
});
