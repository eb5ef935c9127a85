import { defineRule } from '../../rule';
import { validationActionCheck, validationActionMeta } from './admissionPolicy';

export default defineRule({
  meta: {
    ...validationActionMeta('Deny'),
    id: 'XF012',
    name: 'admission-policy-deny',
    title: 'Rejected by a ValidatingAdmissionPolicy of the workspace',
    severity: 'error',
    rationale:
      "The cluster rejects this object: `kubectl apply` fails with the policy's message. The API server evaluates the same CEL expressions on the same object; finding out in the editor saves a failed deployment and the temptation to weaken the policy in a hurry.",
    related: ['XF012', 'XF013', 'XF014', 'XF015', 'XF016'].filter((id) => id !== 'XF012'),
  },
  check: validationActionCheck('Deny'),
});
