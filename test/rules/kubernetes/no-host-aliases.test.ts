import rule from '../../../server/src/engine/rules/kubernetes/no-host-aliases';
import { ruleTester } from '../../harness/ruleTester';

const deploy = (spec: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    spec:\n${spec}      containers:\n        - name: web\n          image: nginx:1.27\n`;

ruleTester(rule, {
  valid: [deploy(''), { name: 'empty list', code: deploy('      hostAliases: []\n') }],
  invalid: [
    {
      name: 'entries',
      code: deploy('      «hostAliases»:\n        - ip: 10.0.0.5\n          hostnames: [api.example.com]\n'),
      errors: [{ messageId: 'hostAliases', data: { kind: 'Deployment', name: 'd' } }],
    },
  ],
});
