import rule from '../../../server/src/engine/rules/kubernetes/no-rbac-escalation';
import { ruleTester } from '../../harness/ruleTester';

const role = (rules: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: r\nrules:\n${rules}`;
const RBAC = '  - apiGroups: ["rbac.authorization.k8s.io"]\n';

ruleTester(rule, {
  valid: [
    role(`${RBAC}    resources: ["roles", "rolebindings"]\n    verbs: ["get", "list", "watch"]\n`),
    { name: 'token of one named account', code: role('  - apiGroups: [""]\n    resources: ["serviceaccounts/token"]\n    resourceNames: ["builder"]\n    verbs: ["create"]\n') },
    { name: 'impersonate verb on an unrelated resource', code: role('  - apiGroups: [""]\n    resources: ["pods"]\n    verbs: ["impersonate"]\n') },
  ],
  invalid: [
    {
      name: 'escalate and bind',
      code: role(`${RBAC}    resources: ["clusterroles"]\n    verbs: [«escalate», bind]\n`),
      errors: [{ messageId: 'escalateOrBind', data: { role: 'ClusterRole "r"', verbs: 'escalate/bind' } }],
    },
    {
      name: 'impersonation',
      code: role('  - apiGroups: [""]\n    resources: ["users", "groups"]\n    verbs: [«"impersonate"»]\n'),
      errors: [{ messageId: 'impersonate', data: { role: 'ClusterRole "r"', resources: 'users, groups' } }],
    },
    {
      name: 'managing bindings',
      code: role(`${RBAC}    resources: [«clusterrolebindings»]\n    verbs: [create]\n`),
      errors: [{ messageId: 'manageRbac', data: { role: 'ClusterRole "r"', verbs: 'create', resources: 'clusterrolebindings' } }],
    },
    {
      name: 'minting tokens',
      code: role('  - apiGroups: [""]\n    resources: [«serviceaccounts/token»]\n    verbs: [create]\n'),
      errors: [{ messageId: 'mintTokens', data: { role: 'ClusterRole "r"' } }],
    },
  ],
});
