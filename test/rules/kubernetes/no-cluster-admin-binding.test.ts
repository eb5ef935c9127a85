import rule from '../../../server/src/engine/rules/kubernetes/no-cluster-admin-binding';
import { ruleTester } from '../../harness/ruleTester';

const binding = (kind: string, ref: string) =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: b\n  namespace: app\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n${ref}subjects:\n  - kind: ServiceAccount\n    name: ci\n    namespace: app\n`;

ruleTester(rule, {
  valid: [
    binding('ClusterRoleBinding', '  kind: ClusterRole\n  name: view\n'),
    { name: 'a namespaced Role that happens to be called cluster-admin', code: binding('RoleBinding', '  kind: Role\n  name: cluster-admin\n') },
    { name: "the cluster's own system: bindings", code: binding('ClusterRoleBinding', '  kind: ClusterRole\n  name: cluster-admin\n').replace('name: b', 'name: "system:kube-dns-autoscaler"') },
    {
      name: 'a wildcard role of another namespace',
      code: `apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: everything, namespace: other}\nrules: [{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]\n---\n${binding('RoleBinding', '  kind: Role\n  name: everything\n')}`,
    },
  ],
  invalid: [
    {
      name: 'cluster-wide',
      code: binding('ClusterRoleBinding', '  kind: ClusterRole\n  name: «cluster-admin»\n'),
      errors: [{ messageId: 'clusterWide', data: { binding: 'ClusterRoleBinding "b"', subjects: 'ServiceAccount "ci"' } }],
    },
    {
      name: 'namespace-wide, flow roleRef',
      code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: b, namespace: app}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: «cluster-admin»}\nsubjects: [{kind: ServiceAccount, name: ci}]\n',
      errors: [{ messageId: 'namespaceWide', data: { binding: 'RoleBinding "b"', subjects: 'ServiceAccount "ci"' } }],
    },
    {
      name: 'binding a wildcard role of the same file',
      code: `apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: everything, namespace: app}\nrules: [{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]\n---\n${binding('RoleBinding', '  kind: Role\n  name: «everything»\n')}`,
      errors: [{ messageId: 'wildcardRole', data: { binding: 'RoleBinding "b"', role: 'Role "everything"', subjects: 'ServiceAccount "ci"' } }],
    },
  ],
});
