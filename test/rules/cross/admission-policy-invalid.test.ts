import rule from '../../../server/src/engine/rules/cross/admission-policy-invalid';
import { examplePolicy } from '../../../server/src/engine/rules/cross/admissionPolicy';
import { ruleTester } from '../../harness/ruleTester';

const withValidation = (expression: string) => examplePolicy('Deny').replace('"object.spec.replicas <= 5"', expression);

ruleTester(rule, {
  valid: [
    { name: 'a valid policy and binding', code: examplePolicy('Deny') },
    { name: "the binding's policy is in another file", code: examplePolicy('Deny').split('---\n')[1], workspace: { 'policy.yaml': examplePolicy('Deny').split('---\n')[0] } },
    { name: "unsupported functions are XF015's", code: withValidation("\"authorizer.group('').resource('x').check('create').allowed()\"") },
  ],
  invalid: [
    {
      name: 'a syntax error, at its place in a double-quoted string',
      code: withValidation('"object.spec.replicas «<»= "'),
      errors: [{ messageId: 'invalidExpression', data: { where: 'validations[0].expression of policy "replica-limit"', problem: 'syntax error: found < but expecting end of input' } }],
    },
    {
      name: 'an undeclared variable in a block scalar, on its second line',
      code: withValidation('|\n        object.spec.replicas <=\n          «param».maxReplicas'),
      errors: [{ messageId: 'invalidExpression', data: { where: 'validations[0].expression of policy "replica-limit"', problem: "undeclared reference to 'param'" } }],
    },
    {
      name: 'an undeclared function in a messageExpression',
      code: examplePolicy('Deny').replace("'replicas must be at most 5, not ' + string(", "'replicas must be at most 5, not ' + «str»("),
      errors: [{ messageId: 'invalidExpression', data: { where: 'validations[0].messageExpression of policy "replica-limit"', problem: "undeclared reference to function 'str'" } }],
    },
    {
      name: 'a binding naming no policy',
      code: examplePolicy('Deny').replace('policyName: replica-limit', 'policyName: «replica-limits»'),
      errors: [{ messageId: 'noPolicy', data: { binding: 'replica-limit-binding', policy: 'replica-limits' } }],
    },
  ],
});
