import rule from '../../../server/src/engine/rules/dockerfile/no-package-upgrade';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: ['FROM debian:12\nRUN apt-get update && apt-get install -y curl\n', { name: 'upgrading one package', code: 'FROM alpine:3.20\nRUN apk upgrade --no-cache openssl && dnf update -y glibc\n' }],
  invalid: [
    { code: 'FROM debian:12\nRUN apt-get update && «apt-get upgrade» -y\n', errors: [{ messageId: 'upgrade', data: { tool: 'apt-get', action: 'upgrade' } }] },
    {
      name: 'dist-upgrade, apk, dnf and zypper',
      code: 'FROM debian:12\nRUN «apt-get -y dist-upgrade» && «apk upgrade» && «dnf -y update» && «zypper dup»\n',
      errors: [{ messageId: 'upgrade' }, { messageId: 'upgrade' }, { messageId: 'upgrade' }, { messageId: 'upgrade' }],
    },
  ],
});
