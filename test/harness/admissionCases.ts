// The table shared by the three validation-action rules (XF012 Deny, XF013 Warn, XF014 Audit): the same
// policy and Deployment, bound with `action`; a binding with `other` belongs to another rule.
import { exampleDeployment, examplePolicy } from '../../server/src/engine/rules/cross/admissionPolicy';
import type { ValidationAction } from '../../server/src/engine/admission/evaluate';
import type { InvalidCase, ValidCase } from './ruleTester';

export function validationActionCases(action: ValidationAction, other: ValidationAction): { valid: ValidCase[]; invalid: InvalidCase[] } {
  const workspace = { 'policies/replica-limit.yaml': examplePolicy(action) };
  const failed = (replicas: number) => ({ message: `replicas must be at most 5, not ${replicas}`, policy: 'replica-limit', binding: 'replica-limit-binding', action });
  return {
    valid: [
      { name: 'the validation holds', code: exampleDeployment(5), workspace },
      { name: 'another action is another rule', code: exampleDeployment(9), workspace: { 'p.yaml': examplePolicy(other) } },
      { name: 'no workspace policy', code: exampleDeployment(9), workspace: { 'other.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n' } },
    ],
    invalid: [
      {
        name: 'the validation fails: the message of the messageExpression, on the fieldPath',
        code: exampleDeployment(9).replace('replicas: 9', 'replicas: «9»'),
        workspace,
        errors: [{ messageId: 'failed', data: failed(9) }],
      },
      {
        name: 'a policy in the same file as the object, with no workspace',
        code: `${examplePolicy(action)}---\n${exampleDeployment(7).replace('replicas: 7', 'replicas: «7»')}`,
        errors: [{ messageId: 'failed', data: failed(7) }],
      },
    ],
  };
}
