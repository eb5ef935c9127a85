import { defineRule } from '../../rule';
import { rbacBindings, rbacRoles, type RbacRole } from '../../parse/rbac';
import { cisKubernetes, describeObject, NSA_CISA_HARDENING, RBAC_GOOD_PRACTICES } from '../../parse/k8sObjects';

export default defineRule({
  meta: {
    id: 'K8S044',
    name: 'no-cluster-admin-binding',
    appliesTo: 'kubernetes',
    title: 'Binding grants cluster-admin',
    severity: 'warning',
    threat: 'access-control',
    principle: 'least-privilege',
    rationale:
      '`cluster-admin` allows every action on every resource. A ClusterRoleBinding to it makes each subject a full cluster administrator, so one leaked token of a bound service account is a lost cluster; a RoleBinding to it still owns the whole namespace, Secrets and RBAC included.',
    remediation: 'Bind a role listing only the resources and verbs the subject needs; for namespace administration use the built-in `admin` or `edit` ClusterRole through a RoleBinding.',
    references: [cisKubernetes('5.1.1', 'Ensure that the cluster-admin role is only used where required'), NSA_CISA_HARDENING, RBAC_GOOD_PRACTICES, { standard: 'cwe', id: 250 }],
    aliases: [
      { tool: 'kube-linter', id: 'cluster-admin-role-binding' },
      { tool: 'trivy', id: 'AVD-KSV-0111' },
      { tool: 'polaris', id: 'clusterrolebindingClusterAdmin' },
      { tool: 'polaris', id: 'rolebindingClusterAdminClusterRole' },
      { tool: 'polaris', id: 'rolebindingClusterAdminRole' },
    ],
    messages: {
      clusterWide: '{{binding}} makes {{subjects}} cluster administrator.',
      namespaceWide: '{{binding}} gives {{subjects}} cluster-admin rights over the whole namespace.',
      wildcardRole: '{{binding}} binds {{role}}, which allows every verb on every resource: {{subjects}} get cluster-admin rights under another name.',
    },
    examples: {
      bad: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: ci\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: cluster-admin\nsubjects:\n  - kind: ServiceAccount\n    name: ci\n    namespace: build\n',
      good: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: ci\n  namespace: app\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: edit\nsubjects:\n  - kind: ServiceAccount\n    name: ci\n    namespace: build\n',
    },
    since: '0.2.0',
    related: ['K8S040'],
  },
  check({ k8s, report }) {
    // Roles of the same file that are cluster-admin in all but name (Polaris's wildcard-role bindings).
    const allPowerful = (role: RbacRole) => role.rules.some((r) => [r.verbs, r.resources, r.apiGroups].every((items) => items.some((i) => i.value === '*')));
    const roles = rbacRoles(k8s);
    for (const binding of rbacBindings(k8s)) {
      const ref = binding.roleRef;
      // `system:` bindings are the cluster's own bootstrap objects (kubeadm, cloud add-ons), re-exported, not authored.
      if (!ref || binding.object.name?.startsWith('system:')) continue;
      const subjects = binding.subjects.length ? binding.subjects.map((s) => `${s.kind} "${s.name}"`).join(', ') : 'its subjects';
      const data = { binding: describeObject(binding.object), subjects };
      const range = binding.object.doc.rangeOf(ref.nameNode);
      if (ref.name === 'cluster-admin' && ref.kind === 'ClusterRole') {
        report({ messageId: binding.cluster ? 'clusterWide' : 'namespaceWide', data, range });
        continue;
      }
      const role = roles.find((r) => r.object.kind === ref.kind && r.object.name === ref.name && (r.cluster || r.object.namespace === binding.object.namespace));
      if (role && allPowerful(role)) report({ messageId: 'wildcardRole', data: { ...data, role: describeObject(role.object) }, range });
    }
  },
});
