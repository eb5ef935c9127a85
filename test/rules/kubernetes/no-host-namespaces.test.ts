import rule from '../../../server/src/engine/rules/kubernetes/no-host-namespaces';
import { ruleTester } from '../../harness/ruleTester';

const pod = (spec: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${spec}  containers:\n    - name: c\n      image: x:1\n`;
const ns = (level: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: agents\n  labels:\n    pod-security.kubernetes.io/enforce: ${level}\n---\n`;
const ds = (spec: string) => `apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: d\n  namespace: agents\nspec:\n  template:\n    spec:\n${spec}      containers:\n        - name: c\n`;

ruleTester(rule, {
  valid: [
    pod(''),
    pod('  hostNetwork: false\n  hostPID: false\n'),
    { name: 'a Namespace in the file at privileged level', code: ns('privileged') + ds('      hostPID: true\n') },
    { name: 'namespaceLevels from the workspace scan', code: ds('      hostPID: true\n'), config: { namespaceLevels: { agents: { level: 'privileged' } } } },
    { name: 'a string "true" is not the boolean', code: pod('  hostIPC: "true"\n') },
  ],
  invalid: [
    {
      name: 'all three, each deleted',
      code: pod('  hostNetwork: «true»\n  hostPID: «true» # debug\n  hostIPC: «true»\n'),
      errors: [{ messageId: 'hostNetwork' }, { messageId: 'hostPID' }, { messageId: 'hostIPC' }],
      output: pod(''),
    },
    {
      name: 'a baseline namespace still forbids host namespaces',
      code: ns('baseline') + ds('      hostNetwork: «true»\n      dnsPolicy: ClusterFirstWithHostNet\n'),
      errors: [{ messageId: 'hostNetwork' }],
      output: ns('baseline') + ds('      dnsPolicy: ClusterFirstWithHostNet\n'),
    },
    {
      name: 'flow style pod spec',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {hostPID: «true», containers: [{name: c}]}\n',
      errors: [{ messageId: 'hostPID' }],
      output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c}]}\n',
    },
    {
      name: 'CronJob',
      code: 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: j\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          hostNetwork: «true»\n          containers:\n            - name: c\n',
      errors: [{ messageId: 'hostNetwork' }],
      output: 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: j\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n            - name: c\n',
    },
  ],
});
