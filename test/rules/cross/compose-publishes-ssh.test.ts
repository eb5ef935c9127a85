import rule from '../../../server/src/engine/rules/cross/compose-publishes-ssh';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1:8080:80"\n',
    { name: 'host port 22 mapped to another container port', code: 'services:\n  git:\n    image: gitea/gitea:1.22\n    ports:\n      - "22:2222"\n' },
    { name: 'variable port', code: 'services:\n  box:\n    image: x:1\n    ports:\n      - "${SSH_PORT:-2222}:${TARGET}"\n' },
  ],
  invalid: [
    {
      name: 'short syntax',
      code: 'services:\n  box:\n    image: x:1\n    ports:\n      - «"2222:22"»\n',
      errors: [{ messageId: 'ssh', data: { service: 'box' } }],
    },
    {
      name: 'long syntax and bare container port',
      code: 'services:\n  box:\n    image: x:1\n    ports:\n      - «target: 22\n        published: 2222\n»  other:\n    image: y:1\n    ports: [«22»]\n',
      errors: [
        { messageId: 'ssh', data: { service: 'box' } },
        { messageId: 'ssh', data: { service: 'other' } },
      ],
    },
  ],
});
