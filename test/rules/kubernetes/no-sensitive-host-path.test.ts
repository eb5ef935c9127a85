import rule from '../../../server/src/engine/rules/kubernetes/no-sensitive-host-path';
import { ruleTester } from '../../harness/ruleTester';

const pod = (volumes: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n  volumes:\n${volumes}`;

ruleTester(rule, {
  valid: [
    pod('    - name: data\n      hostPath:\n        path: /srv/data\n'),
    pod('    - name: cache\n      emptyDir: {}\n'),
    { name: 'etc-like names that are not /etc', code: pod('    - name: x\n      hostPath: {path: /etcd-data}\n') },
    { name: 'a templated path is unknown', fileName: 'templates/pod.yaml', code: pod('    - name: x\n      hostPath:\n        path: "{{ .Values.hostDir }}"\n') },
    { name: "an application's own log directory is a plain hostPath (K8S009)", code: pod('    - name: logs\n      hostPath: {path: /var/log/myapp}\n') },
  ],
  invalid: [
    {
      code: pod('    - name: docker\n      hostPath:\n        path: «/var/run/docker.sock»\n        type: Socket\n'),
      errors: [{ messageId: 'runtimeSocket', data: { volume: 'docker', path: '/var/run/docker.sock' } }],
    },
    { name: 'containerd socket', code: pod('    - name: c\n      hostPath: {path: «/run/containerd/containerd.sock»}\n'), errors: [{ messageId: 'runtimeSocket' }] },
    { name: 'host root', code: pod('    - name: root\n      hostPath:\n        path: «/»\n'), errors: [{ messageId: 'hostRoot', data: { volume: 'root', path: '/' } }] },
    {
      name: 'system paths, trailing slash',
      code: pod('    - name: a\n      hostPath:\n        path: «/proc/»\n    - name: b\n      hostPath:\n        path: «/var/lib/kubelet/pods»\n'),
      errors: [{ messageId: 'systemPath' }, { messageId: 'systemPath' }],
    },
    {
      name: "the node's logs, which the kubelet serves by following symlinks",
      code: pod('    - name: a\n      hostPath: {path: «/var/log»}\n    - name: b\n      hostPath: {path: «/var/log/pods»}\n'),
      errors: [
        { messageId: 'systemPath', data: { volume: 'a', path: '/var/log' } },
        { messageId: 'systemPath', data: { volume: 'b', path: '/var/log/pods' } },
      ],
    },
    {
      name: 'Deployment template',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    spec:\n      volumes:\n        - name: etc\n          hostPath:\n            path: «/etc»\n',
      errors: [{ messageId: 'systemPath', data: { volume: 'etc', path: '/etc' } }],
    },
    {
      name: 'CronJob in the second document of a CRLF stream',
      code: 'apiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: m\r\n---\r\napiVersion: batch/v1\r\nkind: CronJob\r\nmetadata:\r\n  name: cleanup\r\nspec:\r\n  jobTemplate:\r\n    spec:\r\n      template:\r\n        spec:\r\n          volumes:\r\n          - name: images # prune\r\n            hostPath:\r\n              path: «/var/lib/docker»\r\n',
      errors: [{ messageId: 'systemPath', data: { volume: 'images', path: '/var/lib/docker' } }],
    },
    {
      name: 'JSON-style YAML',
      code: '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": [{"name": "c"}], "volumes": [{"name": "sock", "hostPath": {"path": «"/var/run/crio/crio.sock"»}}]}}\n',
      errors: [{ messageId: 'runtimeSocket', data: { volume: 'sock', path: '/var/run/crio/crio.sock' } }],
    },
    {
      name: 'DaemonSet inside kind: List',
      code: 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: apps/v1\n    kind: DaemonSet\n    metadata:\n      name: exporter\n    spec:\n      template:\n        spec:\n          volumes:\n            - name: sys\n              hostPath:\n                path: «/sys»\n',
      errors: [{ messageId: 'systemPath', data: { volume: 'sys', path: '/sys' } }],
    },
  ],
});
