import { defineRule } from '../../rule';
import { describeSetting, serviceSettings, volumeMounts, type ComposeModel, type ComposeService, type VolumeMount } from '../../parse/compose';
import type { Node, YamlDocument } from '../../parse/yaml';
import { HOST_PATH_MESSAGE, hostPathRisk } from '../../policy/hostPaths';
import { makeMountReadOnly } from '../../edits/compose';

/**
 * Host trees that hold credentials (password hashes, SSH host keys, cluster and daemon keys, other
 * containers' secrets): reading them is the harm, so a read-only mount is still reported, without a fix.
 * Other system paths are reported when writable, and read-only is their fix.
 */
const CREDENTIAL_TREES = ['/etc/shadow', '/etc/gshadow', '/etc/ssh', '/etc/kubernetes', '/etc/docker', '/root', '/var/lib/kubelet', '/var/lib/docker', '/var/lib/containerd'];

function holdsCredentials(path: string): boolean {
  const p = path.replace(/\/+$/, '').replace(/\/+/g, '/');
  return CREDENTIAL_TREES.some((tree) => p === tree || p.startsWith(tree + '/'));
}

/** A mount whose mode is written through `${…}`: it may or may not be read-only. */
function modeUnknown(mount: VolumeMount): boolean {
  return mount.options.some((o) => o.includes('$'));
}

/** A top-level named volume that is a host bind in disguise: `driver_opts: {type: none, o: bind, device: /etc}`. */
interface BoundVolume {
  doc: YamlDocument;
  device: string;
  deviceNode: Node;
  users: ComposeService[];
  /** Some service mounts it without `:ro`. */
  writable: boolean;
}

function boundNamedVolumes(compose: ComposeModel): BoundVolume[] {
  const bound: BoundVolume[] = [];
  for (const doc of new Set(compose.services.map((s) => s.doc))) {
    for (const { key, pair } of doc.entries(doc.get(doc.contents, 'volumes'))) {
      const opts = doc.get(pair.value, 'driver_opts');
      const device = doc.scalar(opts, 'device');
      const deviceNode = doc.get(opts, 'device');
      if (typeof device !== 'string' || !deviceNode || !/(^|,)\s*r?bind\s*(,|$)/.test(String(doc.scalar(opts, 'o') ?? ''))) continue;
      const mounts = compose.services.filter((s) => s.doc === doc).map((s) => ({ s, mount: volumeMounts(doc, doc.get(s.node, 'volumes')).find((m) => m.type === 'volume' && m.source === key) }));
      const users = mounts.filter((m) => m.mount).map((m) => m.s);
      const writable = mounts.some((m) => m.mount && !m.mount.readOnly);
      if (users.length > 0) bound.push({ doc, device, deviceNode, users, writable });
    }
  }
  return bound;
}

export default defineRule({
  meta: {
    id: 'DC002',
    name: 'no-host-system-mount',
    appliesTo: 'compose',
    title: 'Host system path or container runtime socket mounted',
    severity: 'error',
    threat: 'vulnerable-host',
    principle: 'least-privilege',
    rationale:
      "Mounting the Docker (or containerd) socket hands the container the Docker API: it can start a privileged container with the host's root filesystem and own the host, read-only mount or not. Mounting `/`, `/etc`, `/proc`, `/sys`, `/dev`, `/boot` or `/var/lib/docker` exposes host credentials, kernel interfaces and every other container's data.",
    remediation:
      "Mount only the application's own data directories or named volumes. For tools that need the Docker API, put a socket proxy with a narrow allow-list in front of it (for example one that permits only `GET /containers`), or run them outside the application stack. A system directory a monitoring agent must read can be mounted read-only (`:ro`, or `read_only: true` in the long syntax); that is the fix offered. Read-only does not help for runtime sockets (the API is still reachable), the host root, or credential stores such as `/etc/shadow`, `/root` and `/var/lib/docker`.",
    references: [
      { standard: 'cis-docker', section: '5.6', title: 'Ensure sensitive host system directories are not mounted on containers' },
      { standard: 'cis-docker', section: '5.32', title: 'Ensure that the Docker socket is not mounted inside any containers' },
      { standard: 'cwe', id: 668 },
    ],
    aliases: [{ tool: 'semgrep', id: 'exposing-docker-socket-volume' }],
    messages: {
      runtimeSocket: 'Service "{{service}}" mounts the container runtime socket {{path}}: that is root on the host.',
      hostRoot: 'Service "{{service}}" mounts the host root filesystem.',
      systemPath: 'Service "{{service}}" mounts the host system path {{path}} writable.',
      credentialPath: 'Service "{{service}}" mounts {{path}}, where the host keeps credentials; read-only does not protect them.',
    },
    fix: { applicability: 'unsafe', title: 'Mount it read-only', review: 'the service can no longer write through this mount' },
    examples: {
      bad: 'services:\n  agent:\n    image: example/agent:1.4\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n',
      good: 'services:\n  agent:\n    image: example/agent:1.4\n    volumes:\n      - agent-data:/data\nvolumes:\n  agent-data: {}\n',
    },
    since: '0.1.0',
    related: ['K8S005'],
  },
  check({ compose, report }) {
    const settings = serviceSettings(compose, 'volumes');
    for (let i = 0; i < settings.length; i++) {
      const setting = settings[i];
      const { doc, pair } = setting;
      const mounts = volumeMounts(doc, pair.value);
      for (let m = 0; m < mounts.length; m++) {
        const mount = mounts[m];
        const { type, source, sourceNode } = mount;
        // Windows paths, named volumes and unresolved `${X}` sources are not host paths this rule can judge.
        if (type !== 'bind' || !source?.startsWith('/') || source.includes('$') || doc.isTemplated(sourceNode)) continue;
        const risk = hostPathRisk(source);
        if (!risk) continue;
        const { service, related } = describeSetting(setting);
        if (risk === 'system-path' && holdsCredentials(source)) {
          report({ messageId: 'credentialPath', data: { service, path: source }, range: doc.rangeOf(sourceNode), related });
        } else if (risk === 'system-path') {
          if (mount.readOnly || modeUnknown(mount)) continue;
          report({ messageId: 'systemPath', data: { service, path: source }, range: doc.rangeOf(sourceNode), fix: () => [makeMountReadOnly(doc, mount)], related });
        } else {
          report({ messageId: HOST_PATH_MESSAGE[risk], data: { service, path: source }, range: doc.rangeOf(sourceNode), related });
        }
      }
    }
    // Reported where the host path is written, naming the services that mount the volume.
    for (const { doc, device, deviceNode, users, writable } of boundNamedVolumes(compose)) {
      const risk = device.includes('$') || doc.isTemplated(deviceNode) ? undefined : hostPathRisk(device);
      if (!risk) continue;
      const credentials = risk === 'system-path' && holdsCredentials(device);
      if (risk === 'system-path' && !credentials && !writable) continue;
      const related = users.map((u) => ({ range: doc.rangeOf(u.keyNode), message: `Mounted by service "${u.name}".` }));
      report({ messageId: credentials ? 'credentialPath' : HOST_PATH_MESSAGE[risk], data: { service: users.map((u) => u.name).join('", "'), path: device }, range: doc.rangeOf(deviceNode), related });
    }
  },
});
