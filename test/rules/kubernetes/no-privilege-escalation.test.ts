import rule from '../../../server/src/engine/rules/kubernetes/no-privilege-escalation';
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze } from '../../../server/src/engine/index';
import { ruleTester } from '../../harness/ruleTester';

const head = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n';
const pod = (spec: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${spec}`;

ruleTester(rule, {
  valid: [
    head + '        - name: web\n          image: nginx:1.27\n          securityContext:\n            allowPrivilegeEscalation: false\n',
    { name: 'Service objects have no containers', code: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports: [{port: 80}]\n' },
    {
      name: 'JSON-style YAML',
      code: '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": [{"name": "c", "securityContext": {"allowPrivilegeEscalation": false}}]}}\n',
    },
    {
      name: 'Windows pods are exempt, as in the Pod Security Standards',
      code: pod('  os:\n    name: windows\n  containers:\n    - name: iis\n      image: mcr.microsoft.com/windows/servercore/iis\n'),
    },
    {
      name: 'a Helm template fills the securityContext',
      fileName: 'templates/deployment.yaml',
      code:
        head +
        '        - name: web\n          image: "{{ .Values.image }}"\n          securityContext:\n            {{- toYaml .Values.securityContext | nindent 12 }}\n          ports:\n            - containerPort: 80\n',
    },
  ],
  invalid: [
    {
      name: 'missing: securityContext created after image',
      code: head + '        - name: «web»\n          image: nginx:1.27\n          ports:\n            - containerPort: 80\n',
      errors: [{ messageId: 'notDisabled', data: { container: 'web' } }],
      output: head + '        - name: web\n          image: nginx:1.27\n          securityContext:\n            allowPrivilegeEscalation: false\n          ports:\n            - containerPort: 80\n',
    },
    {
      name: 'explicit true is replaced, its comment kept',
      code: head + '        - name: web\n          securityContext:\n            allowPrivilegeEscalation: «true» # legacy\n',
      errors: [{ messageId: 'allowed' }],
      output: head + '        - name: web\n          securityContext:\n            allowPrivilegeEscalation: false # legacy\n',
    },
    {
      name: "flow securityContext keeps flow style; the dash at the parent's indentation",
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: «c»\n    image: x:1\n    securityContext: {runAsNonRoot: true}\n',
      errors: [{ messageId: 'notDisabled' }],
      output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: x:1\n    securityContext: {runAsNonRoot: true, allowPrivilegeEscalation: false}\n',
    },
    {
      name: 'init and ephemeral containers of a StatefulSet',
      code: 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  template:\n    spec:\n      initContainers:\n        - name: «init»\n          image: busybox:1.36\n      ephemeralContainers:\n        - name: «debug»\n          image: busybox:1.36\n',
      errors: [
        { messageId: 'notDisabled', data: { container: 'init' } },
        { messageId: 'notDisabled', data: { container: 'debug' } },
      ],
      output:
        'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  template:\n    spec:\n      initContainers:\n        - name: init\n          image: busybox:1.36\n          securityContext:\n            allowPrivilegeEscalation: false\n      ephemeralContainers:\n        - name: debug\n          image: busybox:1.36\n          securityContext:\n            allowPrivilegeEscalation: false\n',
    },
    {
      name: 'kind: List items, 4-space indentation',
      code: 'apiVersion: v1\nkind: List\nitems:\n    - apiVersion: batch/v1\n      kind: Job\n      metadata:\n          name: j\n      spec:\n          template:\n              spec:\n                  containers:\n                      - name: «job»\n                        image: x:1\n',
      errors: [{ messageId: 'notDisabled' }],
      output:
        'apiVersion: v1\nkind: List\nitems:\n    - apiVersion: batch/v1\n      kind: Job\n      metadata:\n          name: j\n      spec:\n          template:\n              spec:\n                  containers:\n                      - name: job\n                        image: x:1\n                        securityContext:\n                            allowPrivilegeEscalation: false\n',
    },
    {
      name: 'JSON-style YAML gains a JSON-style entry',
      code: '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": [{"name": «"c"», "securityContext": {}}]}}\n',
      errors: [{ messageId: 'notDisabled', data: { container: 'c' } }],
      output: '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": [{"name": "c", "securityContext": {"allowPrivilegeEscalation": false}}]}}\n',
    },
    {
      name: 'an empty value counts as unset; ReplicaSet',
      code: 'apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: rs\nspec:\n  template:\n    spec:\n      containers:\n      - name: «app»\n        securityContext:\n          allowPrivilegeEscalation:\n          readOnlyRootFilesystem: true\n',
      errors: [{ messageId: 'notDisabled', data: { container: 'app' } }],
      output:
        'apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: rs\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        securityContext:\n          allowPrivilegeEscalation: false\n          readOnlyRootFilesystem: true\n',
    },
    {
      name: 'PodTemplate in the second document of a CRLF stream, dash indented further than its parent',
      code: 'apiVersion: v1\r\nkind: Service\r\nmetadata:\r\n  name: s\r\n---\r\napiVersion: v1\r\nkind: PodTemplate\r\nmetadata:\r\n  name: t\r\ntemplate:\r\n  spec:\r\n    containers:\r\n        -   name: «app» # main\r\n            image: x:1\r\n',
      errors: [{ messageId: 'notDisabled', data: { container: 'app' } }],
      output:
        'apiVersion: v1\r\nkind: Service\r\nmetadata:\r\n  name: s\r\n---\r\napiVersion: v1\r\nkind: PodTemplate\r\nmetadata:\r\n  name: t\r\ntemplate:\r\n  spec:\r\n    containers:\r\n        -   name: app # main\r\n            image: x:1\r\n            securityContext:\r\n              allowPrivilegeEscalation: false\r\n',
    },
    {
      name: 'privileged keeps escalation on: no fix, the cause is related',
      code: pod('  containers:\n    - name: «agent»\n      securityContext:\n        privileged: true\n'),
      errors: [{ messageId: 'notDisabled', data: { container: 'agent' } }],
    },
    {
      name: 'an added SYS_ADMIN keeps escalation on: no fix',
      code: pod('  containers:\n    - name: agent\n      securityContext:\n        allowPrivilegeEscalation: «true»\n        capabilities: {add: [CAP_SYS_ADMIN]}\n'),
      errors: [{ messageId: 'allowed', data: { container: 'agent' } }],
    },
  ],
});

test('a finding without a fix points at the setting that forces escalation', () => {
  const text = pod('  containers:\n    - name: agent\n      securityContext:\n        privileged: true\n');
  const [finding] = analyze({ uri: 'file:///ws/pod.yaml', text }).findings.filter((f) => f.ruleId === rule.meta.id);
  assert.deepEqual(finding.fixes, []);
  assert.deepEqual(
    finding.related?.map((r) => [r.range.start.line, r.range.start.character, r.message]),
    [[8, 20, 'privileged: true keeps privilege escalation on: remove it before setting allowPrivilegeEscalation: false']],
  );
});
