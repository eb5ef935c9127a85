import { defineRule } from '../../rule';
import { removeListEntries } from '../../edits/yaml';
import { isScalar } from '../../parse/yaml';
import { normalizeCapability } from '../../policy/capabilities';
import { podSecurityGate } from '../../policy/podSecurity';
import { containerSecurity } from '../../parse/kubernetes';

export default defineRule({
  meta: {
    id: 'K8S019',
    name: 'no-net-raw',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'NET_RAW capability added',
    severity: 'warning',
    threat: 'insecure-network',
    principle: 'least-privilege',
    rationale:
      "`NET_RAW` lets a process craft any packet: ARP and DNS spoofing of its neighbours on the node's bridge, and a long list of kernel bugs reachable through raw sockets (CVE-2020-14386, CVE-2016-8655). The baseline profile does not allow adding it. Containers that do not drop ALL keep it by default: K8S004 reports those.",
    remediation: 'Remove `NET_RAW` from `capabilities.add`. `ping` works without it on current kernels through `net.ipv4.ping_group_range`.',
    references: [
      { standard: 'pss', level: 'baseline', control: 'Capabilities' },
      { standard: 'cwe', id: 250 },
    ],
    aliases: [
      { tool: 'kube-linter', id: 'drop-net-raw-capability' },
      { tool: 'checkov', id: 'CKV_K8S_28' },
      { tool: 'checkov', id: 'CKV_K8S_7' },
      { tool: 'trivy', id: 'AVD-KSV-0119' },
    ],
    messages: { netRaw: 'Container "{{container}}" adds NET_RAW: it can spoof packets on the node\'s network.' },
    fix: { applicability: 'unsafe', title: 'Remove NET_RAW', review: 'ping and other raw-socket tools stop working in the container' },
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        capabilities:\n          drop: ["ALL"]\n          add: ["NET_RAW"]\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        capabilities:\n          drop: ["ALL"]\n',
    },
    since: '0.2.0',
    related: ['K8S004', 'K8S018'],
  },
  check({ k8s, options, report }) {
    const gate = podSecurityGate(k8s, options);
    for (const c of k8s.containers) {
      if (!gate.applies(c.podSpec.object, 'capabilitiesBaseline')) continue;
      const doc = c.podSpec.object.doc;
      const caps = containerSecurity(c, 'capabilities');
      const addPair = doc.pair(caps, 'add');
      if (!caps || !addPair) continue;
      const raw = doc.items(addPair.value).filter((i) => isScalar(i) && typeof i.value === 'string' && normalizeCapability(i.value) === 'NET_RAW');
      if (raw.length === 0) continue;
      const fix = removeListEntries(doc, caps, addPair, raw);
      for (const item of raw) report({ messageId: 'netRaw', data: { container: c.name }, range: doc.rangeOf(item), fix });
    }
  },
});
