import { defineRule } from '../../rule';
import { yamlRemovePair } from '../../edits/yaml';
import { podSecurityGate } from '../../policy/podSecurity';

const NAMESPACES = ['hostNetwork', 'hostPID', 'hostIPC'] as const;

export default defineRule({
  meta: {
    id: 'K8S007',
    name: 'no-host-namespaces',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'Pod shares a host namespace',
    severity: 'error',
    threat: 'container-escape',
    principle: 'blast-radius',
    rationale:
      "`hostNetwork: true` puts the pod on the node's network stack: it can sniff and spoof node traffic, reach services bound to localhost (the kubelet, cloud metadata) and bypass NetworkPolicies. `hostPID: true` shows every process of the node, with their environment and `/proc/<pid>/root`; `hostIPC: true` shares the node's shared memory and message queues. Each removes a wall between the container and the node.",
    remediation:
      'Delete the field (the default is `false`). Expose the workload through a Service instead of the host network; node agents that truly need a host namespace belong in a dedicated namespace whose `pod-security.kubernetes.io/enforce` label is `privileged`.',
    references: [
      { standard: 'pss', level: 'baseline', control: 'Host Namespaces' },
      { standard: 'cis-docker', section: '5.9', title: "Ensure that the host's network namespace is not shared" },
      { standard: 'cis-docker', section: '5.15', title: "Ensure that the host's process namespace is not shared" },
      { standard: 'cis-docker', section: '5.16', title: "Ensure that the host's IPC namespace is not shared" },
      { standard: 'cwe', id: 668 },
    ],
    aliases: [
      { tool: 'kube-linter', id: 'host-network' },
      { tool: 'kube-linter', id: 'host-pid' },
      { tool: 'kube-linter', id: 'host-ipc' },
      { tool: 'kubesec', id: 'HostNetwork' },
      { tool: 'kubesec', id: 'HostPID' },
      { tool: 'kubesec', id: 'HostIPC' },
      { tool: 'checkov', id: 'CKV_K8S_19' },
      { tool: 'checkov', id: 'CKV_K8S_17' },
      { tool: 'checkov', id: 'CKV_K8S_18' },
      { tool: 'checkov', id: 'CKV_K8S_4' },
      { tool: 'checkov', id: 'CKV_K8S_1' },
      { tool: 'checkov', id: 'CKV_K8S_3' },
      { tool: 'trivy', id: 'AVD-KSV-0009' },
      { tool: 'trivy', id: 'AVD-KSV-0010' },
      { tool: 'trivy', id: 'AVD-KSV-0008' },
      { tool: 'polaris', id: 'hostNetworkSet' },
      { tool: 'polaris', id: 'hostPIDSet' },
      { tool: 'polaris', id: 'hostIPCSet' },
      { tool: 'semgrep', id: 'hostnetwork-pod' },
      { tool: 'semgrep', id: 'hostpid-pod' },
      { tool: 'semgrep', id: 'hostipc-pod' },
    ],
    messages: {
      hostNetwork: "hostNetwork: true puts the pod on the node's network: it can reach node-local services and sniff traffic.",
      hostPID: 'hostPID: true shows the pod every process of the node.',
      hostIPC: "hostIPC: true shares the node's shared memory and IPC with the pod.",
    },
    fix: { applicability: 'unsafe', title: 'Remove {{field}}: true', review: "the pod no longer sees the host's processes, network or IPC; tools that relied on them stop working" },
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  hostNetwork: true\n  containers:\n    - name: web\n      image: nginx:1.27\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
    },
    since: '0.2.0',
    related: ['K8S008', 'K8S025', 'DC004'],
  },
  check({ k8s, options, report }) {
    const gate = podSecurityGate(k8s, options);
    for (const podSpec of k8s.podSpecs) {
      if (!gate.applies(podSpec.object, 'hostNamespaces')) continue;
      const doc = podSpec.object.doc;
      for (const field of NAMESPACES) {
        const pair = doc.pair(podSpec.node, field);
        if (!pair || doc.scalar(podSpec.node, field) !== true) continue;
        report({ messageId: field, data: { field }, range: doc.rangeOf(pair.value), fix: () => [yamlRemovePair(doc, podSpec.node, pair)] });
      }
    }
  },
});
