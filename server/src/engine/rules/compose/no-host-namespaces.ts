import { defineRule } from '../../rule';
import { yamlRemovePair } from '../../edits/yaml';
import { describeSetting, serviceSettings } from '../../parse/compose';

/** Service keys that put the container in a host namespace when set to `host`. */
const NAMESPACE_KEYS = { network_mode: 'hostNetwork', pid: 'hostPid', ipc: 'hostIpc', userns_mode: 'hostUserns', uts: 'hostUts' } as const;

export default defineRule({
  meta: {
    id: 'DC004',
    name: 'no-host-namespaces',
    appliesTo: 'compose',
    title: 'Service shares a host namespace',
    severity: 'error',
    threat: 'container-escape',
    principle: 'blast-radius',
    rationale:
      'Namespaces are what make a container a container. `network_mode: host` exposes every host interface and loopback service (cloud metadata, the Docker API on 127.0.0.1, databases bound to localhost); `pid: host` lets the container see and signal every host process and read their environment; `ipc: host` shares host shared memory; `userns_mode: host` turns off user-namespace remapping; `uts: host` lets it change the host name.',
    remediation: 'Remove the key so the service gets its own namespace. Publish the ports it needs with `ports:` instead of host networking; use a sidecar with `pid: "service:<name>"` for debugging.',
    references: [
      { standard: 'cis-docker', section: '5.10', title: "Ensure that the host's network namespace is not shared" },
      { standard: 'cis-docker', section: '5.16', title: "Ensure that the host's process namespace is not shared" },
      { standard: 'cis-docker', section: '5.17', title: "Ensure that the host's IPC namespace is not shared" },
      { standard: 'cis-docker', section: '5.21', title: "Ensure that the host's UTS namespace is not shared" },
      { standard: 'cis-docker', section: '5.31', title: "Ensure that the host's user namespaces are not shared" },
    ],
    aliases: [],
    messages: {
      hostNetwork: 'Service "{{service}}" uses the host network: every host interface and localhost service is reachable.',
      hostPid: 'Service "{{service}}" shares the host PID namespace: it sees and can signal every host process.',
      hostIpc: 'Service "{{service}}" shares the host IPC namespace.',
      hostUserns: 'Service "{{service}}" turns off user-namespace remapping.',
      hostUts: 'Service "{{service}}" shares the host UTS namespace.',
    },
    fix: { applicability: 'unsafe', title: 'Remove the host namespace setting', review: "the service no longer sees the host's processes, network or IPC; tools that relied on them stop working" },
    examples: {
      bad: 'services:\n  agent:\n    image: example/agent:1.4\n    network_mode: host\n',
      good: 'services:\n  agent:\n    image: example/agent:1.4\n    ports: ["127.0.0.1:9100:9100"]\n',
    },
    since: '0.1.0',
    related: [],
  },
  check({ compose, report }) {
    for (const [key, messageId] of Object.entries(NAMESPACE_KEYS) as Array<[keyof typeof NAMESPACE_KEYS, (typeof NAMESPACE_KEYS)[keyof typeof NAMESPACE_KEYS]]>) {
      for (const setting of serviceSettings(compose, key)) {
        const { doc, pair, map } = setting;
        if (String(doc.scalar(pair.value) ?? '').toLowerCase() !== 'host') continue;
        const { service, related } = describeSetting(setting);
        report({ messageId, data: { service }, range: doc.rangeOf(pair.value), fix: () => [yamlRemovePair(doc, map, pair)], fixTitle: `Remove ${key}: host`, related });
      }
    }
  },
});
