import rule from '../../../server/src/engine/rules/compose/require-healthcheck';
import { ruleTester } from '../../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'services:\n  web:\n    image: x\n    healthcheck:\n      test: ["CMD", "/app/health"]\n',
    { name: 'disable: false, flow style', code: 'services:\n  web: {image: x, healthcheck: {test: "curl -f localhost", disable: false}}\n' },
    { name: 'anchor in an x- field', code: 'x-health: &health\n  healthcheck:\n    test: [CMD-SHELL, "pg_isready"]\nservices:\n  a:\n    <<: *health\n  b:\n    <<: *health\n' },
    { name: 'extends a base with a healthcheck', code: 'services:\n  base:\n    healthcheck: {test: [CMD, /health]}\n  app:\n    extends:\n      service: base\n' },
    { name: 'extends another file: unknown', code: 'services:\n  app:\n    extends: {file: base.yaml, service: web}\n' },
    { name: 'include and profiles', code: 'include:\n  - path: db.yaml\nservices:\n  web:\n    profiles: [web]\n    healthcheck: {test: [CMD, /h]}\n' },
  ],
  invalid: [
    { code: 'services:\n  «web»:\n    image: nginx:1.27\n', errors: [{ messageId: 'missing', data: { service: 'web' } }] },
    {
      name: 'a service built here may get its HEALTHCHECK from the Dockerfile',
      code: 'services:\n  «api»:\n    build: ./api\n  «worker»:\n    build:\n      context: ./worker\n      dockerfile: Dockerfile.worker\n',
      errors: [
        { messageId: 'notInCompose', data: { service: 'api', context: './api' } },
        { messageId: 'notInCompose', data: { service: 'worker', context: './worker' } },
      ],
    },
    {
      name: 'disable: true and test NONE, CRLF',
      code: 'services:\r\n  a:\r\n    healthcheck:\r\n      disable: «true»\r\n  b:\r\n    healthcheck:\r\n      test: «["NONE"]»\r\n',
      errors: [
        { messageId: 'disabled', data: { service: 'a' } },
        { messageId: 'disabled', data: { service: 'b' } },
      ],
    },
    {
      name: 'disabled in an anchor: once where written',
      code: 'x-nohealth: &nohealth\n  healthcheck: {test: «NONE»}\nservices:\n  a:\n    <<: *nohealth\n  b:\n    <<: *nohealth\n',
      errors: [{ messageId: 'disabled', data: { service: 'a", "b' } }],
    },
    {
      name: 'extends a base without one: both reported',
      code: 'services:\n  «base»:\n    image: x\n  «app»:\n    extends: base\n',
      errors: [
        { messageId: 'missing', data: { service: 'base' } },
        { messageId: 'missing', data: { service: 'app' } },
      ],
    },
  ],
});
