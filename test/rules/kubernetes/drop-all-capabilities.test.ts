import rule from '../../../server/src/engine/rules/kubernetes/drop-all-capabilities';
import { ruleTester } from '../../harness/ruleTester';

const ds = (container: string) => `apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: d\nspec:\n  template:\n    spec:\n      containers:\n${container}`;

ruleTester(rule, {
  valid: [
    ds('        - name: a\n          securityContext:\n            capabilities:\n              drop: ["ALL"]\n              add: ["NET_BIND_SERVICE"]\n'),
    { name: 'lower-case all', code: ds('        - name: a\n          securityContext: {capabilities: {drop: [all]}}\n') },
  ],
  invalid: [
    {
      name: 'nothing dropped: the whole path is created',
      code: ds('        - name: «a»\n          image: x:1\n'),
      errors: [{ messageId: 'notDropped', data: { container: 'a' } }],
      output: ds('        - name: a\n          image: x:1\n          securityContext:\n            capabilities:\n              drop: ["ALL"]\n'),
    },
    {
      name: 'a drop list without ALL gains it, block style',
      code: ds('        - name: a\n          securityContext:\n            capabilities:\n              «drop»:\n                - NET_RAW\n'),
      errors: [{ messageId: 'notDropped' }],
      output: ds('        - name: a\n          securityContext:\n            capabilities:\n              drop:\n                - ALL\n                - NET_RAW\n'),
    },
    {
      name: 'a flow drop list gains it',
      code: ds('        - name: a\n          securityContext:\n            capabilities: {«drop»: [NET_RAW]}\n'),
      errors: [{ messageId: 'notDropped' }],
      output: ds('        - name: a\n          securityContext:\n            capabilities: {drop: [NET_RAW, ALL]}\n'),
    },
    {
      name: 'dangerous additions are removed',
      code: ds('        - name: a\n          securityContext:\n            capabilities:\n              drop: [ALL]\n              add: [NET_BIND_SERVICE, «SYS_ADMIN», «CAP_NET_ADMIN»]\n'),
      errors: [{ messageId: 'dangerousAdded', data: { container: 'a', capability: 'SYS_ADMIN' } }, { messageId: 'dangerousAdded', data: { container: 'a', capability: 'NET_ADMIN' } }],
      output: ds('        - name: a\n          securityContext:\n            capabilities:\n              drop: [ALL]\n              add: [NET_BIND_SERVICE]\n'),
    },
  ],
});
