import { defineRule } from '../../rule';
import { removeListEntries } from '../../edits/yaml';
import type { Node } from '../../parse/yaml';
import { podSecurityGate } from '../../policy/podSecurity';
import { podSecurityContextOwners } from '../../parse/kubernetes';

/** The Pod Security Standards' safe sysctls, each with the Kubernetes minor version that allowed it. */
const SAFE_SYSCTLS: ReadonlyArray<[string, number]> = [
  ['kernel.shm_rmid_forced', 0],
  ['net.ipv4.ip_local_port_range', 0],
  ['net.ipv4.tcp_syncookies', 0],
  ['net.ipv4.ping_group_range', 0],
  ['net.ipv4.ip_unprivileged_port_start', 27],
  ['net.ipv4.ip_local_reserved_ports', 27],
  ['net.ipv4.tcp_keepalive_time', 29],
  ['net.ipv4.tcp_fin_timeout', 29],
  ['net.ipv4.tcp_keepalive_intvl', 29],
  ['net.ipv4.tcp_keepalive_probes', 29],
  ['net.ipv4.tcp_rmem', 32],
  ['net.ipv4.tcp_wmem', 32],
  // Allowed by the newest policy (pod-security-admission test data v1.37); the exact release is not pinned here.
  ['net.ipv4.tcp_slow_start_after_idle', 37],
  ['net.ipv4.tcp_notsent_lowat', 37],
];

/** `net/ipv4/tcp_syncookies` is the same sysctl as `net.ipv4.tcp_syncookies`. */
export function isSafeSysctl(name: string, version: number): boolean {
  const normalized = name.includes('/') ? name.replace(/\//g, '.') : name;
  return SAFE_SYSCTLS.some(([safe, since]) => safe === normalized && version >= since);
}

export default defineRule({
  meta: {
    id: 'K8S017',
    name: 'no-unsafe-sysctls',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'Unsafe sysctl set',
    severity: 'error',
    threat: 'vulnerable-host',
    principle: 'blast-radius',
    rationale:
      "Sysctls outside the safe set are not isolated per pod: they change the node's kernel for every workload on it (memory, networking, IPC limits) or disable protections, so one pod can weaken or starve its neighbours and the node.",
    remediation:
      "Remove the sysctl, or tune it on the node instead (and allow it there with the kubelet's `--allowed-unsafe-sysctls` only for a dedicated node pool). The safe set grows with Kubernetes versions; pin yours with `kubernetes.podSecurityVersion`.",
    references: [
      { standard: 'pss', level: 'baseline', control: 'Sysctls' },
      { standard: 'cwe', id: 668 },
    ],
    aliases: [
      { tool: 'kube-linter', id: 'unsafe-sysctls' },
      { tool: 'trivy', id: 'AVD-KSV-0026' },
    ],
    messages: { unsafe: 'Sysctl {{name}} is not in the Pod Security Standards safe set ({{version}}): it affects the whole node.' },
    fix: { applicability: 'unsafe', title: 'Remove the unsafe sysctl', review: 'the kernel setting returns to its default; tune it on the nodes if the workload needs it' },
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    sysctls:\n      - name: kernel.msgmax\n        value: "65536"\n  containers:\n    - name: web\n      image: nginx:1.27\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    sysctls:\n      - name: net.ipv4.tcp_syncookies\n        value: "1"\n  containers:\n    - name: web\n      image: nginx:1.27\n',
    },
    since: '0.2.0',
  },
  check({ k8s, options, report }) {
    const gate = podSecurityGate(k8s, options);
    for (const podSpec of k8s.podSpecs) {
      if (!gate.applies(podSpec.object, 'sysctls')) continue;
      const version = gate.policy(podSpec.object).version;
      const doc = podSpec.object.doc;
      // The pod's securityContext, and each Argo template's own (it is the pod's for that template's pod).
      for (const owner of podSecurityContextOwners(podSpec)) {
        const sc = doc.get(owner, 'securityContext');
        const pair = doc.pair(sc, 'sysctls');
        if (!sc || !pair) continue;
        const unsafe: Array<{ item: Node; nameNode: Node; name: string }> = [];
        for (const item of doc.items(pair.value)) {
          const nameNode = doc.get(item, 'name');
          const name = doc.scalar(item, 'name');
          if (nameNode && typeof name === 'string' && !doc.isTemplated(nameNode) && !isSafeSysctl(name, version)) unsafe.push({ item, nameNode, name });
        }
        if (unsafe.length === 0) continue;
        const fix = removeListEntries(
          doc,
          sc,
          pair,
          unsafe.map((u) => u.item),
        );
        const shown = Number.isFinite(version) ? `v1.${version}` : 'latest';
        for (const u of unsafe) report({ messageId: 'unsafe', data: { name: u.name, version: shown }, range: doc.rangeOf(u.nameNode), fix });
      }
    }
  },
});
