import rule from '../../../server/src/engine/rules/kubernetes/no-root-group';
import { ruleTester } from '../../harness/ruleTester';

const pod = (spec: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${spec}`;

ruleTester(rule, {
  valid: [
    pod('  securityContext:\n    runAsGroup: 10001\n    fsGroup: 10001\n  containers:\n    - name: a\n'),
    pod('  containers:\n    - name: a\n'),
    { name: 'user namespace', code: pod('  hostUsers: false\n  securityContext: {runAsGroup: 0}\n  containers:\n    - name: a\n') },
  ],
  invalid: [
    {
      code: pod('  securityContext:\n    runAsGroup: «0»\n    fsGroup: «2000»\n    supplementalGroups: [«0», 20000]\n  containers:\n    - name: a\n      securityContext: {runAsGroup: «100»}\n'),
      errors: [
        { messageId: 'rootGroup', data: { field: 'runAsGroup', owner: 'the pod' } },
        { messageId: 'lowGid', data: { field: 'fsGroup', gid: '2000', owner: 'the pod' } },
        { messageId: 'rootGroup', data: { field: 'supplementalGroups', owner: 'the pod' } },
        { messageId: 'lowGid', data: { field: 'runAsGroup', gid: '100', owner: 'container "a"' } },
      ],
      output: pod('  securityContext:\n    runAsGroup: 10001\n    fsGroup: 10001\n    supplementalGroups: [10001, 20000]\n  containers:\n    - name: a\n      securityContext: {runAsGroup: 10001}\n'),
    },
  ],
});
