import rule from '../../../server/src/engine/rules/compose/no-secret-in-environment';
import { ruleTester } from '../../harness/ruleTester';

const env = (body: string) => `services:\n  db:\n    image: postgres:16\n    environment:\n${body}`;

ruleTester(rule, {
  valid: [
    env('      POSTGRES_PASSWORD_FILE: /run/secrets/db\n      POSTGRES_USER: app\n'),
    { name: 'interpolation', code: env('      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n      API_TOKEN: ${API_TOKEN:?required}\n') },
    { name: 'interpolation inside a longer value', code: env('      DATABASE_URL: postgres://app:${DB_PASSWORD}@db/app\n') },
    { name: 'list form without a value', code: env('      - POSTGRES_PASSWORD\n      - MODE=prod\n') },
    { name: 'placeholder default', code: env('      SECRET_KEY: ${SECRET_KEY:-}\n') },
    { name: 'non-secret names', code: env('      KEYBOARD: us\n      TOKEN_TTL: "3600"\n      PUBLIC_KEY: abc\n') },
  ],
  invalid: [
    { code: env('      POSTGRES_PASSWORD: «s3cr3t-Pa55»\n'), errors: [{ messageId: 'secretValue', data: { service: 'db', name: 'POSTGRES_PASSWORD' } }] },
    { name: 'weak password', code: env('      MYSQL_ROOT_PASSWORD: «changeme»\n'), errors: [{ messageId: 'weakPassword' }] },
    { name: 'list form', code: env('      - «DB_PASSWORD=hunter2hunter2»\n'), errors: [{ messageId: 'secretValue', data: { service: 'db', name: 'DB_PASSWORD' } }] },
    { name: 'token format under an innocent name', code: env('      HELPER: «xoxb-123456789012-abcdefghijkl»\n'), errors: [{ messageId: 'tokenValue', data: { service: 'db', name: 'HELPER', format: 'Slack token' } }] },
    { name: 'literal default', code: env('      JWT_SECRET: «${JWT_SECRET:-dev-secret-123}»\n'), errors: [{ messageId: 'secretDefault', data: { service: 'db', name: 'JWT_SECRET', variable: 'JWT_SECRET' } }] },
    { name: 'credentials in a URL', code: env('      DATABASE_URL: «postgres://app:pa55word@db/app»\n'), errors: [{ messageId: 'tokenValue' }] },
    { name: 'flow map, quoted', code: 'services:\n  api: {environment: {API_KEY: «"abcd1234efgh5678"»}}\n', errors: [{ messageId: 'secretValue' }] },
  ],
});
