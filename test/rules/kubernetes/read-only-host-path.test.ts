import rule from '../../../server/src/engine/rules/kubernetes/read-only-host-path';
import { ruleTester } from '../../harness/ruleTester';

const pod = (mounts: string, volume = '    - name: logs\n      hostPath:\n        path: /var/log\n') =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: agent\n      image: x:1\n      volumeMounts:\n${mounts}  volumes:\n${volume}`;

ruleTester(rule, {
  valid: [
    pod('        - name: logs\n          mountPath: /host/logs\n          readOnly: true\n'),
    { name: 'not a hostPath volume', code: pod('        - name: logs\n          mountPath: /logs\n', '    - name: logs\n      emptyDir: {}\n') },
    { name: "runtime sockets are K8S005's", code: pod('        - name: logs\n          mountPath: /var/run/docker.sock\n', '    - name: logs\n      hostPath: {path: /var/run/docker.sock}\n') },
  ],
  invalid: [
    {
      name: 'readOnly added after mountPath',
      code: pod('        - name: «logs»\n          mountPath: /host/logs\n          subPath: app\n'),
      errors: [{ messageId: 'writable', data: { container: 'agent', volume: 'logs' } }],
      output: pod('        - name: logs\n          mountPath: /host/logs\n          readOnly: true\n          subPath: app\n'),
    },
    {
      name: 'readOnly: false flipped',
      code: pod('        - name: «logs»\n          mountPath: /host/logs\n          readOnly: false # needs rotation?\n'),
      errors: [{ messageId: 'writable' }],
      output: pod('        - name: logs\n          mountPath: /host/logs\n          readOnly: true # needs rotation?\n'),
    },
    {
      name: 'flow mount',
      code: pod('        - {name: «logs», mountPath: /host/logs}\n'),
      errors: [{ messageId: 'writable' }],
      output: pod('        - {name: logs, mountPath: /host/logs, readOnly: true}\n'),
    },
  ],
});
