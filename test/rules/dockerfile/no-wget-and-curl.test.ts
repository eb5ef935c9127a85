import rule from '../../../server/src/engine/rules/dockerfile/no-wget-and-curl';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM debian:12\nRUN curl -O https://x.io/a && curl -O https://x.io/b\n',
    'FROM debian:12\nRUN wget https://x.io/a\n',
    { name: 'different stages', code: 'FROM node:22 AS a\nRUN wget x.io\nFROM node:22\nRUN curl x.io\n' },
  ],
  invalid: [{ code: 'FROM debian:12\nRUN curl -O https://x.io/a && curl -O https://x.io/c\nRUN «wget» https://x.io/b\n', errors: [{ messageId: 'both', data: { command: 'wget', other: 'curl' } }] }],
});
