import rule from '../../../server/src/engine/rules/compose/require-cap-drop-all';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'services:\n  web:\n    cap_drop: [ALL]\n',
    {
      name: 'extends a base that drops ALL; a base in another file is unknown',
      code: 'services:\n  base:\n    cap_drop: [ALL]\n  app:\n    extends: {service: base}\n  far:\n    extends: {file: common.yaml, service: web}\n',
    },
    { name: 'lower case, block list', code: 'services:\n  web:\n    cap_drop:\n      - all\n' },
  ],
  invalid: [
    {
      code: 'services:\n  «web»:\n    image: nginx:1.27\n',
      errors: [{ messageId: 'keepsDefaults', data: { service: 'web' } }],
      output: 'services:\n  web:\n    image: nginx:1.27\n    cap_drop: ["ALL"]\n',
    },
    {
      name: 'a partial drop list gains ALL',
      code: 'services:\n  «web»:\n    cap_drop: [NET_RAW]\n',
      errors: [{ messageId: 'keepsDefaults' }],
      output: 'services:\n  web:\n    cap_drop: [NET_RAW, ALL]\n',
    },
    {
      name: 'a partial drop list in a shared anchor: each service gets its own, the anchor is left alone',
      code: 'x-base: &base\n  cap_drop: [NET_RAW]\nservices:\n  «a»:\n    <<: *base\n  «b»:\n    <<: *base\n',
      errors: [
        { messageId: 'keepsDefaults', data: { service: 'a' } },
        { messageId: 'keepsDefaults', data: { service: 'b' } },
      ],
      output: 'x-base: &base\n  cap_drop: [NET_RAW]\nservices:\n  a:\n    <<: *base\n    cap_drop: ["ALL"]\n  b:\n    <<: *base\n    cap_drop: ["ALL"]\n',
    },
    { name: 'cap_drop that is not a list has no edit', code: 'services:\n  «web»:\n    cap_drop: NET_RAW\n', errors: [{ messageId: 'keepsDefaults' }], output: null },
  ],
});
