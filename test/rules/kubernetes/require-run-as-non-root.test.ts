import rule from '../../../server/src/engine/rules/kubernetes/require-run-as-non-root';
import { ruleTester } from '../../harness/ruleTester';

const pod = (spec: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${spec}`;

ruleTester(rule, {
  valid: [
    pod('  securityContext:\n    runAsNonRoot: true\n  containers:\n    - name: a\n    - name: b\n'),
    { name: 'container-level', code: pod('  containers:\n    - name: a\n      securityContext:\n        runAsNonRoot: true\n') },
    { name: 'a non-zero runAsUser is enough', code: pod('  securityContext:\n    runAsUser: 10001\n  containers:\n    - name: a\n') },
    { name: 'container overrides a root pod default', code: pod('  securityContext:\n    runAsUser: 0\n  containers:\n    - name: a\n      securityContext:\n        runAsUser: 1000\n') },
  ],
  invalid: [
    {
      name: 'nothing set: runAsNonRoot added to the container',
      code: pod('  containers:\n    - name: «web»\n      image: nginx:1.27\n'),
      errors: [{ messageId: 'notEnforced', data: { container: 'web' } }],
      output: pod('  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        runAsNonRoot: true\n'),
    },
    {
      name: 'runAsUser 0 at container level',
      code: pod('  containers:\n    - name: web\n      securityContext:\n        runAsNonRoot: true\n        runAsUser: «0»\n'),
      errors: [{ messageId: 'rootUser', data: { container: 'web' } }],
      output: pod('  containers:\n    - name: web\n      securityContext:\n        runAsNonRoot: true\n        runAsUser: 10001\n'),
    },
    {
      name: 'pod-level root is one finding for every container that inherits it',
      code: pod('  securityContext:\n    runAsUser: «0»\n  containers:\n    - name: a\n    - name: b\n'),
      errors: [{ messageId: 'rootUser', data: { container: 'a", "b' } }],
      output: pod('  securityContext:\n    runAsUser: 10001\n  containers:\n    - name: a\n    - name: b\n'),
    },
    {
      name: 'explicit false overrides a pod true',
      code: pod('  securityContext:\n    runAsNonRoot: true\n  containers:\n    - name: a\n      securityContext:\n        runAsNonRoot: «false»\n'),
      errors: [{ messageId: 'runAsNonRootFalse', data: { container: 'a' } }],
      output: pod('  securityContext:\n    runAsNonRoot: true\n  containers:\n    - name: a\n      securityContext:\n        runAsNonRoot: true\n'),
    },
    {
      name: 'CronJob and ReplicationController in one stream',
      code: 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - name: «job»\n            image: x:1\n---\napiVersion: v1\nkind: ReplicationController\nmetadata:\n  name: rc\nspec:\n  template:\n    spec:\n      containers:\n      - name: «rc»\n',
      errors: [{ messageId: 'notEnforced', data: { container: 'job' } }, { messageId: 'notEnforced', data: { container: 'rc' } }],
      output: 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - name: job\n            image: x:1\n            securityContext:\n              runAsNonRoot: true\n---\napiVersion: v1\nkind: ReplicationController\nmetadata:\n  name: rc\nspec:\n  template:\n    spec:\n      containers:\n      - name: rc\n        securityContext:\n          runAsNonRoot: true\n',
    },
  ],
});
