import rule from '../../../server/src/engine/rules/compose/require-read-only-rootfs';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'services:\n  web:\n    read_only: true\n',
    {
      name: 'extends a base that sets it; a base in another file is unknown',
      code: 'services:\n  base:\n    read_only: true\n  app:\n    extends: base\n  far:\n    extends: {file: common.yaml, service: web}\n',
    },
  ],
  invalid: [
    {
      name: 'an extending service that turns read_only off',
      code: 'services:\n  base:\n    read_only: true\n  app:\n    extends: base\n    read_only: «false»\n',
      errors: [{ messageId: 'writable', data: { service: 'app' } }],
      output: 'services:\n  base:\n    read_only: true\n  app:\n    extends: base\n    read_only: true\n    tmpfs: ["/tmp"]\n',
    },
    {
      code: 'services:\n  «web»:\n    image: nginx:1.27\n',
      errors: [{ messageId: 'writable', data: { service: 'web' } }],
      output: 'services:\n  web:\n    image: nginx:1.27\n    read_only: true\n    tmpfs: ["/tmp"]\n',
    },
    {
      name: 'a service with its own /tmp volume gets no tmpfs',
      code: 'services:\n  «web»:\n    image: nginx:1.27\n    volumes:\n      - scratch:/tmp\n',
      errors: [{ messageId: 'writable' }],
      output: 'services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - scratch:/tmp\n    read_only: true\n',
    },
    { name: 'explicit false', code: 'services:\n  web:\n    read_only: «false»\n', errors: [{ messageId: 'writable' }], output: 'services:\n  web:\n    read_only: true\n    tmpfs: ["/tmp"]\n' },
  ],
});
