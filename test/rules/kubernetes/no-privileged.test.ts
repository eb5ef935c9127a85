import rule from '../../../server/src/engine/rules/kubernetes/no-privileged';
import { ruleTester } from '../../harness/ruleTester';

const pod = (sc: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n${sc}`;

ruleTester(rule, {
  valid: [
    pod(''),
    pod('      securityContext:\n        privileged: false\n'),
    { name: 'non-workload kinds are ignored', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  privileged: "true"\n' },
    { name: 'a string "true" is not the boolean', code: pod('      securityContext:\n        privileged: "true"\n') },
    { name: 'a repeated key: the last value is the one applied', code: pod('      securityContext:\n        privileged: true\n        privileged: false\n') },
  ],
  invalid: [
    {
      name: 'a repeated key: the last value is the one applied, and the fix removes every copy',
      code: pod('      securityContext:\n        privileged: false\n        privileged: «true»\n        runAsNonRoot: true\n'),
      errors: [{ messageId: 'privileged' }],
      output: pod('      securityContext:\n        runAsNonRoot: true\n'),
    },
    {
      name: 'block style',
      code: pod('      securityContext:\n        privileged: «true»\n        runAsNonRoot: true\n'),
      errors: [{ messageId: 'privileged', data: { container: 'web' } }],
      output: pod('      securityContext:\n        runAsNonRoot: true\n'),
    },
    {
      name: 'flow style keeps the flow map',
      code: pod('      securityContext: {privileged: «true», runAsNonRoot: true}\n'),
      errors: [{ messageId: 'privileged' }],
      output: pod('      securityContext: {runAsNonRoot: true}\n'),
    },
    {
      name: 'CronJob init container, comments kept',
      code: 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: j\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          initContainers:\n            # setup\n            - name: init\n              securityContext:\n                privileged: «true» # needed?\n                readOnlyRootFilesystem: true\n',
      errors: [{ messageId: 'privileged', data: { container: 'init' } }],
      output:
        'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: j\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          initContainers:\n            # setup\n            - name: init\n              securityContext:\n                readOnlyRootFilesystem: true\n',
    },
    {
      name: 'second document of a stream, CRLF',
      code: 'apiVersion: v1\r\nkind: Service\r\nmetadata:\r\n  name: s\r\n---\r\napiVersion: apps/v1\r\nkind: Deployment\r\nmetadata:\r\n  name: d\r\nspec:\r\n  template:\r\n    spec:\r\n      containers:\r\n      - name: app\r\n        securityContext:\r\n          privileged: «true»\r\n          runAsUser: 1000\r\n',
      errors: [{ messageId: 'privileged', data: { container: 'app' } }],
      output:
        'apiVersion: v1\r\nkind: Service\r\nmetadata:\r\n  name: s\r\n---\r\napiVersion: apps/v1\r\nkind: Deployment\r\nmetadata:\r\n  name: d\r\nspec:\r\n  template:\r\n    spec:\r\n      containers:\r\n      - name: app\r\n        securityContext:\r\n          runAsUser: 1000\r\n',
    },
  ],
});
