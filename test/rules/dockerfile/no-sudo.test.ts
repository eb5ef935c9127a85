import rule from '../../../server/src/engine/rules/dockerfile/no-sudo';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get update\n',
    { name: 'installing the package is another matter', code: 'FROM debian:12\nRUN apt-get install -y sudo\n' },
    { name: 'sudoers file edits', code: 'FROM debian:12\nRUN echo "app ALL=(ALL) NOPASSWD: ALL" > /etc/sudoers.d/app\n' },
    { name: 'quoted text', code: 'FROM debian:12\nRUN echo "sudo make me a sandwich"\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN «sudo» apt-get update && «sudo» apt-get install -y curl\n',
      errors: [{ messageId: 'sudo' }, { messageId: 'sudo' }],
      output: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
    },
    {
      name: 'sudo options go with it',
      code: 'FROM debian:12\nRUN «sudo» -E -u root make install\n',
      errors: [{ messageId: 'sudo' }],
      output: 'FROM debian:12\nRUN make install\n',
    },
    {
      name: 'after a non-root USER, removing sudo would change behaviour: no edit',
      code: 'FROM debian:12\nUSER 10001\nRUN «sudo» apt-get update\n',
      errors: [{ messageId: 'sudo' }],
      output: null,
    },
    {
      name: 'sudo -u another user: no edit',
      code: 'FROM debian:12\nRUN «sudo» -u app whoami\n',
      errors: [{ messageId: 'sudo' }],
      output: null,
    },
    {
      name: 'inside a substitution and across a continuation',
      code: 'FROM debian:12\nRUN echo $(«sudo» id -u) \\\n && «sudo» true\n',
      errors: [{ messageId: 'sudo' }, { messageId: 'sudo' }],
      output: 'FROM debian:12\nRUN echo $(id -u) \\\n && true\n',
    },
  ],
});
