import rule from '../../../server/src/engine/rules/dockerfile/require-numeric-user';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM alpine:3.20\nUSER 10001:10001\n',
    { name: 'root is another rule', code: 'FROM alpine:3.20\nUSER root\n' },
    { name: 'a build argument', code: 'FROM alpine:3.20\nARG UID=10001\nUSER $UID\n' },
    { name: 'Windows accounts', code: 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nUSER ContainerUser\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nRUN adduser -D -u 10001 app\nUSER «app»\n',
      errors: [{ messageId: 'named', data: { user: 'app', uid: '10001' } }],
      output: 'FROM alpine:3.20\nRUN adduser -D -u 10001 app\nUSER 10001\n',
    },
    {
      name: 'useradd --uid=',
      code: 'FROM debian:12\nRUN useradd --system --uid=2000 svc\nUSER «svc»\n',
      errors: [{ messageId: 'named', data: { user: 'svc', uid: '2000' } }],
      output: 'FROM debian:12\nRUN useradd --system --uid=2000 svc\nUSER 2000\n',
    },
    { name: 'uid unknown: reported, no edit', code: 'FROM node:22\nUSER «node»\n', errors: [{ messageId: 'named', data: { user: 'node' } }], output: null },
  ],
});
