import rule from '../../../server/src/engine/rules/dockerfile/no-setuid-bits';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM debian:12\nRUN chmod 0755 /app && chmod +x /app/run && chmod -R g-s /srv\n',
    { name: 'stripping the bits', code: 'FROM debian:12\nRUN find / -xdev -perm /6000 -type f -exec chmod a-s {} + || true\n' },
    { name: 'the sticky bit is not setuid', code: 'FROM debian:12\nRUN chmod 1777 /tmp\n' },
  ],
  invalid: [
    { code: 'FROM debian:12\nRUN chmod «u+s» /usr/local/bin/tool\n', errors: [{ messageId: 'setid', data: { mode: 'u+s' } }] },
    { name: 'numeric, recursive', code: 'FROM debian:12\nRUN chmod -R «4755» /opt/bin\n', errors: [{ messageId: 'setid', data: { mode: '4755' } }] },
    { name: 'setgid', code: 'FROM debian:12\nRUN chmod «g+rs» /srv/shared && chmod «2750» /x\n', errors: [{ messageId: 'setid' }, { messageId: 'setid' }] },
  ],
});
