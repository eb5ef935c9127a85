import rule from '../../../server/src/engine/rules/dockerfile/no-ssh-server';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM debian:12\nEXPOSE 8080 2222\n',
    { name: 'the ssh client is not a server', code: 'FROM debian:12\nRUN apt-get install -y openssh-client\n' },
    { name: 'Alpine openssh is installed for git over ssh', code: 'FROM alpine:3.20\nRUN apk add --no-cache git openssh\n' },
    { name: 'a package name in text', code: 'FROM debian:12\nRUN echo openssh-server > /notes\n' },
  ],
  invalid: [
    { code: 'FROM debian:12\nEXPOSE «22»\nUSER 10001\n', errors: [{ messageId: 'sshPort', data: { port: '22' } }], output: 'FROM debian:12\nUSER 10001\n' },
    { name: 'first of several', code: 'FROM debian:12\nEXPOSE «22/tcp» 80\n', errors: [{ messageId: 'sshPort', data: { port: '22/tcp' } }], output: 'FROM debian:12\nEXPOSE 80\n' },
    { name: 'last of several', code: 'FROM debian:12\nEXPOSE 80 443 «22»\n', errors: [{ messageId: 'sshPort' }], output: 'FROM debian:12\nEXPOSE 80 443\n' },
    {
      name: 'installing a server',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y «openssh-server» curl\n',
      errors: [{ messageId: 'sshServer', data: { package: 'openssh-server' } }],
    },
    { name: 'apk and a pinned version', code: 'FROM alpine:3.20\nRUN apk add --no-cache «openssh-server=9.7_p1-r4»\n', errors: [{ messageId: 'sshServer', data: { package: 'openssh-server' } }] },
  ],
});
