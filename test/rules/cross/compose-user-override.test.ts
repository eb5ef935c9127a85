import rule from '../../../server/src/engine/rules/cross/compose-user-override';
import { ruleTester } from '../../harness/ruleTester';

const nonRoot = { 'api/Dockerfile': 'FROM node:22-alpine AS build\nRUN npm ci\nFROM node:22-alpine\nCOPY --from=build /app /app\nUSER node\nCMD ["node", "/app/server.js"]\n' };
const rootImage = { 'api/Dockerfile': 'FROM node:22-alpine\nUSER node\nRUN id\nUSER root\n' };

ruleTester(rule, {
  valid: [
    { name: 'no workspace: silent (DC011 covers the Compose side)', code: 'services:\n  api:\n    build: ./api\n    user: root\n' },
    { name: 'image user kept', code: 'services:\n  api:\n    build: ./api\n', workspace: nonRoot },
    { name: 'non-root override', code: 'services:\n  api:\n    build: ./api\n    user: "10001"\n', workspace: nonRoot },
    { name: 'the Dockerfile ends as root anyway', code: 'services:\n  api:\n    build: ./api\n    user: root\n', workspace: rootImage },
    { name: 'image only, nothing built', code: 'services:\n  api:\n    image: node:22\n    user: root\n', workspace: nonRoot },
    { name: 'missing Dockerfile', code: 'services:\n  api:\n    build: ./web\n    user: root\n', workspace: nonRoot },
    { name: 'remote context', code: 'services:\n  api:\n    build: https://github.com/x/y.git\n    user: root\n', workspace: nonRoot },
  ],
  invalid: [
    {
      name: 'short build syntax',
      code: 'services:\n  api:\n    build: ./api\n    user: «root»\n    ports:\n      - "127.0.0.1:8080:8080"\n',
      workspace: nonRoot,
      errors: [{ messageId: 'override', data: { user: 'root', imageUser: 'node', dockerfile: 'api/Dockerfile', service: 'api' } }],
      output: 'services:\n  api:\n    build: ./api\n    ports:\n      - "127.0.0.1:8080:8080"\n',
    },
    {
      name: 'long build syntax with a custom Dockerfile, numeric root',
      code: 'services:\n  api:\n    build:\n      context: api\n      dockerfile: prod.Dockerfile\n    user: «"0:0"»\n',
      workspace: { 'api/prod.Dockerfile': 'FROM alpine:3.20\nRUN adduser -D -u 10001 app\nUSER 10001\n' },
      errors: [{ messageId: 'override', data: { user: '0:0', imageUser: '10001', dockerfile: 'api/prod.Dockerfile' } }],
      output: 'services:\n  api:\n    build:\n      context: api\n      dockerfile: prod.Dockerfile\n',
    },
    {
      name: 'flow style',
      code: 'services:\n  api: {build: ./api, user: «root»}\n',
      workspace: nonRoot,
      errors: [{ messageId: 'override' }],
      output: 'services:\n  api: {build: ./api}\n',
    },
  ],
});
