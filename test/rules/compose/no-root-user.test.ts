import rule from '../../../server/src/engine/rules/compose/no-root-user';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'services:\n  web:\n    user: "10001:10001"\n',
    { name: 'no override', code: 'services:\n  web:\n    image: x\n' },
    { name: 'interpolated', code: 'services:\n  web:\n    user: ${UID}:${GID}\n' },
  ],
  invalid: [
    {
      name: 'a Dockerfile that stays root: DC011 still reports',
      code: 'services:\n  api:\n    build: ./api\n    user: «root»\n',
      workspace: { 'api/Dockerfile': 'FROM node:22-alpine\n' },
      errors: [{ messageId: 'root' }],
      output: 'services:\n  api:\n    build: ./api\n    user: "10001:10001"\n',
    },
    { code: 'services:\n  web:\n    user: «root»\n', errors: [{ messageId: 'root', data: { service: 'web', user: 'root' } }], output: 'services:\n  web:\n    user: "10001:10001"\n' },
    {
      name: 'numeric with group',
      code: 'services:\n  web:\n    user: «"0:0"»\n',
      errors: [{ messageId: 'root', data: { service: 'web', user: '0:0' } }],
      output: 'services:\n  web:\n    user: "10001:10001"\n',
    },
  ],
});
