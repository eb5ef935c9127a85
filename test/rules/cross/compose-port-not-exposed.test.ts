import rule from '../../../server/src/engine/rules/cross/compose-port-not-exposed';
import { ruleTester } from '../../harness/ruleTester';

const api = { 'api/Dockerfile': 'FROM node:22-alpine AS base\nEXPOSE 8080 9090/tcp\nFROM base\nUSER node\n' };

ruleTester(rule, {
  valid: [
    { name: 'exposed ports, inherited from the parent stage', code: 'services:\n  api:\n    build: ./api\n    ports:\n      - "127.0.0.1:8080:8080"\n      - "9090"\n', workspace: api },
    { name: 'no EXPOSE at all says nothing', code: 'services:\n  api:\n    build: ./api\n    ports:\n      - "127.0.0.1:3000:3000"\n', workspace: { 'api/Dockerfile': 'FROM node:22\n' } },
    { name: 'no workspace', code: 'services:\n  api:\n    build: ./api\n    ports:\n      - "3000:3000"\n' },
    { name: 'interpolated port', code: 'services:\n  api:\n    build: ./api\n    ports:\n      - "${PORT}:${PORT}"\n', workspace: api },
  ],
  invalid: [
    {
      name: 'debugger port',
      code: 'services:\n  api:\n    build: ./api\n    ports:\n      - "127.0.0.1:8080:8080"\n      - «"127.0.0.1:9229:9229"»\n',
      workspace: api,
      errors: [{ messageId: 'notExposed', data: { service: 'api', port: '9229', dockerfile: 'api/Dockerfile', exposed: '8080, 9090' } }],
    },
    {
      name: 'long syntax',
      code: 'services:\n  api:\n    build:\n      context: ./api\n    ports:\n      - «target: 5005\n        host_ip: 127.0.0.1\n»',
      workspace: api,
      errors: [{ messageId: 'notExposed', data: { port: '5005' } }],
    },
  ],
});
