import { defineRule } from '../../rule';
import { validationActionCheck, validationActionMeta } from './admissionPolicy';

export default defineRule({
  meta: {
    ...validationActionMeta('Audit'),
    id: 'XF014',
    name: 'admission-policy-audit',
    title: 'Audited by a ValidatingAdmissionPolicy of the workspace',
    severity: 'info',
    rationale: "The API server admits this object but records the policy failure in the audit log: whoever reviews the log sees the object as a violation of the organisation's rules.",
    related: ['XF012', 'XF013', 'XF014', 'XF015', 'XF016'].filter((id) => id !== 'XF014'),
  },
  check: validationActionCheck('Audit'),
});
