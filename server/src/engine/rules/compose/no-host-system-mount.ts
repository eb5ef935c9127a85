import { defineRule } from '../../rule';
import { describeSetting, serviceSettings, volumeMounts, type ComposeModel, type ComposeService } from '../../parse/compose';
import type { Node, YamlDocument } from '../../parse/yaml';
import { HOST_PATH_MESSAGE, hostPathRisk } from '../../policy/hostPaths';

/** A top-level named volume that is a host bind in disguise: `driver_opts: {type: none, o: bind, device: /etc}`. */
interface BoundVolume { doc: YamlDocument; device: string; deviceNode: Node; users: ComposeService[] }

function boundNamedVolumes(compose: ComposeModel): BoundVolume[] {
  const bound: BoundVolume[] = [];
  for (const doc of new Set(compose.services.map((s) => s.doc))) {
    for (const { key, pair } of doc.entries(doc.get(doc.contents, 'volumes'))) {
      const opts = doc.get(pair.value, 'driver_opts');
      const device = doc.scalar(opts, 'device');
      const deviceNode = doc.get(opts, 'device');
      if (typeof device !== 'string' || !deviceNode || !/(^|,)\s*r?bind\s*(,|$)/.test(String(doc.scalar(opts, 'o') ?? ''))) continue;
      const users = compose.services.filter((s) => s.doc === doc && volumeMounts(doc, doc.get(s.node, 'volumes')).some((m) => m.type === 'volume' && m.source === key));
      if (users.length > 0) bound.push({ doc, device, deviceNode, users });
    }
  }
  return bound;
}

export default defineRule({
  meta: {
    id: 'DC002', name: 'no-host-system-mount', appliesTo: 'compose',
    title: 'Host system path or container runtime socket mounted', severity: 'error',
    threat: 'vulnerable-host', principle: 'least-privilege',
    rationale: 'Mounting the Docker (or containerd) socket hands the container the Docker API: it can start a privileged container with the host\'s root filesystem and own the host, read-only mount or not. Mounting `/`, `/etc`, `/proc`, `/sys`, `/dev`, `/boot` or `/var/lib/docker` exposes host credentials, kernel interfaces and every other container\'s data.',
    remediation: 'Mount only the application\'s own data directories or named volumes. For tools that need the Docker API, put a socket proxy with a narrow allow-list in front of it (for example one that permits only `GET /containers`), or run them outside the application stack. There is no automatic fix: the service may depend on the mount, so removing it is a design change to review.',
    references: [
      { standard: 'cis-docker', section: '5.6', title: 'Ensure sensitive host system directories are not mounted on containers' },
      { standard: 'cis-docker', section: '5.32', title: 'Ensure that the Docker socket is not mounted inside any containers' },
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
      for (const { type, source, sourceNode } of volumeMounts(doc, pair.value)) {
        // Windows paths, named volumes and unresolved `${X}` sources are not host paths this rule can judge.
        if (type !== 'bind' || !source?.startsWith('/') || source.includes('$') || doc.isTemplated(sourceNode)) continue;
        const risk = hostPathRisk(source);
        if (risk) report({ messageId: HOST_PATH_MESSAGE[risk], data: { service, path: source }, range: doc.rangeOf(sourceNode), related });
      }
    }
    // Reported where the host path is written, naming the services that mount the volume.
    for (const { doc, device, deviceNode, users } of boundNamedVolumes(compose)) {
      const risk = device.includes('$') || doc.isTemplated(deviceNode) ? undefined : hostPathRisk(device);
      if (!risk) continue;
      const related = users.map((u) => ({ range: doc.rangeOf(u.keyNode), message: `Mounted by service "${u.name}".` }));
      report({ messageId: HOST_PATH_MESSAGE[risk], data: { service: users.map((u) => u.name).join('", "'), path: device }, range: doc.rangeOf(deviceNode), related });
    }
  },
});
