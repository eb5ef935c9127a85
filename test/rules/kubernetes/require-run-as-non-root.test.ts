import rule from '../../../server/src/engine/rules/kubernetes/require-run-as-non-root';
import { ruleTester } from '../../harness/ruleTester';

const pod = (spec: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${spec}`;

ruleTester(rule, {
  valid: [
    pod('  securityContext:\n    runAsNonRoot: true\n  containers:\n    - name: a\n    - name: b\n'),
    { name: 'container-level', code: pod('  containers:\n    - name: a\n      securityContext:\n        runAsNonRoot: true\n') },
    { name: 'a non-zero runAsUser is enough', code: pod('  securityContext:\n    runAsUser: 10001\n  containers:\n    - name: a\n') },
    { name: 'container overrides a root pod default', code: pod('  securityContext:\n    runAsUser: 0\n  containers:\n    - name: a\n      securityContext:\n        runAsUser: 1000\n') },
    {
      name: 'an empty container value leaves the pod value in force',
      code: pod('  securityContext:\n    runAsNonRoot: true\n  containers:\n    - name: a\n      securityContext:\n        runAsNonRoot:\n'),
    },
    { name: 'hostUsers: false runs the pod in a user namespace', code: pod('  hostUsers: false\n  securityContext:\n    runAsUser: 0\n  containers:\n    - name: a\n') },
    {
      name: 'a Helm template fills the pod securityContext',
      fileName: 'templates/pod.yaml',
      code: pod('  securityContext:\n    {{- toYaml .Values.podSecurityContext | nindent 4 }}\n  containers:\n    - name: a\n      image: "{{ .Values.image }}"\n'),
    },
  ],
  invalid: [
    {
      name: 'nothing set: runAsNonRoot added to the container',
      code: pod('  containers:\n    - name: «web»\n      image: nginx:1.27\n'),
      errors: [{ messageId: 'notEnforced', data: { container: 'web' } }],
      output: pod('  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        runAsNonRoot: true\n'),
    },
    {
      name: 'runAsUser 0 at container level becomes 10001',
      code: pod('  containers:\n    - name: web\n      securityContext:\n        runAsNonRoot: true\n        runAsUser: «0» # was root\n'),
      errors: [{ messageId: 'rootUser', data: { containers: 'container "web"' } }],
      output: pod('  containers:\n    - name: web\n      securityContext:\n        runAsNonRoot: true\n        runAsUser: 10001 # was root\n'),
    },
    {
      name: 'pod-level root is one finding for every container that inherits it',
      code: pod('  securityContext:\n    runAsUser: «0»\n  containers:\n    - name: a\n    - name: b\n  initContainers:\n    - name: c\n'),
      errors: [{ messageId: 'rootUser', data: { containers: 'containers "a", "b" and "c"' } }],
      output: pod('  securityContext:\n    runAsUser: 10001\n  containers:\n    - name: a\n    - name: b\n  initContainers:\n    - name: c\n'),
    },
    {
      name: 'explicit false overrides a pod true',
      code: pod('  securityContext:\n    runAsNonRoot: true\n  containers:\n    - name: a\n      securityContext:\n        runAsNonRoot: «false»\n'),
      errors: [{ messageId: 'runAsNonRootFalse', data: { containers: 'container "a"' } }],
      output: pod('  securityContext:\n    runAsNonRoot: true\n  containers:\n    - name: a\n      securityContext:\n        runAsNonRoot: true\n'),
    },
    {
      name: 'a non-root UID with runAsNonRoot: false is not told it runs as root',
      code: pod('  securityContext:\n    runAsUser: 1000\n    runAsNonRoot: «false»\n  containers:\n    - name: a\n'),
      errors: [{ messageId: 'runAsNonRootFalseWithUser', data: { containers: 'container "a"' } }],
      output: pod('  securityContext:\n    runAsUser: 1000\n    runAsNonRoot: true\n  containers:\n    - name: a\n'),
    },
    {
      name: 'root UID and runAsNonRoot: false are both reported and fixed in one pass',
      code: pod('  containers:\n  - name: cni\n    securityContext:\n      runAsUser: «0»\n      runAsNonRoot: «false»\n'),
      errors: [{ messageId: 'rootUser' }, { messageId: 'runAsNonRootFalse' }],
      output: pod('  containers:\n  - name: cni\n    securityContext:\n      runAsUser: 10001\n      runAsNonRoot: true\n'),
    },
    {
      name: 'CronJob and ReplicationController in one stream',
      code: 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - name: «job»\n            image: x:1\n---\napiVersion: v1\nkind: ReplicationController\nmetadata:\n  name: rc\nspec:\n  template:\n    spec:\n      containers:\n      - name: «rc»\n',
      errors: [
        { messageId: 'notEnforced', data: { container: 'job' } },
        { messageId: 'notEnforced', data: { container: 'rc' } },
      ],
      output:
        'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - name: job\n            image: x:1\n            securityContext:\n              runAsNonRoot: true\n---\napiVersion: v1\nkind: ReplicationController\nmetadata:\n  name: rc\nspec:\n  template:\n    spec:\n      containers:\n      - name: rc\n        securityContext:\n          runAsNonRoot: true\n',
    },
    {
      name: 'DeploymentConfig, CRLF, comments kept, flow securityContext',
      code: 'apiVersion: apps.openshift.io/v1\r\nkind: DeploymentConfig\r\nmetadata:\r\n  name: dc\r\nspec:\r\n  template:\r\n    spec:\r\n      containers:\r\n        # the API\r\n        - name: «api» # keep\r\n          securityContext: {readOnlyRootFilesystem: true}\r\n',
      errors: [{ messageId: 'notEnforced', data: { container: 'api' } }],
      output:
        'apiVersion: apps.openshift.io/v1\r\nkind: DeploymentConfig\r\nmetadata:\r\n  name: dc\r\nspec:\r\n  template:\r\n    spec:\r\n      containers:\r\n        # the API\r\n        - name: api # keep\r\n          securityContext: {readOnlyRootFilesystem: true, runAsNonRoot: true}\r\n',
    },
    {
      name: 'JSON-style YAML',
      code: '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"securityContext": {"runAsUser": «0»}, "containers": [{"name": "c"}]}}\n',
      errors: [{ messageId: 'rootUser', data: { containers: 'container "c"' } }],
      output: '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"securityContext": {"runAsUser": 10001}, "containers": [{"name": "c"}]}}\n',
    },
  ],
});
