import rule from '../../../server/src/engine/rules/dockerfile/no-package-signature-bypass';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM alpine:3.20\nRUN apk add --no-cache curl\n',
    'FROM debian:12\nRUN apt-get install -y --no-install-recommends curl\n',
    { name: 'an option of another command', code: 'FROM debian:12\nRUN mytool --nogpgcheck\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nRUN apk add «--allow-untrusted» /tmp/x.apk\n',
      errors: [{ messageId: 'signatureBypass', data: { command: 'apk', option: '--allow-untrusted' } }],
      output: 'FROM alpine:3.20\nRUN apk add /tmp/x.apk\n',
    },
    {
      name: 'apt-get, two options',
      code: 'FROM debian:12\nRUN apt-get install -y «--allow-unauthenticated» «--force-yes» curl\n',
      errors: [
        { messageId: 'signatureBypass', data: { command: 'apt-get', option: '--allow-unauthenticated' } },
        { messageId: 'signatureBypass', data: { command: 'apt-get', option: '--force-yes' } },
      ],
      output: 'FROM debian:12\nRUN apt-get install -y curl\n',
    },
    {
      name: 'yum, dnf and rpm',
      code: 'FROM fedora:40\nRUN dnf install -y «--nogpgcheck» x && yum install «--nogpgcheck» y && rpm -i «--nosignature» z.rpm\n',
      errors: [{ messageId: 'signatureBypass' }, { messageId: 'signatureBypass' }, { messageId: 'signatureBypass' }],
      output: 'FROM fedora:40\nRUN dnf install -y x && yum install y && rpm -i z.rpm\n',
    },
  ],
});
