import { defineRule } from '../../rule';
import { describeObject } from '../../parse/k8sObjects';
import { ingressIsolation, networkPolicyFacts, workloadFacts } from '../../parse/networkPolicy';

export default defineRule({
  meta: {
    id: 'K8S069',
    name: 'require-network-policy',
    appliesTo: 'kubernetes',
    title: 'Workload is not isolated by a NetworkPolicy',
    severity: 'info',
    threat: 'insecure-network',
    principle: 'blast-radius',
    rationale:
      'Pods accept traffic from every other pod of the cluster until a NetworkPolicy selects them: one compromised pod anywhere can reach the database, the admin port or the metrics endpoint. Policies that only limit egress leave ingress open.',
    remediation:
      "Add a default-deny policy per namespace (`podSelector: {}`, `policyTypes: [Ingress, Egress]`) and policies that allow the traffic each workload needs. Without the workspace's policies at hand, only files that ship NetworkPolicies of their own are checked.",
    references: [
      { standard: 'url', title: 'CIS Kubernetes Benchmark 5.3.2: Ensure that all Namespaces have Network Policies defined', href: 'https://www.cisecurity.org/benchmark/kubernetes' },
      { standard: 'cwe', id: 923 },
    ],
    aliases: [
      { tool: 'kube-linter', id: 'non-isolated-pod' },
      { tool: 'checkov', id: 'CKV2_K8S_6' },
      { tool: 'trivy', id: 'AVD-KSV-0038' },
      { tool: 'polaris', id: 'missingNetworkPolicy' },
    ],
    messages: {
      notSelected: '{{object}} is selected by no NetworkPolicy: every pod of the cluster can reach it.',
      ingressOpen: '{{object}} is selected only by egress policies: its ingress is still open to every pod.',
    },
    absent: ['notSelected', 'ingressOpen'],
    examples: {
      bad: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: db\nspec:\n  podSelector: {matchLabels: {app: db}}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n',
      good: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n',
    },
    since: '0.2.0',
    related: ['K8S048'],
  },
  check({ k8s, workspace, report }) {
    const local = networkPolicyFacts(k8s);
    const elsewhere = workspace?.networkPolicies().filter((p) => p.uri !== workspace.documentPath);
    // Without the workspace, a file with no policy of its own may be covered from elsewhere: stay silent.
    if (!elsewhere && !local.length) return;
    const policies = [...local, ...(elsewhere ?? [])];
    for (const w of workloadFacts(k8s)) {
      const isolation = ingressIsolation(w, policies);
      if (isolation === 'ingress') continue;
      report({ messageId: isolation === 'egressOnly' ? 'ingressOpen' : 'notSelected', data: { object: describeObject(w.object) }, range: w.range! });
    }
  },
});
