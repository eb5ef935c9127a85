import rule from '../../../server/src/engine/rules/kubernetes/no-privilege-escalation';
import { ruleTester } from '../../harness/ruleTester';

const head = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n';

ruleTester(rule, {
  valid: [
    head + '        - name: web\n          image: nginx:1.27\n          securityContext:\n            allowPrivilegeEscalation: false\n',
    { name: 'Service objects have no containers', code: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports: [{port: 80}]\n' },
    { name: 'JSON-style YAML', code: '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": [{"name": "c", "securityContext": {"allowPrivilegeEscalation": false}}]}}\n' },
  ],
  invalid: [
    {
      name: 'missing: securityContext created after image',
      code: head + '        - name: «web»\n          image: nginx:1.27\n          ports:\n            - containerPort: 80\n',
      errors: [{ messageId: 'notDisabled', data: { container: 'web' } }],
      output: head + '        - name: web\n          image: nginx:1.27\n          securityContext:\n            allowPrivilegeEscalation: false\n          ports:\n            - containerPort: 80\n',
    },
    {
      name: 'explicit true is replaced',
      code: head + '        - name: web\n          securityContext:\n            allowPrivilegeEscalation: «true» # legacy\n',
      errors: [{ messageId: 'allowed' }],
      output: head + '        - name: web\n          securityContext:\n            allowPrivilegeEscalation: false # legacy\n',
    },
    {
      name: 'flow securityContext keeps flow style',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: «c»\n    image: x:1\n    securityContext: {runAsNonRoot: true}\n',
      errors: [{ messageId: 'notDisabled' }],
      output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: x:1\n    securityContext: {runAsNonRoot: true, allowPrivilegeEscalation: false}\n',
    },
    {
      name: 'init and ephemeral containers of a StatefulSet',
      code: 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  template:\n    spec:\n      initContainers:\n        - name: «init»\n          image: busybox:1.36\n      ephemeralContainers:\n        - name: «debug»\n          image: busybox:1.36\n',
      errors: [{ messageId: 'notDisabled', data: { container: 'init' } }, { messageId: 'notDisabled', data: { container: 'debug' } }],
      output: 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  template:\n    spec:\n      initContainers:\n        - name: init\n          image: busybox:1.36\n          securityContext:\n            allowPrivilegeEscalation: false\n      ephemeralContainers:\n        - name: debug\n          image: busybox:1.36\n          securityContext:\n            allowPrivilegeEscalation: false\n',
    },
    {
      name: 'kind: List items, 4-space indentation',
      code: 'apiVersion: v1\nkind: List\nitems:\n    - apiVersion: batch/v1\n      kind: Job\n      metadata:\n          name: j\n      spec:\n          template:\n              spec:\n                  containers:\n                      - name: «job»\n                        image: x:1\n',
      errors: [{ messageId: 'notDisabled' }],
      output: 'apiVersion: v1\nkind: List\nitems:\n    - apiVersion: batch/v1\n      kind: Job\n      metadata:\n          name: j\n      spec:\n          template:\n              spec:\n                  containers:\n                      - name: job\n                        image: x:1\n                        securityContext:\n                            allowPrivilegeEscalation: false\n',
    },
  ],
});
