import rule from '../../../server/src/engine/rules/kubernetes/require-user-namespace';
import { ruleTester } from '../../harness/ruleTester';

const pod = (spec: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${spec}`;

ruleTester(rule, {
  valid: [pod('  hostUsers: false\n  containers:\n    - name: a\n'), { name: 'Windows pods', code: pod('  os: {name: windows}\n  containers:\n    - name: a\n') }],
  invalid: [
    {
      name: 'added at the end of the pod spec',
      code: 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: s\nspec:\n  template:\n    «spec»:\n      containers:\n        - name: a\n',
      errors: [{ messageId: 'hostUsers' }],
      output: 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: s\nspec:\n  template:\n    spec:\n      containers:\n        - name: a\n      hostUsers: false\n',
    },
    {
      name: 'hostUsers: true flipped',
      code: pod('  hostUsers: «true»\n  containers:\n    - name: a\n'),
      errors: [{ messageId: 'hostUsers' }],
      output: pod('  hostUsers: false\n  containers:\n    - name: a\n'),
    },
    {
      name: 'no fix next to a host namespace',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n«spec»:\n  hostNetwork: true\n  containers:\n    - name: a\n',
      errors: [{ messageId: 'hostUsers' }],
      output: null,
    },
  ],
});
