import rule from '../../../server/src/engine/rules/dockerfile/pin-os-packages';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get install -y curl=7.88.1-10+deb12u8\n',
    'FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r0 "git>2.40"\n',
    'FROM fedora:40\nRUN dnf install -y curl-8.6.0\n',
    {
      name: 'versions given through ENV/ARG variables',
      code: 'FROM fedora:40\nARG CURL_V=8.6.0\nRUN dnf install -y curl-$CURL_V && zypper install -y git-${GIT_V} && apt-get install -y wget=${WGET_V}\n',
    },
    { name: 'local packages and variables', code: 'FROM debian:12\nRUN apt-get install -y ./pkg.deb $EXTRA\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get install -y «curl» «git»\n',
      errors: [
        { messageId: 'unpinned', data: { tool: 'apt-get', package: 'curl' } },
        { messageId: 'unpinned', data: { tool: 'apt-get', package: 'git' } },
      ],
    },
    {
      name: 'apk, dnf, zypper',
      code: 'FROM alpine:3.20\nRUN apk add «bash» && dnf install -y «vim» && zypper install -y «make»\n',
      errors: [{ messageId: 'unpinned' }, { messageId: 'unpinned' }, { messageId: 'unpinned' }],
    },
  ],
});
