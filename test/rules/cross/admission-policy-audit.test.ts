import rule from '../../../server/src/engine/rules/cross/admission-policy-audit';
import { validationActionCases } from '../../harness/admissionCases';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, validationActionCases('Audit', 'Deny'));
