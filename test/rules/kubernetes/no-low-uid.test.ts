import rule from '../../../server/src/engine/rules/kubernetes/no-low-uid';
import { ruleTester } from '../../harness/ruleTester';

const pod = (spec: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${spec}`;

ruleTester(rule, {
  valid: [
    pod('  securityContext:\n    runAsUser: 10001\n  containers:\n    - name: a\n'),
    { name: "UID 0 is K8S003's", code: pod('  containers:\n    - name: a\n      securityContext: {runAsUser: 0}\n') },
    { name: 'user namespace', code: pod('  hostUsers: false\n  containers:\n    - name: a\n') },
  ],
  invalid: [
    {
      name: 'a pod-level value is one finding for every container',
      code: pod('  securityContext:\n    runAsUser: «1000»\n  containers:\n    - name: a\n    - name: b\n'),
      errors: [{ messageId: 'lowUid', data: { uid: '1000', container: 'a' } }],
      output: pod('  securityContext:\n    runAsUser: 10001\n  containers:\n    - name: a\n    - name: b\n'),
    },
    {
      name: 'unset',
      code: pod('  containers:\n    - name: «a»\n      image: x:1\n'),
      errors: [{ messageId: 'unset', data: { container: 'a' } }],
      output: pod('  containers:\n    - name: a\n      image: x:1\n      securityContext:\n        runAsUser: 10001\n'),
    },
  ],
});
