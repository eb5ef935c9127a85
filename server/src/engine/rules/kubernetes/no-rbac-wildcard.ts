import { defineRule } from '../../rule';
import { describeRole, rbacRoles } from '../../parse/rbac';
import { cisKubernetes, NSA_CISA_HARDENING, RBAC_GOOD_PRACTICES } from '../../parse/k8sObjects';

export default defineRule({
  meta: {
    id: 'K8S040',
    name: 'no-rbac-wildcard',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'RBAC rule uses a wildcard',
    severity: 'error',
    threat: 'access-control',
    principle: 'least-privilege',
    rationale:
      'A `*` in `verbs`, `resources` or `apiGroups` grants every present and future verb, resource or API group, including Secrets, `pods/exec`, RBAC objects and custom resources added later. `*` verbs on `*` resources is cluster-admin under another name.',
    remediation:
      'List the API groups, resources and verbs the subject actually uses (`kubectl auth can-i --list --as=...` or audit logs show them), e.g. `apiGroups: ["apps"]`, `resources: ["deployments"]`, `verbs: ["get", "list", "watch"]`.',
    references: [cisKubernetes('5.1.3', 'Minimize wildcard use in Roles and ClusterRoles'), NSA_CISA_HARDENING, RBAC_GOOD_PRACTICES, { standard: 'cwe', id: 269 }],
    aliases: [
      { tool: 'kube-linter', id: 'wildcard-in-rules' },
      { tool: 'checkov', id: 'CKV_K8S_49' },
      { tool: 'trivy', id: 'AVD-KSV-0044' },
      { tool: 'trivy', id: 'AVD-KSV-0045' },
      { tool: 'trivy', id: 'AVD-KSV-0046' },
      { tool: 'trivy', id: 'AVD-KSV-0112' },
    ],
    messages: {
      fullAccess: '{{role}} grants every verb on every resource of every API group ("*"): it is cluster-admin under another name.',
      wildcard: '{{role}} grants a wildcard in {{fields}}: every present and future one is allowed.',
    },
    examples: {
      bad: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: deployer\nrules:\n  - apiGroups: ["apps"]\n    resources: ["*"]\n    verbs: ["get", "list"]\n',
      good: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: deployer\nrules:\n  - apiGroups: ["apps"]\n    resources: ["deployments"]\n    verbs: ["get", "list"]\n',
    },
    since: '0.2.0',
    related: ['K8S044', 'K8S045'],
  },
  check({ k8s, report }) {
    for (const role of rbacRoles(k8s)) {
      for (const rule of role.rules) {
        const fields = (['verbs', 'resources', 'apiGroups'] as const).filter((f) => rule[f].some((i) => i.value === '*'));
        if (!fields.length) continue;
        const first = rule[fields[0]].find((i) => i.value === '*')!;
        const full = fields.length === 3;
        report({ messageId: full ? 'fullAccess' : 'wildcard', data: { role: describeRole(role), fields: fields.join(', ') }, range: role.object.doc.rangeOf(first.node) });
      }
    }
  },
});
