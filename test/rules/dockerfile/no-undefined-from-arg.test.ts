import rule from '../../../server/src/engine/rules/dockerfile/no-undefined-from-arg';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'ARG BASE=alpine:3.20\nFROM ${BASE}\n',
    { name: 'inline default', code: 'FROM ${BASE:-alpine:3.20}\n' },
    { name: 'automatic platform arguments', code: 'FROM --platform=$BUILDPLATFORM golang:1.23 AS b\nFROM alpine:3.20-$TARGETARCH\n' },
  ],
  invalid: [
    { code: 'ARG BASE\nFROM «${BASE}»\n', errors: [{ messageId: 'noDefault', data: { name: 'BASE' } }] },
    { name: 'undeclared, ARG only inside a stage', code: 'FROM alpine:3.20\nARG TAG=1\nFROM «node:$TAG»\n', errors: [{ messageId: 'undeclared', data: { name: 'TAG' } }] },
  ],
});
