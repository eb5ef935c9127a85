import rule from '../../../server/src/engine/rules/cross/k8s-dangling-network-policy';
import { ruleTester } from '../../harness/ruleTester';

const workloads = {
  'apps/api.yaml':
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n  namespace: shop\nspec:\n  template:\n    metadata:\n      labels: {app: api, tier: backend}\n    spec:\n      containers:\n        - name: api\n          image: example/api:1.0\n',
  'apps/db.yaml':
    'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\n  namespace: shop\nspec:\n  template:\n    metadata:\n      labels: {app: db}\n    spec:\n      containers:\n        - name: db\n          image: postgres:16\n',
};
const policy = (name: string, selector: string, namespace = 'shop') =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:\n  podSelector: ${selector}\n  policyTypes: [Ingress]\n`;

ruleTester(rule, {
  valid: [
    { name: 'matchLabels match', code: policy('api', '{matchLabels: {app: api}}'), workspace: workloads },
    { name: 'empty selector: every pod of the namespace', code: policy('deny-all', '{}'), workspace: workloads },
    { name: 'matchExpressions', code: policy('backend', '{matchExpressions: [{key: tier, operator: In, values: [backend]}]}'), workspace: workloads },
    { name: 'no workload manifests in the workspace', code: policy('api', '{matchLabels: {app: nope}}'), workspace: { 'values.yaml': 'x: 1\n' } },
    { name: 'no workspace', code: policy('api', '{matchLabels: {app: nope}}') },
  ],
  invalid: [
    {
      name: 'label typo',
      code: policy('«api»', '{matchLabels: {app: apl}}'),
      workspace: workloads,
      errors: [{ messageId: 'dangling', data: { name: 'api', count: '2', where: ' in namespace shop' } }],
    },
    {
      name: 'right labels, wrong namespace',
      code: policy('«db»', '{matchLabels: {app: db}}', 'billing'),
      workspace: workloads,
      errors: [{ messageId: 'dangling', data: { name: 'db', count: '0', where: ' in namespace billing' } }],
    },
  ],
});
