import rule from '../../../server/src/engine/rules/dockerfile/no-secret-mount-misuse';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM node:22\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\n',
    { name: 'reading the secret without persisting it', code: 'FROM alpine:3.20\nRUN --mount=type=secret,id=tok TOKEN=$(cat /run/secrets/tok) ./fetch.sh\n' },
    { name: 'env secrets have no file', code: 'FROM alpine:3.20\nRUN --mount=type=secret,id=tok,env=TOKEN ./fetch.sh\n' },
  ],
  invalid: [
    {
      code: 'FROM node:22\nRUN --mount=type=secret,id=npmrc «cp /run/secrets/npmrc /root/.npmrc» && npm ci\n',
      errors: [{ messageId: 'persisted', data: { command: 'cp', path: '/run/secrets/npmrc' } }],
    },
    {
      name: 'cat with a redirect, custom target',
      code: 'FROM alpine:3.20\nRUN --mount=type=secret,id=key,target=/tmp/key «cat /tmp/key > /etc/app/key»\n',
      errors: [{ messageId: 'persisted', data: { command: 'cat', path: '/tmp/key' } }],
    },
  ],
});
