import rule from '../../../server/src/engine/rules/kubernetes/no-seccomp-unconfined';
import { ruleTester } from '../../harness/ruleTester';

const pod = (spec: string, meta = '') => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n${meta}spec:\n${spec}`;
const deploy = (annotations: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    metadata:\n      annotations:\n${annotations}    spec:\n      containers:\n        - name: web\n`;

ruleTester(rule, {
  valid: [
    pod('  securityContext:\n    seccompProfile: {type: RuntimeDefault}\n  containers:\n    - name: c\n'),
    pod('  containers:\n    - name: c\n      securityContext:\n        seccompProfile:\n          type: Localhost\n          localhostProfile: profiles/audit.json\n'),
    deploy('        seccomp.security.alpha.kubernetes.io/pod: runtime/default\n'),
  ],
  invalid: [
    {
      name: 'pod field',
      code: pod('  securityContext:\n    seccompProfile:\n      type: «Unconfined» # for strace\n  containers:\n    - name: c\n'),
      errors: [{ messageId: 'unconfined', data: { owner: 'the pod' } }],
      output: pod('  securityContext:\n    seccompProfile:\n      type: RuntimeDefault # for strace\n  containers:\n    - name: c\n'),
    },
    {
      name: 'container field, flow',
      code: pod('  containers:\n    - name: c\n      securityContext: {seccompProfile: {type: «Unconfined»}}\n'),
      errors: [{ messageId: 'unconfined', data: { owner: 'container "c"' } }],
      output: pod('  containers:\n    - name: c\n      securityContext: {seccompProfile: {type: RuntimeDefault}}\n'),
    },
    {
      name: 'legacy annotations on a template, quoted style kept',
      code: deploy('        seccomp.security.alpha.kubernetes.io/pod: «unconfined»\n        container.seccomp.security.alpha.kubernetes.io/web: «"unconfined"»\n'),
      errors: [
        { messageId: 'annotation', data: { annotation: 'seccomp.security.alpha.kubernetes.io/pod' } },
        { messageId: 'annotation', data: { annotation: 'container.seccomp.security.alpha.kubernetes.io/web' } },
      ],
      output: deploy('        seccomp.security.alpha.kubernetes.io/pod: runtime/default\n        container.seccomp.security.alpha.kubernetes.io/web: "runtime/default"\n'),
    },
  ],
});
