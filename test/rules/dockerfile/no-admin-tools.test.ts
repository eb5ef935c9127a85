import rule from '../../../server/src/engine/rules/dockerfile/no-admin-tools';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: ['FROM debian:12\nRUN apt-get install -y vim\n', { name: 'text', code: 'FROM debian:12\nRUN echo "service restarted"\n' }],
  invalid: [
    { code: 'FROM debian:12\nRUN «service» nginx start\n', errors: [{ messageId: 'adminTool', data: { command: 'service' } }] },
    {
      name: 'several',
      code: 'FROM debian:12\nRUN «ps» aux && «mount» -t tmpfs x /mnt && «ssh» host true\n',
      errors: [{ messageId: 'adminTool' }, { messageId: 'adminTool' }, { messageId: 'adminTool' }],
    },
  ],
});
