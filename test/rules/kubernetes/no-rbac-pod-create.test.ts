import rule from '../../../server/src/engine/rules/kubernetes/no-rbac-pod-create';
import { ruleTester } from '../../harness/ruleTester';

const role = (rules: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: r\nrules:\n${rules}`;

ruleTester(rule, {
  valid: [
    role('  - apiGroups: [""]\n    resources: ["pods"]\n    verbs: ["get", "list", "watch"]\n'),
    { name: 'patching one named Deployment', code: role('  - apiGroups: ["apps"]\n    resources: ["deployments"]\n    resourceNames: ["self"]\n    verbs: ["patch"]\n') },
    { name: 'deployments in the core group do not exist', code: role('  - apiGroups: [""]\n    resources: ["deployments"]\n    verbs: ["create"]\n') },
    { name: 'subresources are not the workload', code: role('  - apiGroups: ["apps"]\n    resources: ["deployments/scale"]\n    verbs: ["update"]\n') },
  ],
  invalid: [
    {
      name: 'create pods',
      code: role('  - apiGroups: [""]\n    resources: [«pods»]\n    verbs: [create]\n'),
      errors: [{ messageId: 'canCreate', data: { role: 'ClusterRole "r"', verbs: 'create', resources: 'pods' } }],
    },
    {
      name: 'workloads across groups in one rule',
      code: role('  - apiGroups: ["apps", "batch"]\n    resources: [«deployments», jobs, services]\n    verbs: [update, patch]\n'),
      errors: [{ messageId: 'canCreate', data: { role: 'ClusterRole "r"', verbs: 'update/patch', resources: 'deployments, jobs' } }],
    },
    {
      name: 'wildcard verbs, names do not narrow creation',
      code: role('  - apiGroups: [""]\n    resources: [«pods»]\n    resourceNames: [x]\n    verbs: ["*"]\n'),
      errors: [{ messageId: 'canCreate', data: { role: 'ClusterRole "r"', verbs: 'create/update/patch', resources: 'pods' } }],
    },
  ],
});
