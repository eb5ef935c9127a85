import rule from '../../../server/src/engine/rules/dockerfile/require-healthcheck';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM alpine:3.20\nHEALTHCHECK CMD ["/app", "--health"]\n',
    { name: 'HEALTHCHECK NONE is a decision', code: 'FROM alpine:3.20\nHEALTHCHECK NONE\n' },
    { name: 'inherited from an earlier stage', code: 'FROM alpine:3.20 AS base\nHEALTHCHECK CMD true\nFROM base\n' },
  ],
  invalid: [{ code: 'FROM golang:1.23 AS build\nHEALTHCHECK CMD true\n«FROM alpine:3.20»\nCMD ["/app"]\n', errors: [{ messageId: 'missing' }] }],
});
