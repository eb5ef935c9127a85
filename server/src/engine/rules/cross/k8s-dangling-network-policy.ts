import { defineRule } from '../../rule';
import { danglingPolicies, networkPolicyFacts, type WorkloadFacts } from '../../parse/networkPolicy';

/**
 * How many workloads a policy of a namespace could select (those of its namespace and those with none;
 * all of them for a policy with no namespace), counted once: a count over every workload per policy made
 * a file of many dangling policies quadratic in the workspace.
 */
function workloadCounts(workloads: readonly WorkloadFacts[]): (namespace: string | undefined) => number {
  const byNamespace = new Map<string, number>();
  let unplaced = 0;
  for (const w of workloads) {
    if (w.namespace) byNamespace.set(w.namespace, (byNamespace.get(w.namespace) ?? 0) + 1);
    else unplaced++;
  }
  return (namespace) => (namespace ? (byNamespace.get(namespace) ?? 0) + unplaced : workloads.length);
}

export default defineRule({
  meta: {
    id: 'XF010',
    name: 'k8s-dangling-network-policy',
    appliesTo: 'kubernetes',
    title: 'NetworkPolicy selects no workload in the workspace',
    severity: 'info',
    threat: 'insecure-network',
    principle: 'blast-radius',
    rationale:
      'A NetworkPolicy whose pod selector matches none of the workloads (a renamed label, a typo, another namespace) isolates nothing, while its presence suggests the traffic is locked down: the pods it was written for stay open to the whole cluster.',
    remediation:
      "Fix the selector (or the namespace) so it matches the workload's pod template labels, or delete the policy. Only workloads whose manifests are in the workspace are known; a policy for pods deployed from elsewhere is reported too, so silence it with `bulkhead-ignore` there.",
    references: [{ standard: 'url', title: 'kube-linter: dangling-networkpolicy', href: 'https://docs.kubelinter.io/#/generated/checks' }],
    aliases: [{ tool: 'kube-linter', id: 'dangling-networkpolicy' }],
    messages: { dangling: 'NetworkPolicy "{{name}}" selects none of the {{count}} workloads of the workspace{{where}}.' },
    examples: {
      bad: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: api\nspec:\n  podSelector:\n    matchLabels: {app: apl}\n  policyTypes: [Ingress]\n',
      good: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: api\nspec:\n  podSelector:\n    matchLabels: {app: api}\n  policyTypes: [Ingress]\n',
      workspace: {
        'api.yaml':
          'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    metadata:\n      labels: {app: api}\n    spec:\n      containers:\n        - name: api\n          image: example/api:1.0\n',
      },
    },
    since: '0.2.0',
    related: ['K8S069'],
  },
  check({ k8s, workspace, report }) {
    const policies = networkPolicyFacts(k8s);
    if (!workspace || policies.length === 0) return;
    const workloads = workspace.workloads();
    // With no workload manifest at all the workspace holds policies only: nothing to compare against.
    if (workloads.length === 0) return;
    const workloadsFor = workloadCounts(workloads);
    for (const policy of danglingPolicies(
      policies.filter((p) => p.podSelector !== null),
      workloads,
    )) {
      const count = workloadsFor(policy.namespace);
      report({ messageId: 'dangling', data: { name: policy.name ?? '', count, where: policy.namespace ? ` in namespace ${policy.namespace}` : '' }, range: policy.range! });
    }
  },
});
