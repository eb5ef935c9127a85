import rule from '../../../server/src/engine/rules/compose/require-no-new-privileges';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'services:\n  web:\n    security_opt: ["no-new-privileges:true"]\n',
    {
      name: 'extends a base that sets it; a base in another file is unknown',
      code: 'services:\n  base:\n    security_opt: [no-new-privileges:true]\n  app:\n    extends: base\n  far:\n    extends: {file: common.yaml, service: web}\n',
    },
    { name: 'block list, = form', code: 'services:\n  web:\n    security_opt:\n      - no-new-privileges=true\n' },
    { name: 'inherited from an anchor', code: 'x-base: &base\n  security_opt: [no-new-privileges]\nservices:\n  web:\n    <<: *base\n' },
  ],
  invalid: [
    {
      code: 'services:\n  «web»:\n    image: nginx:1.27\n',
      errors: [{ messageId: 'missing', data: { service: 'web' } }],
      output: 'services:\n  web:\n    image: nginx:1.27\n    security_opt: ["no-new-privileges:true"]\n',
    },
    {
      name: 'an existing list gains the entry',
      code: 'services:\n  «web»:\n    security_opt:\n      - apparmor:docker-default\n',
      errors: [{ messageId: 'missing' }],
      output: 'services:\n  web:\n    security_opt:\n      - "no-new-privileges:true"\n      - apparmor:docker-default\n',
    },
    {
      name: 'an empty security_opt is filled, not written twice',
      code: 'services:\n  «web»:\n    security_opt:\n    image: nginx:1.27\n',
      errors: [{ messageId: 'missing' }],
      output: 'services:\n  web:\n    security_opt: ["no-new-privileges:true"]\n    image: nginx:1.27\n',
    },
    {
      name: 'a security_opt that is neither a list nor empty is left to the author',
      code: 'services:\n  «web»:\n    security_opt: apparmor:docker-default\n',
      errors: [{ messageId: 'missing' }],
      output: null,
    },
  ],
});
