import rule from '../../../server/src/engine/rules/cross/copy-ignored-file';
import { ruleTester } from '../../harness/ruleTester';

const ignore = { '.dockerignore': '# keep secrets out\n.env\nconfig/\n*.log\n!keep.log\n' };

ruleTester(rule, {
  valid: [
    { name: 'no workspace: silent', code: 'FROM alpine:3.20\nCOPY config/app.yaml /etc/app/\n' },
    { name: 'no .dockerignore', code: 'FROM alpine:3.20\nCOPY config/app.yaml /etc/app/\n', workspace: {} },
    { name: 'kept paths', code: 'FROM alpine:3.20\nCOPY src/ /app/\nCOPY . /app\n', workspace: ignore },
    { name: 'an exception re-includes the file', code: 'FROM alpine:3.20\nCOPY keep.log /var/log/\n', workspace: ignore },
    { name: 'wildcards may match kept files', code: 'FROM alpine:3.20\nCOPY *.log /var/log/\n', workspace: ignore },
    { name: 'COPY --from reads a stage, not the context', code: 'FROM alpine:3.20 AS b\nFROM alpine:3.20\nCOPY --from=b config/app.yaml /etc/\n', workspace: ignore },
    { name: 'ADD of a URL', code: 'FROM alpine:3.20\nADD https://example.com/.env /x\n', workspace: ignore },
  ],
  invalid: [
    {
      name: 'a file inside an ignored directory',
      code: 'FROM alpine:3.20\nCOPY «config/app.yaml» /etc/app/\n',
      workspace: ignore,
      errors: [{ messageId: 'ignored', data: { source: 'config/app.yaml', ignoreFile: '.dockerignore', keyword: 'COPY' } }],
    },
    {
      name: 'several sources, JSON form and ./ prefix',
      code: 'FROM alpine:3.20\nCOPY [«"./.env"», "src/", "/app/"]\nADD «debug.log» /tmp/\n',
      workspace: ignore,
      errors: [
        { messageId: 'ignored', data: { source: './.env' } },
        { messageId: 'ignored', data: { source: 'debug.log', keyword: 'ADD' } },
      ],
    },
    {
      name: 'Dockerfile-specific ignore file wins',
      code: 'FROM alpine:3.20\nCOPY «src/» /app/\n',
      fileName: 'app.Dockerfile',
      workspace: { ...ignore, 'app.Dockerfile.dockerignore': 'src\n' },
      errors: [{ messageId: 'ignored', data: { ignoreFile: 'app.Dockerfile.dockerignore' } }],
    },
  ],
});
