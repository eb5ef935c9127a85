import rule from '../../../server/src/engine/rules/kubernetes/no-apparmor-unconfined';
import { ruleTester } from '../../harness/ruleTester';

const pod = (annotations: string, spec = '  containers:\n    - name: c\n') => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n${annotations}spec:\n${spec}`;

ruleTester(rule, {
  valid: [
    pod('    container.apparmor.security.beta.kubernetes.io/c: runtime/default\n'),
    pod('    container.apparmor.security.beta.kubernetes.io/c: localhost/k8s-nginx\n'),
    pod('    other: unconfined\n', '  securityContext:\n    appArmorProfile: {type: RuntimeDefault}\n  containers:\n    - name: c\n'),
  ],
  invalid: [
    {
      name: 'annotation',
      code: pod('    container.apparmor.security.beta.kubernetes.io/c: «unconfined»\n'),
      errors: [{ messageId: 'annotation', data: { annotation: 'container.apparmor.security.beta.kubernetes.io/c', value: 'unconfined' } }],
      output: pod('    container.apparmor.security.beta.kubernetes.io/c: runtime/default\n'),
    },
    {
      name: 'pod and container fields',
      code: pod('    x: y\n', '  securityContext:\n    appArmorProfile:\n      type: «Unconfined»\n  containers:\n    - name: c\n      securityContext: {appArmorProfile: {type: «Unconfined»}}\n'),
      errors: [
        { messageId: 'unconfined', data: { owner: 'the pod' } },
        { messageId: 'unconfined', data: { owner: 'container "c"' } },
      ],
      output: pod(
        '    x: y\n',
        '  securityContext:\n    appArmorProfile:\n      type: RuntimeDefault\n  containers:\n    - name: c\n      securityContext: {appArmorProfile: {type: RuntimeDefault}}\n',
      ),
    },
  ],
});
