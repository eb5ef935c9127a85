import rule from '../../../server/src/engine/rules/compose/no-secret-in-environment';
import { ruleTester } from '../../harness/ruleTester';

const env = (body: string) => `services:\n  db:\n    image: postgres:16\n    environment:\n${body}`;

ruleTester(rule, {
  valid: [
    env('      POSTGRES_PASSWORD_FILE: /run/secrets/db\n      POSTGRES_USER: app\n'),
    { name: 'interpolation, also inside a longer value', code: env('      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n      API_TOKEN: ${API_TOKEN:?required}\n      DATABASE_URL: postgres://app:${DB_PASSWORD}@db/app\n') },
    { name: 'list form without a value', code: env('      - POSTGRES_PASSWORD\n      - MODE=prod\n') },
    { name: 'placeholders: empty or sentinel default, escaped $$ interpolation', code: env('      SECRET_KEY: ${SECRET_KEY:-}\n      API_TOKEN: $${API_TOKEN}\n      API_KEY: ${API_KEY:-invalid}\n') },
    { name: 'non-secret names', code: env('      KEYBOARD: us\n      TOKEN_TTL: "3600"\n      PUBLIC_KEY: abc\n      PASS_SCHEME: BLF-CRYPT\n') },
  ],
  invalid: [
    {
      code: env('      POSTGRES_PASSWORD: «s3cr3t-Pa55»\n'),
      errors: [{ messageId: 'secretValue', data: { service: 'db', name: 'POSTGRES_PASSWORD', file: './secrets/postgres_password.txt' } }],
      output: env('      POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password\n    secrets: ["postgres_password"]\nsecrets:\n  postgres_password:\n    file: ./secrets/postgres_password.txt\n'),
    },
    {
      name: 'weak password; existing secrets extended, comment kept',
      code: 'services:\n  db:\n    image: mysql:8.4\n    environment:\n      MYSQL_ROOT_PASSWORD: «changeme» # TODO\n    secrets: [other]\nsecrets:\n  other:\n    file: ./other.txt\n',
      errors: [{ messageId: 'weakPassword' }],
      output: 'services:\n  db:\n    image: mysql:8.4\n    environment:\n      MYSQL_ROOT_PASSWORD_FILE: /run/secrets/mysql_root_password # TODO\n    secrets: [other, mysql_root_password]\nsecrets:\n  other:\n    file: ./other.txt\n  mysql_root_password:\n    file: ./secrets/mysql_root_password.txt\n',
    },
    {
      name: 'list form',
      code: env('      - «DB_PASSWORD=hunter2hunter2»\n'),
      errors: [{ messageId: 'secretValue', data: { service: 'db', name: 'DB_PASSWORD' } }],
      output: env('      - DB_PASSWORD_FILE=/run/secrets/db_password\n    secrets: ["db_password"]\nsecrets:\n  db_password:\n    file: ./secrets/db_password.txt\n'),
    },
    {
      name: 'token format under any name: a Slack token',
      code: env('      HELPER: «xoxb-123456789012-abcdefghijkl»\n'),
      errors: [{ messageId: 'tokenValue', data: { service: 'db', name: 'HELPER', format: 'Slack token' } }],
      output: env('      HELPER_FILE: /run/secrets/helper\n    secrets: ["helper"]\nsecrets:\n  helper:\n    file: ./secrets/helper.txt\n'),
    },
    {
      name: 'credentials in a URL',
      code: env('      DATABASE_URL: «postgres://app:pa55word@db/app»\n'),
      errors: [{ messageId: 'tokenValue', data: { service: 'db', name: 'DATABASE_URL', format: 'credentials in URL' } }],
      output: env('      DATABASE_URL_FILE: /run/secrets/database_url\n    secrets: ["database_url"]\nsecrets:\n  database_url:\n    file: ./secrets/database_url.txt\n'),
    },
    {
      name: 'literal default',
      code: env('      JWT_SECRET: «${JWT_SECRET:-dev-secret-123}»\n'),
      errors: [{ messageId: 'secretDefault', data: { service: 'db', name: 'JWT_SECRET', variable: 'JWT_SECRET' } }],
      output: env('      JWT_SECRET_FILE: /run/secrets/jwt_secret\n    secrets: ["jwt_secret"]\nsecrets:\n  jwt_secret:\n    file: ./secrets/jwt_secret.txt\n'),
    },
    {
      name: 'flow map, quoted',
      code: 'services:\n  api: {environment: {API_KEY: «"abcd1234efgh5678"»}}\n',
      errors: [{ messageId: 'secretValue' }],
      output: 'services:\n  api: {environment: {API_KEY_FILE: /run/secrets/api_key}, secrets: ["api_key"]}\nsecrets:\n  api_key:\n    file: ./secrets/api_key.txt\n',
    },
    {
      name: 'docker-compose.yml, CRLF, list form, escaped $',
      fileName: 'docker-compose.yml',
      code: 'services:\r\n  db:\r\n    environment:\r\n      - «"ADMIN_PASSWORD=pa$$w0rd-2024"»\r\n',
      errors: [{ messageId: 'secretValue', data: { service: 'db', name: 'ADMIN_PASSWORD' } }],
      output: 'services:\r\n  db:\r\n    environment:\r\n      - ADMIN_PASSWORD_FILE=/run/secrets/admin_password\r\n    secrets: ["admin_password"]\r\nsecrets:\r\n  admin_password:\r\n    file: ./secrets/admin_password.txt\r\n',
    },
    {
      name: 'compose.override.yaml, profiled service, quoted key',
      fileName: 'compose.override.yaml',
      code: 'services:\n  seed:\n    profiles: [dev]\n    environment:\n      "ADMIN_PASSWORD": «admin»\n',
      errors: [{ messageId: 'weakPassword', data: { service: 'seed', name: 'ADMIN_PASSWORD' } }],
      output: 'services:\n  seed:\n    profiles: [dev]\n    environment:\n      ADMIN_PASSWORD_FILE: /run/secrets/admin_password\n    secrets: ["admin_password"]\nsecrets:\n  admin_password:\n    file: ./secrets/admin_password.txt\n',
    },
      {
      name: 'merged into environments (<<:) and aliased: once where written, naming the services',
      code: 'x-env: &env\n  DB_PASSWORD: «hunter2hunter2»\nx-more: &more\n  API_TOKEN: «abcd1234efgh5678»\nservices:\n  api:\n    environment:\n      <<: *env\n      MODE: prod\n  worker:\n    environment:\n      <<: *env\n      DB_PASSWORD: ${DB_PASSWORD}\n  cron:\n    environment: *more\n  jobs:\n    environment: *more\n',
      errors: [
        { messageId: 'secretValue', data: { service: 'api', name: 'DB_PASSWORD' } },
        { messageId: 'secretValue', data: { service: 'cron", "jobs', name: 'API_TOKEN' } },
      ],
    },
  ],
});
