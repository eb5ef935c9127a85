import rule from '../../../server/src/engine/rules/kubernetes/no-windows-host-process';
import { ruleTester } from '../../harness/ruleTester';

const pod = (spec: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${spec}`;

ruleTester(rule, {
  valid: [
    pod('  securityContext:\n    windowsOptions:\n      hostProcess: false\n  containers:\n    - name: c\n'),
    pod('  containers:\n    - name: c\n      securityContext:\n        windowsOptions: {runAsUserName: ContainerUser}\n'),
  ],
  invalid: [
    {
      name: 'pod level',
      code: pod('  securityContext:\n    windowsOptions:\n      hostProcess: «true»\n      runAsUserName: "NT AUTHORITY\\\\SYSTEM"\n  containers:\n    - name: c\n'),
      errors: [{ messageId: 'hostProcess', data: { owner: 'the pod' } }],
      output: pod('  securityContext:\n    windowsOptions:\n      runAsUserName: "NT AUTHORITY\\\\SYSTEM"\n  containers:\n    - name: c\n'),
    },
    {
      name: 'container level, flow',
      code: pod('  containers:\n    - name: c\n      securityContext: {windowsOptions: {hostProcess: «true», runAsUserName: x}}\n'),
      errors: [{ messageId: 'hostProcess', data: { owner: 'container "c"' } }],
      output: pod('  containers:\n    - name: c\n      securityContext: {windowsOptions: {runAsUserName: x}}\n'),
    },
  ],
});
