import rule from '../../../server/src/engine/rules/cross/secret-in-build-context';
import { ruleTester } from '../../harness/ruleTester';

const files = {
  '.env': 'API_KEY=x\n',
  '.env.example': 'API_KEY=\n',
  'src/index.js': '1\n',
  'deploy/id_rsa': 'k\n',
  'deploy/id_rsa.pub': 'p\n',
  '.git/config': '[core]\n',
  '.git/HEAD': 'ref\n',
};
const header = '# Credentials kept out of the build context\n';

ruleTester(rule, {
  valid: [
    { name: 'no workspace: silent', code: 'FROM node:22-alpine\nCOPY . .\n' },
    { name: 'only source files copied', code: 'FROM node:22-alpine\nCOPY src/ ./src/\n', workspace: files },
    { name: 'everything excluded', code: 'FROM node:22-alpine\nCOPY . .\n', workspace: { ...files, '.dockerignore': '.env\n**/id_rsa\n.git\n' } },
    { name: 'templates and public keys are not credentials', code: 'FROM node:22-alpine\nCOPY . .\n', workspace: { '.env.example': 'X=\n', 'id_rsa.pub': 'p\n', 'src/a.js': '1\n' } },
    { name: 'COPY --from a stage', code: 'FROM node:22-alpine AS b\nFROM node:22-alpine\nCOPY --from=b . .\n', workspace: files },
  ],
  invalid: [
    {
      name: 'COPY . . creates .dockerignore',
      code: 'FROM node:22-alpine\n«COPY . .»\n',
      workspace: files,
      errors: [{ messageId: 'copied', data: { keyword: 'COPY', files: '.env, .git, deploy/id_rsa', count: '3' } }],
      fileOutput: { '.dockerignore': `${header}/.env\n/.git\n/deploy/id_rsa\n` },
    },
    {
      name: 'a directory copy appends to an existing .dockerignore without trailing newline',
      code: 'FROM node:22-alpine\nCOPY src/ ./src/\n«ADD deploy /deploy»\n',
      workspace: { ...files, '.dockerignore': 'node_modules\n.env\n.git' },
      errors: [{ messageId: 'copied', data: { keyword: 'ADD', files: 'deploy/id_rsa' } }],
      fileOutput: { '.dockerignore': `node_modules\n.env\n.git\n${header}/deploy/id_rsa\n` },
    },
    {
      name: 'cloud credentials, Terraform state and package tokens',
      code: 'FROM python:3.12-slim\n«COPY . /srv»\n',
      workspace: { '.aws/credentials': 'x\n', 'infra/prod.tfstate': '{}\n', '.npmrc': 't\n', '.pypirc': 't\n', 'certs/server.key': 'k\n', 'app.py': '1\n' },
      errors: [{ messageId: 'copied', data: { files: '.aws, .npmrc, .pypirc, certs/server.key and 1 more', count: '5' } }],
      fileOutput: { '.dockerignore': `${header}/.aws\n/.npmrc\n/.pypirc\n/certs/server.key\n/infra/prod.tfstate\n` },
    },
  ],
});
