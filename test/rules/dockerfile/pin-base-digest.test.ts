import rule from '../../../server/src/engine/rules/dockerfile/pin-base-digest';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM node:22@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n',
    { name: 'latest and untagged are DF002', code: 'FROM node:latest\nFROM alpine\n' },
    { name: 'stages and scratch', code: 'FROM scratch AS a\nFROM a\n' },
  ],
  invalid: [
    { code: 'FROM «node:22.11-alpine3.20»\n', errors: [{ messageId: 'noDigest', data: { image: 'node:22.11-alpine3.20' } }] },
    { name: 'a malformed digest pins nothing', code: 'FROM «python:3.10.1-alpine3.15@v1»\n', errors: [{ messageId: 'badDigest' }] },
    {
      name: 'COPY --from an image',
      code: 'FROM node:22@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\nCOPY --from=«busybox:1.36» /bin/sh /sh\n',
      errors: [{ messageId: 'noDigest' }],
    },
  ],
});
