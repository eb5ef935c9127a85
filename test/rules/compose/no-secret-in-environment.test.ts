import rule from '../../../server/src/engine/rules/compose/no-secret-in-environment';
import { ruleTester } from '../../harness/ruleTester';

const env = (body: string) => `services:\n  db:\n    image: postgres:16\n    environment:\n${body}`;
/** Two services with a password each, `after` appended (top-level keys). */
const two = (first: string, second: string, after = '') =>
  `services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${first}\n  replica:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${second}\n${after}`;
const GIT = { '.git/HEAD': 'ref: refs/heads/main\n' };

ruleTester(rule, {
  valid: [
    env('      POSTGRES_PASSWORD_FILE: /run/secrets/db\n      POSTGRES_USER: app\n'),
    {
      name: 'interpolation, also inside a longer value',
      code: env('      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n      API_TOKEN: ${API_TOKEN:?required}\n      DATABASE_URL: postgres://app:${DB_PASSWORD}@db/app\n'),
    },
    { name: 'list form without a value', code: env('      - POSTGRES_PASSWORD\n      - MODE=prod\n') },
    { name: 'placeholders: empty or sentinel default, escaped $$ interpolation', code: env('      SECRET_KEY: ${SECRET_KEY:-}\n      API_TOKEN: $${API_TOKEN}\n      API_KEY: ${API_KEY:-invalid}\n') },
    { name: 'non-secret names', code: env('      KEYBOARD: us\n      TOKEN_TTL: "3600"\n      PUBLIC_KEY: abc\n      PASS_SCHEME: BLF-CRYPT\n') },
  ],
  invalid: [
    {
      code: env('      POSTGRES_PASSWORD: «s3cr3t-Pa55»\n'),
      errors: [{ messageId: 'secretValue', data: { service: 'db', name: 'POSTGRES_PASSWORD', file: './secrets/postgres_password.txt' } }],
      workspace: {},
      fileOutput: { 'secrets/postgres_password.txt': 's3cr3t-Pa55', '.gitignore': '/secrets/postgres_password.txt\n' },
      output: env('      POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password\n    secrets: ["postgres_password"]\nsecrets:\n  postgres_password:\n    file: ./secrets/postgres_password.txt\n'),
    },
    {
      name: 'weak password; existing secrets extended, comment kept',
      code: 'services:\n  db:\n    image: mysql:8.4\n    environment:\n      MYSQL_ROOT_PASSWORD: «changeme» # TODO\n    secrets: [other]\nsecrets:\n  other:\n    file: ./other.txt\n',
      errors: [{ messageId: 'weakPassword' }],
      workspace: {},
      fileOutput: { 'secrets/mysql_root_password.txt': 'changeme', '.gitignore': '/secrets/mysql_root_password.txt\n' },
      output:
        'services:\n  db:\n    image: mysql:8.4\n    environment:\n      MYSQL_ROOT_PASSWORD_FILE: /run/secrets/mysql_root_password # TODO\n    secrets: [other, mysql_root_password]\nsecrets:\n  other:\n    file: ./other.txt\n  mysql_root_password:\n    file: ./secrets/mysql_root_password.txt\n',
    },
    {
      name: 'list form',
      code: env('      - «DB_PASSWORD=hunter2hunter2»\n'),
      errors: [{ messageId: 'secretValue', data: { service: 'db', name: 'DB_PASSWORD' } }],
      workspace: {},
      fileOutput: { 'secrets/db_password.txt': 'hunter2hunter2', '.gitignore': '/secrets/db_password.txt\n' },
      output: env('      - DB_PASSWORD_FILE=/run/secrets/db_password\n    secrets: ["db_password"]\nsecrets:\n  db_password:\n    file: ./secrets/db_password.txt\n'),
    },
    {
      name: 'token format under any name: a Slack token',
      code: env('      HELPER: «xoxb-123456789012-abcdefghijkl»\n'),
      errors: [{ messageId: 'tokenValue', data: { service: 'db', name: 'HELPER', format: 'Slack token' } }],
      workspace: {},
      fileOutput: { 'secrets/helper.txt': 'xoxb-123456789012-abcdefghijkl', '.gitignore': '/secrets/helper.txt\n' },
      output: env('      HELPER_FILE: /run/secrets/helper\n    secrets: ["helper"]\nsecrets:\n  helper:\n    file: ./secrets/helper.txt\n'),
    },
    {
      name: 'credentials in a URL',
      code: env('      DATABASE_URL: «postgres://app:pa55word@db/app»\n'),
      errors: [{ messageId: 'tokenValue', data: { service: 'db', name: 'DATABASE_URL', format: 'credentials in URL' } }],
      workspace: {},
      fileOutput: { 'secrets/database_url.txt': 'postgres://app:pa55word@db/app', '.gitignore': '/secrets/database_url.txt\n' },
      output: env('      DATABASE_URL_FILE: /run/secrets/database_url\n    secrets: ["database_url"]\nsecrets:\n  database_url:\n    file: ./secrets/database_url.txt\n'),
    },
    {
      name: 'literal default',
      code: env('      JWT_SECRET: «${JWT_SECRET:-dev-secret-123}»\n'),
      errors: [{ messageId: 'secretDefault', data: { service: 'db', name: 'JWT_SECRET', variable: 'JWT_SECRET' } }],
      workspace: {},
      fileOutput: { 'secrets/jwt_secret.txt': 'dev-secret-123', '.gitignore': '/secrets/jwt_secret.txt\n' },
      output: env('      JWT_SECRET_FILE: /run/secrets/jwt_secret\n    secrets: ["jwt_secret"]\nsecrets:\n  jwt_secret:\n    file: ./secrets/jwt_secret.txt\n'),
    },
    {
      name: 'flow map, quoted',
      code: 'services:\n  api: {environment: {API_KEY: «"abcd1234efgh5678"»}}\n',
      errors: [{ messageId: 'secretValue' }],
      workspace: {},
      fileOutput: { 'secrets/api_key.txt': 'abcd1234efgh5678', '.gitignore': '/secrets/api_key.txt\n' },
      output: 'services:\n  api: {environment: {API_KEY_FILE: /run/secrets/api_key}, secrets: ["api_key"]}\nsecrets:\n  api_key:\n    file: ./secrets/api_key.txt\n',
    },
    {
      name: 'docker-compose.yml, CRLF, list form, escaped $',
      fileName: 'docker-compose.yml',
      code: 'services:\r\n  db:\r\n    environment:\r\n      - «"ADMIN_PASSWORD=pa$$w0rd-2024"»\r\n',
      errors: [{ messageId: 'secretValue', data: { service: 'db', name: 'ADMIN_PASSWORD' } }],
      workspace: {},
      fileOutput: { 'secrets/admin_password.txt': 'pa$w0rd-2024', '.gitignore': '/secrets/admin_password.txt\n' },
      output:
        'services:\r\n  db:\r\n    environment:\r\n      - ADMIN_PASSWORD_FILE=/run/secrets/admin_password\r\n    secrets: ["admin_password"]\r\nsecrets:\r\n  admin_password:\r\n    file: ./secrets/admin_password.txt\r\n',
    },
    {
      name: 'compose.override.yaml, profiled service, quoted key',
      fileName: 'compose.override.yaml',
      code: 'services:\n  seed:\n    profiles: [dev]\n    environment:\n      "ADMIN_PASSWORD": «admin»\n',
      errors: [{ messageId: 'weakPassword', data: { service: 'seed', name: 'ADMIN_PASSWORD' } }],
      workspace: {},
      fileOutput: { 'secrets/admin_password.txt': 'admin', '.gitignore': '/secrets/admin_password.txt\n' },
      output:
        'services:\n  seed:\n    profiles: [dev]\n    environment:\n      ADMIN_PASSWORD_FILE: /run/secrets/admin_password\n    secrets: ["admin_password"]\nsecrets:\n  admin_password:\n    file: ./secrets/admin_password.txt\n',
    },
    {
      name: 'two services sharing one literal: one secret, one file, both granted, no duplicate key',
      code: two('«hunter2hunter2»', '«hunter2hunter2»'),
      errors: [
        { messageId: 'secretValue', data: { service: 'db', secret: 'postgres_password' } },
        { messageId: 'secretValue', data: { service: 'replica', secret: 'postgres_password' } },
      ],
      workspace: { ...GIT },
      output:
        'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password\n    secrets: ["postgres_password"]\n  replica:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password\n    secrets: ["postgres_password"]\nsecrets:\n  postgres_password:\n    file: ./secrets/postgres_password.txt\n',
      fileOutput: { 'secrets/postgres_password.txt': 'hunter2hunter2', '.gitignore': '/secrets/postgres_password.txt\n' },
    },
    {
      name: 'two services, two values under one name: a second secret, never an overwritten file',
      code: two('«hunter2hunter2»', '«s3cr3t-Pa55»'),
      errors: [
        { messageId: 'secretValue', data: { secret: 'postgres_password' } },
        { messageId: 'secretValue', data: { secret: 'postgres_password_2', file: './secrets/postgres_password_2.txt' } },
      ],
      workspace: { ...GIT },
      output:
        'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password\n    secrets: ["postgres_password"]\n  replica:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password_2\n    secrets: ["postgres_password_2"]\nsecrets:\n  postgres_password:\n    file: ./secrets/postgres_password.txt\n  postgres_password_2:\n    file: ./secrets/postgres_password_2.txt\n',
      fileOutput: {
        'secrets/postgres_password.txt': 'hunter2hunter2',
        'secrets/postgres_password_2.txt': 's3cr3t-Pa55',
        '.gitignore': '/secrets/postgres_password.txt\n/secrets/postgres_password_2.txt\n',
      },
    },
    {
      name: 'a literal already moved for another service: the secret and its file are reused, nothing else written',
      code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password\n    secrets: [postgres_password]\n  replica:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: «hunter2hunter2»\nsecrets:\n  postgres_password:\n    file: ./secrets/postgres_password.txt\n',
      errors: [{ messageId: 'secretValue', data: { service: 'replica', secret: 'postgres_password' } }],
      workspace: { ...GIT, '.gitignore': '/secrets/postgres_password.txt\n', 'secrets/postgres_password.txt': 'hunter2hunter2' },
      output:
        'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password\n    secrets: [postgres_password]\n  replica:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password\n    secrets: ["postgres_password"]\nsecrets:\n  postgres_password:\n    file: ./secrets/postgres_password.txt\n',
    },
    {
      name: 'a file of that name holding another value: left alone, the next name is taken',
      code: env('      POSTGRES_PASSWORD: «hunter2hunter2»\n'),
      errors: [{ messageId: 'secretValue', data: { secret: 'postgres_password_2' } }],
      workspace: { 'secrets/postgres_password.txt': 'other' },
      output: env(
        '      POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password_2\n    secrets: ["postgres_password_2"]\nsecrets:\n  postgres_password_2:\n    file: ./secrets/postgres_password_2.txt\n',
      ),
      fileOutput: { 'secrets/postgres_password.txt': 'other', 'secrets/postgres_password_2.txt': 'hunter2hunter2', '.gitignore': '/secrets/postgres_password_2.txt\n' },
    },
    {
      name: 'in a subdirectory of a repository: the entry goes to the nearest .gitignore, after its content',
      fileName: 'app/compose.yaml',
      code: env('      POSTGRES_PASSWORD: «hunter2hunter2»\n'),
      errors: [{ messageId: 'secretValue' }],
      workspace: { ...GIT, '.gitignore': 'node_modules' },
      output: env('      POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password\n    secrets: ["postgres_password"]\nsecrets:\n  postgres_password:\n    file: ./secrets/postgres_password.txt\n'),
      fileOutput: { 'app/secrets/postgres_password.txt': 'hunter2hunter2', '.gitignore': 'node_modules\n/app/secrets/postgres_password.txt\n' },
    },
    {
      name: 'secrets/ already ignored: no .gitignore edit; empty secrets keys filled, not repeated',
      code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: «hunter2hunter2»\n    secrets:\nsecrets:\n',
      errors: [{ messageId: 'secretValue' }],
      workspace: { ...GIT, '.gitignore': 'secrets/\n' },
      output:
        'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password\n    secrets: ["postgres_password"]\nsecrets:\n  postgres_password:\n    file: ./secrets/postgres_password.txt\n',
      fileOutput: { 'secrets/postgres_password.txt': 'hunter2hunter2', '.gitignore': 'secrets/\n' },
    },
    {
      name: 'NAME_FILE already set: display-only (a second one cannot be written)',
      code: env('      POSTGRES_PASSWORD: «hunter2hunter2»\n      POSTGRES_PASSWORD_FILE: /run/secrets/db\n'),
      errors: [{ messageId: 'secretValue' }],
      workspace: {},
      output: null,
    },
    {
      name: 'secrets inherited through a merge key: display-only (an own list would hide them)',
      code: 'x-base: &base\n  secrets: [ca]\nservices:\n  db:\n    <<: *base\n    environment:\n      POSTGRES_PASSWORD: «hunter2hunter2»\nsecrets:\n  ca:\n    file: ./ca.pem\n',
      errors: [{ messageId: 'secretValue' }],
      workspace: {},
      output: null,
    },
    {
      name: 'no workspace: nowhere to keep the value, display-only',
      code: env('      POSTGRES_PASSWORD: «hunter2hunter2»\n'),
      errors: [{ messageId: 'secretValue' }],
      output: null,
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
