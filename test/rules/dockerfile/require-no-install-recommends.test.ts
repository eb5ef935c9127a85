import rule from '../../../server/src/engine/rules/dockerfile/require-no-install-recommends';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get install -y --no-install-recommends curl\n',
    { name: 'apt option form', code: 'FROM debian:12\nRUN apt-get -o APT::Install-Recommends=false install -y curl\n' },
    { name: 'other managers', code: 'FROM alpine:3.20\nRUN apk add curl\n' },
    { name: 'apt-get update only', code: 'FROM debian:12\nRUN apt-get update\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN «apt-get install» -y curl\n',
      errors: [{ messageId: 'recommends', data: { tool: 'apt-get' } }],
      output: 'FROM debian:12\nRUN apt-get install --no-install-recommends -y curl\n',
    },
    {
      name: 'options before the action, continuation',
      code: 'FROM debian:12\nRUN apt-get update \\\n && «apt-get -y -q install» \\\n    curl git\n',
      errors: [{ messageId: 'recommends' }],
      output: 'FROM debian:12\nRUN apt-get update \\\n && apt-get -y -q install --no-install-recommends \\\n    curl git\n',
    },
    {
      name: 'apt',
      code: 'FROM ubuntu:24.04\nRUN «apt install» -y nginx\n',
      errors: [{ messageId: 'recommends', data: { tool: 'apt' } }],
      output: 'FROM ubuntu:24.04\nRUN apt install --no-install-recommends -y nginx\n',
    },
  ],
});
