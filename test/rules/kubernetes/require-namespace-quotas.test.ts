import rule from '../../../server/src/engine/rules/kubernetes/require-namespace-quotas';
import { ruleTester } from '../../harness/ruleTester';

const ns = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`;
const obj = (kind: string, namespace: string) => `---\napiVersion: v1\nkind: ${kind}\nmetadata:\n  name: x\n  namespace: ${namespace}\nspec: {}\n`;

ruleTester(rule, {
  valid: [`${ns('shop')}${obj('ResourceQuota', 'shop')}${obj('LimitRange', 'shop')}`],
  invalid: [
    { name: 'nothing', code: ns('«shop»'), errors: [{ messageId: 'noResourceQuota', data: { namespace: 'shop' } }, { messageId: 'noLimitRange', data: { namespace: 'shop' }, range: [3, 8, 3, 12] }] },
    { name: 'quota for another namespace', code: `${ns('«shop»')}${obj('ResourceQuota', 'other')}${obj('LimitRange', 'shop')}`, errors: [{ messageId: 'noResourceQuota' }] },
  ],
});
