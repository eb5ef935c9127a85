import rule from '../../../server/src/engine/rules/dockerfile/no-password-change';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM debian:12\nRUN useradd --system app\n',
    { name: 'locking an account is hardening', code: 'FROM debian:12\nRUN passwd -l root\n' },
    { name: 'text mentioning chpasswd', code: 'FROM debian:12\nRUN echo "do not run chpasswd"\n' },
  ],
  invalid: [
    { code: 'FROM debian:12\nRUN echo "root:secret" | «chpasswd»\n', errors: [{ messageId: 'passwordSet', data: { command: 'chpasswd' } }] },
    { name: 'passwd -d clears a password', code: 'FROM alpine:3.20\nRUN adduser -D app && «passwd» -d app\n', errors: [{ messageId: 'passwordSet', data: { command: 'passwd' } }] },
  ],
});
