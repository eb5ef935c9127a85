import rule from '../../../server/src/engine/rules/kubernetes/audit-policy-coverage';
import { ruleTester } from '../../harness/ruleTester';

const policy = (rules: string[]) => ['apiVersion: audit.k8s.io/v1', 'kind: Policy', 'rules:', ...rules, ''].join('\n');
const SECRETS = ['    resources:', '      - group: ""', '        resources: ["secrets"]'];

ruleTester(rule, {
  valid: [
    policy(['  - level: Metadata', ...SECRETS, '  - level: RequestResponse', '    resources:', '      - group: rbac.authorization.k8s.io', '  - level: Metadata']),
    { name: 'None for noise, Metadata for the rest', code: policy(['  - level: None', '    users: ["system:kube-proxy"]', '  - level: Metadata']) },
    { name: 'secrets of another group', code: policy(['  - level: RequestResponse', '    resources:', '      - group: example.com', '        resources: ["secrets"]']) },
  ],
  invalid: [
    { name: 'no rules', code: 'apiVersion: audit.k8s.io/v1\n«kind»: Policy\nrules: []\n', errors: [{ messageId: 'noRules' }] },
    { name: 'everything None', code: policy(['  - level: «None»', '  - level: None', '    verbs: ["get"]']), errors: [{ messageId: 'allNone' }] },
    {
      name: 'secrets logged with their bodies',
      code: policy(['  - level: «RequestResponse»', ...SECRETS, '  - level: Metadata']),
      errors: [{ messageId: 'secretBodies', data: { level: 'RequestResponse' } }],
      output: policy(['  - level: Metadata', ...SECRETS, '  - level: Metadata']),
    },
  ],
});
