import rule from '../../../server/src/engine/rules/dockerfile/prefer-json-cmd';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: ['FROM node:22\nCMD ["node", "server.js"]\n', { name: 'an earlier stage is not what runs', code: 'FROM node:22 AS build\nCMD node build.js\nFROM node:22\nCMD ["node", "s.js"]\n' }],
  invalid: [
    {
      code: 'FROM node:22\nCMD «node server.js --port 8080»\n',
      errors: [{ messageId: 'shellForm', data: { instruction: 'CMD' } }],
      output: 'FROM node:22\nCMD ["node", "server.js", "--port", "8080"]\n',
    },
    {
      name: 'ENTRYPOINT',
      code: 'FROM alpine:3.20\nENTRYPOINT «/usr/bin/app»\n',
      errors: [{ messageId: 'shellForm', data: { instruction: 'ENTRYPOINT' } }],
      output: 'FROM alpine:3.20\nENTRYPOINT ["/usr/bin/app"]\n',
    },
    { name: 'shell features: reported, not rewritten', code: 'FROM alpine:3.20\nCMD «app --port $PORT && echo done»\n', errors: [{ messageId: 'shellForm' }], output: null },
  ],
});
