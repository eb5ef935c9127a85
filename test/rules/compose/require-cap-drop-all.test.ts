import rule from '../../../server/src/engine/rules/compose/require-cap-drop-all';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'services:\n  web:\n    cap_drop: [ALL]\n',
    { name: 'lower case, block list', code: 'services:\n  web:\n    cap_drop:\n      - all\n' },
  ],
  invalid: [
    { code: 'services:\n  «web»:\n    image: nginx:1.27\n', errors: [{ messageId: 'keepsDefaults', data: { service: 'web' } }], output: 'services:\n  web:\n    image: nginx:1.27\n    cap_drop: ["ALL"]\n' },
    { name: 'a partial drop list gains ALL', code: 'services:\n  «web»:\n    cap_drop: [NET_RAW]\n', errors: [{ messageId: 'keepsDefaults' }], output: 'services:\n  web:\n    cap_drop: [NET_RAW, ALL]\n' },
  ],
});
