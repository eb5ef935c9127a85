import rule from '../../../server/src/engine/rules/cross/admission-policy-deny';
import { exampleDeployment, examplePolicy } from '../../../server/src/engine/rules/cross/admissionPolicy';
import { ruleTester } from '../../harness/ruleTester';

const workspace = { 'policies/replica-limit.yaml': examplePolicy('Deny') };

ruleTester(rule, {
  valid: [
    { name: 'the validation holds', code: exampleDeployment(5), workspace },
    { name: 'another action is another rule', code: exampleDeployment(9), workspace: { 'p.yaml': examplePolicy('Warn') } },
    { name: 'no workspace policy', code: exampleDeployment(9), workspace: { 'other.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n' } },
  ],
  invalid: [
    {
      name: 'the validation fails: the message of the messageExpression, on the fieldPath',
      code: exampleDeployment(9).replace('replicas: 9', 'replicas: «9»'),
      workspace,
      errors: [{ messageId: 'failed', data: { message: 'replicas must be at most 5, not 9', policy: 'replica-limit', binding: 'replica-limit-binding', action: 'Deny' } }],
    },
    {
      name: 'a policy in the same file as the object, with no workspace',
      code: `${examplePolicy('Deny')}---\n${exampleDeployment(7).replace('replicas: 7', 'replicas: «7»')}`,
      errors: [{ messageId: 'failed', data: { message: 'replicas must be at most 5, not 7', policy: 'replica-limit', binding: 'replica-limit-binding', action: 'Deny' } }],
    },
  ],
});
