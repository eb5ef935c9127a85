import { defineRule } from '../../rule';
import { validationActionCheck, validationActionMeta } from './admissionPolicy';

export default defineRule({
  meta: {
    ...validationActionMeta('Warn'),
    id: 'XF013',
    name: 'admission-policy-warn',
    title: 'Warned by a ValidatingAdmissionPolicy of the workspace',
    severity: 'warning',
    rationale: "The API server admits this object but returns the policy's warning to the client: warnings are how a team announces a rule before enforcing it, and the next step is usually Deny.",
    related: ['XF012', 'XF013', 'XF014', 'XF015', 'XF016'].filter((id) => id !== 'XF013'),
  },
  check: validationActionCheck('Warn'),
});
