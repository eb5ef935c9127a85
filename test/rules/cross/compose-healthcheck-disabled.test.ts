import rule from '../../../server/src/engine/rules/cross/compose-healthcheck-disabled';
import { ruleTester } from '../../harness/ruleTester';

const checked = { 'api/Dockerfile': 'FROM node:22-alpine\nHEALTHCHECK --interval=30s CMD wget -qO- http://localhost:8080/health || exit 1\nUSER node\n' };

ruleTester(rule, {
  valid: [
    { name: 'override keeps a check', code: 'services:\n  api:\n    build: ./api\n    healthcheck:\n      test: ["CMD", "true"]\n', workspace: checked },
    { name: 'the image has no HEALTHCHECK', code: 'services:\n  api:\n    build: ./api\n    healthcheck:\n      disable: true\n', workspace: { 'api/Dockerfile': 'FROM node:22\n' } },
    {
      name: 'the image disables its own',
      code: 'services:\n  api:\n    build: ./api\n    healthcheck:\n      disable: true\n',
      workspace: { 'api/Dockerfile': 'FROM node:22\nHEALTHCHECK CMD true\nHEALTHCHECK NONE\n' },
    },
    { name: 'no workspace', code: 'services:\n  api:\n    build: ./api\n    healthcheck:\n      disable: true\n' },
  ],
  invalid: [
    {
      name: 'disable: true',
      code: 'services:\n  api:\n    build: ./api\n    «healthcheck»:\n      disable: true\n    read_only: true\n',
      workspace: checked,
      errors: [{ messageId: 'disabled', data: { service: 'api', dockerfile: 'api/Dockerfile' } }],
      output: 'services:\n  api:\n    build: ./api\n    read_only: true\n',
    },
    {
      name: 'test: ["NONE"]',
      code: 'services:\n  api:\n    build: ./api\n    «healthcheck»:\n      test: ["NONE"]\n',
      workspace: checked,
      errors: [{ messageId: 'disabled' }],
      output: 'services:\n  api:\n    build: ./api\n',
    },
  ],
});
