import rule from '../../../server/src/engine/rules/compose/require-read-only-rootfs';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: ['services:\n  web:\n    read_only: true\n'],
  invalid: [
    { code: 'services:\n  «web»:\n    image: nginx:1.27\n', errors: [{ messageId: 'writable', data: { service: 'web' } }], output: 'services:\n  web:\n    image: nginx:1.27\n    read_only: true\n' },
    { name: 'explicit false', code: 'services:\n  web:\n    read_only: «false»\n', errors: [{ messageId: 'writable' }], output: 'services:\n  web:\n    read_only: true\n' },
  ],
});
