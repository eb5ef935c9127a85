import rule from '../../../server/src/engine/rules/kubernetes/no-net-raw';
import { ruleTester } from '../../harness/ruleTester';

const pod = (caps: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      securityContext:\n        capabilities:\n${caps}`;

ruleTester(rule, {
  valid: [pod('          drop: [NET_RAW]\n'), { name: "not dropping is K8S004's", code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n' }],
  invalid: [
    {
      code: pod('          add: [NET_BIND_SERVICE, «NET_RAW»]\n'),
      errors: [{ messageId: 'netRaw', data: { container: 'c' } }],
      output: pod('          add: [NET_BIND_SERVICE]\n'),
    },
    {
      name: 'only NET_RAW: the add key goes, comments elsewhere kept',
      code: pod('          # ping\n          add:\n            - «cap_net_raw»\n          drop: [ALL]\n'),
      errors: [{ messageId: 'netRaw' }],
      output: pod('          # ping\n          drop: [ALL]\n'),
    },
  ],
});
