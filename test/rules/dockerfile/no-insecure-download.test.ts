import rule from '../../../server/src/engine/rules/dockerfile/no-insecure-download';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM debian:12\nRUN curl -fsSL https://x.io/a -o /a && wget -q https://x.io/b\n',
    { name: 'the option named inside a quoted string', code: 'FROM debian:12\nRUN echo "never use curl -k"\n' },
    { name: "another command's -k", code: 'FROM debian:12\nRUN ssh-keygen -k -f x || true\n' },
    { name: 'curl --cacert is fine', code: 'FROM debian:12\nRUN curl --cacert /ca.pem https://x.io\n' },
  ],
  invalid: [
    { code: 'FROM debian:12\nRUN curl «-k» https://x.io/a\n', errors: [{ messageId: 'tlsOff', data: { command: 'curl', option: '-k' } }], output: 'FROM debian:12\nRUN curl https://x.io/a\n' },
    {
      name: 'inside a short-option cluster',
      code: 'FROM debian:12\nRUN curl «-fsSLk» -o /a https://x.io/a\n',
      errors: [{ messageId: 'tlsOff', data: { command: 'curl', option: '-k' } }],
      output: 'FROM debian:12\nRUN curl -fsSL -o /a https://x.io/a\n',
    },
    {
      name: 'long options, sudo wrapper, continuation',
      code: 'FROM debian:12\nRUN sudo curl «--insecure» https://x.io/a \\\n && wget «--no-check-certificate» -O /b https://x.io/b\n',
      errors: [
        { messageId: 'tlsOff', data: { command: 'curl', option: '--insecure' } },
        { messageId: 'tlsOff', data: { command: 'wget', option: '--no-check-certificate' } },
      ],
      output: 'FROM debian:12\nRUN sudo curl https://x.io/a \\\n && wget -O /b https://x.io/b\n',
    },
    { name: 'piped download', code: 'FROM debian:12\nRUN curl «-sk» https://x.io/i | tar -xz\n', errors: [{ messageId: 'tlsOff' }], output: 'FROM debian:12\nRUN curl -s https://x.io/i | tar -xz\n' },
  ],
});
