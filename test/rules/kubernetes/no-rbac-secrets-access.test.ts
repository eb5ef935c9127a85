import rule from '../../../server/src/engine/rules/kubernetes/no-rbac-secrets-access';
import { ruleTester } from '../../harness/ruleTester';

const role = (rules: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: r\n  namespace: app\nrules:\n${rules}`;

ruleTester(rule, {
  valid: [
    role('  - apiGroups: [""]\n    resources: ["configmaps"]\n    verbs: ["get"]\n'),
    { name: 'named Secrets only', code: role('  - apiGroups: [""]\n    resources: ["secrets"]\n    resourceNames: ["tls"]\n    verbs: ["get", "update"]\n') },
    { name: 'a bare * resource is left to K8S040', code: role('  - apiGroups: [""]\n    resources: ["*"]\n    verbs: ["get"]\n') },
    { name: 'another API group', code: role('  - apiGroups: ["example.com"]\n    resources: ["secrets"]\n    verbs: ["get"]\n') },
  ],
  invalid: [
    {
      name: 'read',
      code: role('  - apiGroups: [""]\n    resources: ["pods", «"secrets"»]\n    verbs: ["get", "list"]\n'),
      errors: [{ messageId: 'read', data: { role: 'Role "r"', verbs: 'get/list' } }],
    },
    {
      name: 'write only',
      code: role('  - apiGroups: [""]\n    resources:\n      - «secrets»\n    verbs: [create, delete]\n'),
      errors: [{ messageId: 'write', data: { role: 'Role "r"', verbs: 'create/delete' } }],
    },
    {
      name: 'wildcard verbs and groups',
      code: role('  - apiGroups: ["*"]\n    resources: [«secrets»]\n    verbs: ["*"]\n'),
      errors: [{ messageId: 'read', data: { role: 'Role "r"', verbs: 'get/list/watch' } }],
    },
  ],
});
