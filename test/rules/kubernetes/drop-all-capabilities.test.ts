import rule from '../../../server/src/engine/rules/kubernetes/drop-all-capabilities';
import { ruleTester } from '../../harness/ruleTester';

const ds = (container: string) => `apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: d\nspec:\n  template:\n    spec:\n      containers:\n${container}`;
const pod = (spec: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${spec}`;

ruleTester(rule, {
  valid: [
    ds('        - name: a\n          securityContext:\n            capabilities:\n              drop: ["ALL"]\n              add: ["NET_BIND_SERVICE"]\n'),
    { name: 'lower-case all', code: ds('        - name: a\n          securityContext: {capabilities: {drop: [all]}}\n') },
    {
      name: 'adding back runtime defaults after dropping ALL (PSS Baseline allows them)',
      code: ds('        - name: rabbitmq\n          securityContext:\n            capabilities:\n              drop: [ALL]\n              add: [CHOWN, SETGID, SETUID, DAC_OVERRIDE, SETFCAP]\n'),
    },
    { name: 'Windows pods have no Linux capabilities to drop', code: pod('  os: {name: windows}\n  containers:\n    - name: iis\n') },
    {
      name: 'a Helm template fills the drop list',
      fileName: 'templates/daemonset.yaml',
      code: ds('        - name: a\n          securityContext:\n            capabilities:\n              drop:\n              {{- toYaml .Values.dropCapabilities | nindent 14 }}\n'),
    },
  ],
  invalid: [
    {
      name: 'nothing dropped: the whole path is created',
      code: ds('        - name: «a»\n          image: x:1\n'),
      errors: [{ messageId: 'notDropped', data: { container: 'a' } }],
      output: ds('        - name: a\n          image: x:1\n          securityContext:\n            capabilities:\n              drop: ["ALL"]\n'),
    },
    {
      name: 'a drop list without ALL gains it, block style, comment kept',
      code: ds('        - name: a\n          securityContext:\n            capabilities:\n              «drop»: # spoofing\n                - NET_RAW\n'),
      errors: [{ messageId: 'notDropped' }],
      output: ds('        - name: a\n          securityContext:\n            capabilities:\n              drop: # spoofing\n                - ALL\n                - NET_RAW\n'),
    },
    {
      name: 'a flow drop list gains it',
      code: ds('        - name: a\n          securityContext:\n            capabilities: {«drop»: [NET_RAW]}\n'),
      errors: [{ messageId: 'notDropped' }],
      output: ds('        - name: a\n          securityContext:\n            capabilities: {drop: [NET_RAW, ALL]}\n'),
    },
    {
      name: 'an empty drop value is filled',
      code: ds('        - name: a\n          securityContext:\n            capabilities:\n              «drop»:\n              add: [NET_BIND_SERVICE]\n'),
      errors: [{ messageId: 'notDropped' }],
      output: ds('        - name: a\n          securityContext:\n            capabilities:\n              drop: ["ALL"]\n              add: [NET_BIND_SERVICE]\n'),
    },
    {
      name: 'dangerous additions are removed, safe ones kept',
      code: ds('        - name: a\n          securityContext:\n            capabilities:\n              drop: [ALL]\n              add: [NET_BIND_SERVICE, «SYS_ADMIN», «CAP_NET_ADMIN»]\n'),
      errors: [
        { messageId: 'dangerousAdded', data: { container: 'a', capability: 'SYS_ADMIN' } },
        { messageId: 'dangerousAdded', data: { container: 'a', capability: 'NET_ADMIN' } },
      ],
      output: ds('        - name: a\n          securityContext:\n            capabilities:\n              drop: [ALL]\n              add: [NET_BIND_SERVICE]\n'),
    },
    {
      name: 'nothing safe left: the add key goes and drop ALL comes, in one pass',
      code: pod('  containers:\n  - name: «agent»\n    securityContext:\n      capabilities:\n        add:\n        - «SYS_PTRACE»\n        - «ALL»\n      runAsNonRoot: true\n'),
      errors: [
        { messageId: 'notDropped', data: { container: 'agent' } },
        { messageId: 'dangerousAdded', data: { container: 'agent', capability: 'SYS_PTRACE' } },
        { messageId: 'dangerousAdded', data: { container: 'agent', capability: 'ALL' } },
      ],
      output: pod('  containers:\n  - name: agent\n    securityContext:\n      capabilities:\n        drop: ["ALL"]\n      runAsNonRoot: true\n'),
    },
    {
      name: 'JSON-style YAML',
      code: '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": [{"name": "c", "securityContext": {"capabilities": {«"drop"»: ["NET_RAW"]}}}]}}\n',
      errors: [{ messageId: 'notDropped', data: { container: 'c' } }],
      output: '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": [{"name": "c", "securityContext": {"capabilities": {"drop": ["NET_RAW", "ALL"]}}}]}}\n',
    },
    {
      name: "Job inside kind: List, CRLF, the dash at the parent's indentation",
      code: 'apiVersion: v1\r\nkind: List\r\nitems:\r\n- apiVersion: batch/v1\r\n  kind: Job\r\n  metadata:\r\n    name: j\r\n  spec:\r\n    template:\r\n      spec:\r\n        containers:\r\n        - name: «migrate»\r\n          image: x:1 # pinned\r\n          command: [migrate]\r\n',
      errors: [{ messageId: 'notDropped', data: { container: 'migrate' } }],
      output:
        'apiVersion: v1\r\nkind: List\r\nitems:\r\n- apiVersion: batch/v1\r\n  kind: Job\r\n  metadata:\r\n    name: j\r\n  spec:\r\n    template:\r\n      spec:\r\n        containers:\r\n        - name: migrate\r\n          image: x:1 # pinned\r\n          securityContext:\r\n            capabilities:\r\n              drop: ["ALL"]\r\n          command: [migrate]\r\n',
    },
    {
      name: 'Windows pods still may not add escape-grade capabilities',
      code: pod('  os: {name: windows}\n  containers:\n    - name: c\n      securityContext:\n        capabilities:\n          add:\n            - NET_BIND_SERVICE\n            - «SYS_MODULE»\n'),
      errors: [{ messageId: 'dangerousAdded', data: { container: 'c', capability: 'SYS_MODULE' } }],
      output: pod('  os: {name: windows}\n  containers:\n    - name: c\n      securityContext:\n        capabilities:\n          add:\n            - NET_BIND_SERVICE\n'),
    },
  ],
});
