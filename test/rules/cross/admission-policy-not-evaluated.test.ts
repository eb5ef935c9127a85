import rule from '../../../server/src/engine/rules/cross/admission-policy-not-evaluated';
import { exampleDeployment, examplePolicy } from '../../../server/src/engine/rules/cross/admissionPolicy';
import { ruleTester } from '../../harness/ruleTester';

const workspace = { 'policies/replica-limit.yaml': examplePolicy('Deny') };
const withValidation = (expression: string) => examplePolicy('Deny').replace('"object.spec.replicas <= 5"', expression);

ruleTester(rule, {
  valid: [
    { name: 'evaluated', code: exampleDeployment(3), workspace },
    { name: 'a supported library', code: withValidation('"object.metadata.name.matches(\'^[a-z]+$\')"') },
    { name: 'the regex and format libraries', code: withValidation("\"object.metadata.name.find('[0-9]+') == '' && !format.dns1123Label().validate(object.metadata.name).hasValue()\"") },
  ],
  invalid: [
    {
      name: 'a field the API server would default',
      code: exampleDeployment(3).replace('  replicas: 3\n', '').replace('kind: Deployment', 'kind: «Deployment»'),
      workspace,
      errors: [{ messageId: 'notEvaluated', data: { policy: 'replica-limit', binding: 'replica-limit-binding', reason: 'validation "object.spec.replicas <= 5": field not found: replicas' } }],
    },
    {
      name: 'authz and the optMap macro on the policy, at the function',
      code: withValidation("\"«authorizer».group('apps').resource('deployments').check('create').allowed()\"\n    - expression: \"object.metadata.labels.«optMap»(l, l) == 1\""),
      errors: [
        { messageId: 'unsupported', data: { where: 'validations[0].expression of policy "replica-limit"', reason: 'uses authz (the authorizer is not evaluable offline)' } },
        { messageId: 'unsupported', data: { where: 'validations[1].expression of policy "replica-limit"', reason: 'uses optMap() of the Kubernetes optional library' } },
      ],
    },
  ],
});
