import rule from '../../../server/src/engine/rules/kubernetes/no-host-path';
import { ruleTester } from '../../harness/ruleTester';

const pod = (volumes: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n  volumes:\n${volumes}`;

ruleTester(rule, {
  valid: [
    pod('    - name: v\n      emptyDir: {}\n'),
    { name: "system paths are K8S005's", code: pod('    - name: v\n      hostPath:\n        path: /etc\n') },
    { name: "runtime sockets are K8S005's", code: pod('    - name: v\n      hostPath: {path: /var/run/docker.sock}\n') },
    {
      name: 'privileged level',
      code: pod('    - name: v\n      hostPath:\n        path: /data\n').replace('  name: p\n', '  name: p\n  namespace: n\n'),
      config: { namespaceLevels: { n: { level: 'privileged' } } },
    },
  ],
  invalid: [
    {
      code: pod('    - name: data\n      hostPath:\n        path: «/data/app»\n        type: DirectoryOrCreate\n'),
      errors: [{ messageId: 'hostPath', data: { volume: 'data', path: '/data/app' } }],
    },
    {
      name: 'no path at all: the hostPath key',
      code: pod('    - name: data\n      «hostPath»: {}\n'),
      errors: [{ messageId: 'hostPath' }],
    },
    {
      name: 'baseline level still forbids it',
      code: pod('    - name: logs\n      hostPath: {path: «/var/log/myapp»}\n'),
      config: { podSecurityLevel: 'baseline' },
      errors: [{ messageId: 'hostPath', data: { volume: 'logs', path: '/var/log/myapp' } }],
    },
  ],
});
