import rule from '../../../server/src/engine/rules/dockerfile/no-secret-literal';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM alpine:3.20\nRUN git clone https://github.com/acme/app.git\n',
    { name: 'interpolated credentials', code: 'FROM alpine:3.20\nRUN git clone "https://x:${GH_TOKEN}@github.com/acme/app.git"\n' },
    { name: 'ENV values belong to DF003', code: 'FROM alpine:3.20\nENV T=ghp_0123456789abcdefghijABCDEFGHIJ012345\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nRUN curl -H "Authorization: token «ghp_0123456789abcdefghijABCDEFGHIJ012345»" https://api.github.com\n',
      errors: [{ messageId: 'literal', data: { format: 'GitHub token', redacted: 'ghp… (40 chars, redacted)' } }],
    },
    {
      name: 'a private key in a heredoc file',
      code: 'FROM alpine:3.20\nCOPY <<EOF /root/.ssh/id_rsa\n«-----BEGIN OPENSSH PRIVATE KEY-----»\nb3BlbnNzaC1rZXktdjEAAAAA\nEOF\n',
      errors: [{ messageId: 'literal', data: { format: 'private key', redacted: '---… (35 chars, redacted)' } }],
    },
    {
      name: 'credentials in a URL, in a LABEL',
      code: 'FROM alpine:3.20\nLABEL source=«https://deploy:s3cretPW@git.example.com/app»\n',
      errors: [{ messageId: 'literal', data: { format: 'credentials in URL', redacted: 'htt… (43 chars, redacted)' } }],
    },
  ],
});
