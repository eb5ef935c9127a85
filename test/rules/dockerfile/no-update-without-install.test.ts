import rule from '../../../server/src/engine/rules/dockerfile/no-update-without-install';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
    'FROM alpine:3.20\nRUN apk update && apk add curl\n',
    { name: 'no update at all', code: 'FROM alpine:3.20\nRUN apk add --no-cache curl\n' },
  ],
  invalid: [
    { code: 'FROM debian:12\nRUN «apt-get update»\nRUN apt-get install -y curl\n', errors: [{ messageId: 'updateAlone', data: { tool: 'apt-get' } }], output: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n' },
    { name: 'no later install: reported, no edit', code: 'FROM debian:12\nRUN «apt-get update» -q\n', errors: [{ messageId: 'updateAlone' }], output: null },
    { name: 'the next install is a heredoc script: the update cannot be put in front of it, no edit', code: 'FROM debian:12\nRUN «apt-get update»\nRUN <<EOF\napt-get install -y curl\nEOF\n', errors: [{ messageId: 'updateAlone' }], output: null },
    { name: 'apk, with options', code: 'FROM alpine:3.20\nRUN set -e; «apk -q update»\n', errors: [{ messageId: 'updateAlone', data: { tool: 'apk' } }] },
  ],
});
