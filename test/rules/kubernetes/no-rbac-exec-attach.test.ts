import rule from '../../../server/src/engine/rules/kubernetes/no-rbac-exec-attach';
import { ruleTester } from '../../harness/ruleTester';

const role = (rules: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: r\nrules:\n${rules}`;

ruleTester(rule, {
  valid: [
    role('  - apiGroups: [""]\n    resources: ["pods", "pods/log"]\n    verbs: ["get", "list"]\n'),
    { name: 'node metrics only', code: role('  - apiGroups: [""]\n    resources: ["nodes/metrics", "nodes/stats"]\n    verbs: ["get"]\n') },
    { name: 'exec with a read-only verb list', code: role('  - apiGroups: [""]\n    resources: ["pods/exec"]\n    verbs: ["list"]\n') },
  ],
  invalid: [
    {
      name: 'port-forward is a network tunnel',
      code: role('  - apiGroups: [""]\n    resources: [«"pods/portforward"»]\n    verbs: ["get", "create"]\n'),
      errors: [{ messageId: 'portForward', data: { verbs: 'create/get' } }],
    },
    {
      name: 'exec',
      code: role('  - apiGroups: [""]\n    resources: ["pods", «"pods/exec"»]\n    verbs: ["create"]\n'),
      errors: [{ messageId: 'exec', data: { role: 'Role "r"', verbs: 'create', resources: 'pods/exec' } }],
    },
    {
      name: 'pods/* covers exec and attach; ephemeral containers too',
      code: role('  - apiGroups: [""]\n    resources: [«"pods/*"»]\n    verbs: ["get", "patch"]\n'),
      errors: [{ messageId: 'exec', data: { role: 'Role "r"', verbs: 'get/patch', resources: 'pods/exec, pods/attach, pods/ephemeralcontainers' } }],
    },
    {
      name: 'kubelet proxy',
      code: role('  - apiGroups: [""]\n    resources: [«nodes/proxy»]\n    verbs: [get]\n'),
      errors: [{ messageId: 'nodeProxy', data: { role: 'Role "r"', verbs: 'get' } }],
    },
  ],
});
