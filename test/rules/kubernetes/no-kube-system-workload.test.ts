import rule from '../../../server/src/engine/rules/kubernetes/no-kube-system-workload';
import { ruleTester } from '../../harness/ruleTester';

const ds = (ns: string) =>
  `apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\n  namespace: ${ns}\nspec:\n  template:\n    spec:\n      containers:\n        - name: a\n          image: example/agent:1.0\n`;

ruleTester(rule, {
  valid: [ds('monitoring'), { name: 'non-workloads in kube-system', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: kube-system\n' }],
  invalid: [{ name: 'kube-system', code: ds('«kube-system»'), errors: [{ messageId: 'systemNamespace', data: { object: 'DaemonSet "agent"', namespace: 'kube-system' } }] }],
});
