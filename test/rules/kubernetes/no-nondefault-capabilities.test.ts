import rule from '../../../server/src/engine/rules/kubernetes/no-nondefault-capabilities';
import { ruleTester } from '../../harness/ruleTester';

const pod = (caps: string, spec = '') =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${spec}  containers:\n    - name: c\n      securityContext:\n        capabilities:\n          drop: [ALL]\n${caps}`;

ruleTester(rule, {
  valid: [
    pod('          add: [NET_BIND_SERVICE]\n'),
    { name: "escape-grade ones are K8S004's, NET_RAW is K8S019's", code: pod('          add: [SYS_ADMIN, NET_RAW]\n') },
    { name: 'baseline allows the runtime defaults', code: pod('          add: [CHOWN, SETUID]\n'), config: { podSecurityLevel: 'baseline' } },
  ],
  invalid: [
    {
      name: 'outside the baseline list, block style, whole key goes',
      code: pod('          add:\n            - «IPC_LOCK»\n            - «CAP_SYS_NICE»\n'),
      errors: [
        { messageId: 'notAllowed', data: { container: 'c', capability: 'IPC_LOCK' } },
        { messageId: 'notAllowed', data: { container: 'c', capability: 'SYS_NICE' } },
      ],
      output: pod(''),
    },
    {
      name: 'restricted: runtime defaults other than NET_BIND_SERVICE',
      code: pod('          add: [NET_BIND_SERVICE, «CHOWN», «SETUID»]\n'),
      errors: [
        { messageId: 'notAllowedRestricted', data: { capability: 'CHOWN' } },
        { messageId: 'notAllowedRestricted', data: { capability: 'SETUID' } },
      ],
      output: pod('          add: [NET_BIND_SERVICE]\n'),
    },
    {
      name: 'names are compared exactly, as the admission check does',
      code: pod('          add: [NET_BIND_SERVICE, «chown»]\n'),
      config: { podSecurityLevel: 'baseline' },
      errors: [{ messageId: 'notAllowed', data: { capability: 'CHOWN' } }],
      output: pod('          add: [NET_BIND_SERVICE]\n'),
    },
    {
      name: 'Windows pods: only the baseline list applies',
      code: pod('          add: [CHOWN, «IPC_LOCK»]\n', '  os: {name: windows}\n'),
      errors: [{ messageId: 'notAllowed' }],
      output: pod('          add: [CHOWN]\n', '  os: {name: windows}\n'),
    },
  ],
});
