import rule from '../../../server/src/engine/rules/dockerfile/no-expose-host-binding';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: ['FROM alpine:3.20\nEXPOSE 8080 53/udp 8000-8010\n'],
  invalid: [
    {
      code: 'FROM alpine:3.20\nEXPOSE «127.0.0.1:8080:8080»\n',
      errors: [{ messageId: 'hostPart', data: { value: '127.0.0.1:8080:8080', part: 'address' } }],
      output: 'FROM alpine:3.20\nEXPOSE 8080\n',
    },
    {
      name: 'host port with a protocol',
      code: 'FROM alpine:3.20\nEXPOSE 80 «8053:53/udp»\n',
      errors: [{ messageId: 'hostPart', data: { value: '8053:53/udp', part: 'port' } }],
      output: 'FROM alpine:3.20\nEXPOSE 80 53/udp\n',
    },
  ],
});
