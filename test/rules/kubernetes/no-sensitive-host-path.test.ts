import rule from '../../../server/src/engine/rules/kubernetes/no-sensitive-host-path';
import { ruleTester } from '../../harness/ruleTester';

const pod = (volumes: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n  volumes:\n${volumes}`;

ruleTester(rule, {
  valid: [
    pod('    - name: data\n      hostPath:\n        path: /srv/data\n'),
    pod('    - name: cache\n      emptyDir: {}\n'),
    { name: 'etc-like names that are not /etc', code: pod('    - name: x\n      hostPath: {path: /etcd-data}\n') },
  ],
  invalid: [
    { code: pod('    - name: docker\n      hostPath:\n        path: «/var/run/docker.sock»\n        type: Socket\n'), errors: [{ messageId: 'runtimeSocket', data: { volume: 'docker', path: '/var/run/docker.sock' } }] },
    { name: 'containerd socket', code: pod('    - name: c\n      hostPath: {path: «/run/containerd/containerd.sock»}\n'), errors: [{ messageId: 'runtimeSocket' }] },
    { name: 'host root', code: pod('    - name: root\n      hostPath:\n        path: «/»\n'), errors: [{ messageId: 'hostRoot', data: { volume: 'root', path: '/' } }] },
    { name: 'system paths, trailing slash', code: pod('    - name: a\n      hostPath:\n        path: «/proc/»\n    - name: b\n      hostPath:\n        path: «/var/lib/kubelet/pods»\n'), errors: [{ messageId: 'systemPath' }, { messageId: 'systemPath' }] },
    { name: 'Deployment template', code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    spec:\n      volumes:\n        - name: etc\n          hostPath:\n            path: «/etc»\n', errors: [{ messageId: 'systemPath' }] },
  ],
});
