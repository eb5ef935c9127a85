import rule from '../../../server/src/engine/rules/dockerfile/no-copy-whole-stage';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: ['FROM golang:1.23 AS build\nFROM scratch\nCOPY --from=build /app /app\n', { name: 'copying / from the build context is another matter', code: 'FROM alpine:3.20\nCOPY / /src\n' }],
  invalid: [
    { code: 'FROM golang:1.23 AS build\nFROM scratch\nCOPY --from=build «/» /\n', errors: [{ messageId: 'wholeFilesystem', data: { stage: 'build' } }] },
    { name: 'an external image', code: 'FROM alpine:3.20\nCOPY --from=busybox:1.36 «/» /rootfs/\n', errors: [{ messageId: 'wholeFilesystem', data: { stage: 'busybox:1.36' } }] },
  ],
});
