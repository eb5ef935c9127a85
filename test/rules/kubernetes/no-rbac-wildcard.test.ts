import rule from '../../../server/src/engine/rules/kubernetes/no-rbac-wildcard';
import { ruleTester } from '../../harness/ruleTester';

const role = (rules: string, kind = 'Role', labels = '') => `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: r\n${labels}rules:\n${rules}`;

ruleTester(rule, {
  valid: [
    role('  - apiGroups: ["apps"]\n    resources: ["deployments"]\n    verbs: ["get"]\n'),
    { name: 'nonResourceURLs wildcard for discovery', code: role('  - nonResourceURLs: ["*"]\n    verbs: ["get"]\n', 'ClusterRole') },
    {
      name: 'aggregated ClusterRole: the controller owns rules',
      code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: monitoring\naggregationRule:\n  clusterRoleSelectors: [{matchLabels: {team: mon}}]\nrules:\n  - apiGroups: ["*"]\n    resources: ["*"]\n    verbs: ["*"]\n',
    },
    { name: 'a string that only contains a star', code: role('  - apiGroups: [""]\n    resources: ["pods/*"]\n    verbs: ["get"]\n') },
  ],
  invalid: [
    {
      name: 'everything on everything',
      code: role('  - apiGroups: ["*"]\n    resources: ["*"]\n    verbs: [«"*"»]\n', 'ClusterRole'),
      errors: [{ messageId: 'fullAccess', data: { role: 'ClusterRole "r"' } }],
    },
    {
      name: 'wildcard resources in block style',
      code: role("  - apiGroups:\n      - apps\n    resources:\n      - «'*'»\n    verbs: [get, list]\n"),
      errors: [{ messageId: 'wildcard', data: { role: 'Role "r"', fields: 'resources' } }],
    },
    {
      name: 'aggregated into view: every viewer gets it',
      code: role('  - apiGroups: [«"*"»]\n    resources: [deployments]\n    verbs: [get]\n', 'ClusterRole', '  labels:\n    rbac.authorization.k8s.io/aggregate-to-view: "true"\n'),
      errors: [{ messageId: 'wildcard', data: { role: 'ClusterRole "r" (aggregated into "view")', fields: 'apiGroups' } }],
    },
  ],
});
