import rule from '../../../server/src/engine/rules/cross/invalid-dockerignore-pattern';
import { ruleTester } from '../../harness/ruleTester';

const broken = { '.dockerignore': '# keep secrets out\n.env\n[z-a].log\nlogs/(\n[abc\n!\n' };

ruleTester(rule, {
  valid: [
    { name: 'no workspace: silent', code: 'FROM alpine:3.20\nCOPY . /app/\n' },
    { name: 'no .dockerignore', code: 'FROM alpine:3.20\nCOPY . /app/\n', workspace: {} },
    {
      name: 'every line is a pattern (characters a RegExp would read are plain)',
      code: 'FROM alpine:3.20\nCOPY . /app/\n',
      workspace: { '.dockerignore': '.env\nlogs/(\na+b|c\n**/*.log\n!keep.log\n' },
    },
    { name: 'a build that never reads the context', code: 'FROM alpine:3.20\nCOPY --from=ghcr.io/example/app:1.0 /app /app/\n', workspace: broken },
  ],
  invalid: [
    {
      name: 'at the first source the build reads from the context',
      code: 'FROM alpine:3.20\nRUN echo hi\nCOPY «app.py» /app/\nCOPY . /app/\n',
      workspace: broken,
      errors: [
        {
          messageId: 'invalid',
          data: { ignoreFile: '.dockerignore', lines: 'line 3 `[z-a].log` (a range that runs backwards), line 5 `[abc` (not a pattern Go can read), line 6 `!` (a `!` with no pattern)' },
        },
      ],
    },
    {
      name: 'many lines, a long one shortened; the Dockerfile-specific ignore file wins',
      code: 'FROM alpine:3.20\nCOPY «src/» /app/\n',
      fileName: 'app.Dockerfile',
      workspace: { ...broken, 'app.Dockerfile.dockerignore': `[\n]\\\n${'x'.repeat(70_000)}\n!\n` },
      errors: [
        {
          messageId: 'invalid',
          data: {
            ignoreFile: 'app.Dockerfile.dockerignore',
            lines: `line 1 \`[\` (not a pattern Go can read), line 2 \`]\\\` (not a pattern Go can read), line 3 \`${'x'.repeat(40)}…\` (longer than the 64 KiB BuildKit reads in a line) and 1 more`,
          },
        },
      ],
    },
  ],
});
