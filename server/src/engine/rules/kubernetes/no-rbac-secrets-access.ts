import { defineRule } from '../../rule';
import { describeRole, grantsOf, rbacRoles, READ_VERBS, WRITE_VERBS } from '../../parse/rbac';
import { cisKubernetes, RBAC_GOOD_PRACTICES } from '../../parse/k8sObjects';

export default defineRule({
  meta: {
    id: 'K8S041',
    name: 'no-rbac-secrets-access',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'RBAC role can read or manage Secrets',
    severity: 'warning',
    threat: 'access-control',
    principle: 'least-privilege',
    rationale:
      '`get`, `list` or `watch` on `secrets` hands over every credential in the scope, service-account tokens included, so whoever holds the role can act as any workload there; `list` returns the values too, not just the names. Writing Secrets lets an attacker swap credentials the workloads trust.',
    remediation: 'Mount the Secrets a workload needs instead of reading them through the API. When an operator must read one, restrict the rule with `resourceNames: ["<secret>"]` and only `get`.',
    references: [cisKubernetes('5.1.2', 'Minimize access to secrets'), RBAC_GOOD_PRACTICES, { standard: 'cwe', id: 522 }],
    aliases: [
      { tool: 'kube-linter', id: 'access-to-secrets' },
      { tool: 'checkov', id: 'CKV2_K8S_5' },
      { tool: 'trivy', id: 'AVD-KSV-0041' },
      { tool: 'trivy', id: 'AVD-KSV-0113' },
    ],
    messages: {
      read: '{{role}} can {{verbs}} every Secret in its scope, service-account tokens included.',
      write: '{{role}} can {{verbs}} Secrets: it can replace the credentials workloads trust.',
    },
    examples: {
      bad: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: reader\nrules:\n  - apiGroups: [""]\n    resources: ["secrets"]\n    verbs: ["get", "list"]\n',
      good: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: reader\nrules:\n  - apiGroups: [""]\n    resources: ["secrets"]\n    resourceNames: ["app-config"]\n    verbs: ["get"]\n',
    },
    since: '0.2.0',
    related: ['K8S040'],
  },
  check({ k8s, report }) {
    for (const grant of grantsOf(rbacRoles(k8s), { groups: [''], resources: ['secrets'], verbs: [...READ_VERBS, ...WRITE_VERBS] })) {
      // Named Secrets are a deliberate, narrow grant.
      if (grant.rule.resourceNames.length) continue;
      const read = grant.verbs.filter((v) => READ_VERBS.includes(v));
      const data = { role: describeRole(grant.rule.role), verbs: (read.length ? read : grant.verbs).join('/') };
      report({ messageId: read.length ? 'read' : 'write', data, range: grant.rule.role.object.doc.rangeOf(grant.resources[0].node) });
    }
  },
});
