import rule from '../../../server/src/engine/rules/kubernetes/no-secret-env-literal';
import { ruleTester } from '../../harness/ruleTester';

// Token-shaped values are assembled at run time so the repository holds no secret-looking literal.
const githubLike = ['ghp', 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8'].join('_');

const pod = (env: string, name = 'api') => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n    - name: app\n      image: example/api:1.0\n      env:\n${env}`;
const ref = (indent: string, secret: string, key: string) => `${indent}valueFrom:\n${indent}  secretKeyRef:\n${indent}    name: ${secret}\n${indent}    key: ${key}\n`;

ruleTester(rule, {
  valid: [
    pod('        - name: LOG_LEVEL\n          value: debug\n        - name: DB_HOST\n          value: db.example.com\n'),
    { name: 'references and placeholders', code: pod('        - name: DB_PASSWORD\n          valueFrom:\n            secretKeyRef: {name: db, key: password}\n        - name: API_TOKEN\n          value: $(API_TOKEN_FROM_SECRET)\n        - name: CLIENT_SECRET\n          value: "<your-client-secret>"\n        - name: SECRET_KEY\n          value: ""\n') },
    { name: 'names about a secret, not the secret', code: pod('        - name: DB_PASSWORD_FILE\n          value: /etc/secrets/db\n        - name: TOKEN_TTL\n          value: "3600"\n        - name: GPG_KEY\n          value: B42F6819007F00F88E364FD4036A9C25BF357DD4\n        - name: AUTH_ENABLED\n          value: "true"\n') },
    { name: 'numbers and booleans are not credentials', code: pod('        - name: PASSWORD_MIN_LENGTH\n          value: 12\n        - name: SE_VNC_NO_PASSWORD\n          value: true\n') },
    { name: 'Helm template value', code: pod('        - name: DB_PASSWORD\n          value: {{ .Values.db.password | quote }}\n') },
    { name: 'ambiguous name with a plain word', code: pod('        - name: CACHE_KEY\n          value: sessions\n') },
  ],
  invalid: [
    {
      name: 'literal password, block style',
      code: pod('        - name: DB_PASSWORD\n          value: «s3cr3t-Pa55»\n        - name: LOG_LEVEL\n          value: info\n'),
      errors: [{ messageId: 'secretValue', data: { container: 'app', name: 'DB_PASSWORD' } }],
      output: pod(`        - name: DB_PASSWORD\n${ref('          ', 'api-secrets', 'db_password')}        - name: LOG_LEVEL\n          value: info\n`),
    },
    {
      name: 'weak default password',
      code: pod('        - name: MYSQL_ROOT_PASSWORD\n          value: «changeme»\n'),
      errors: [{ messageId: 'weakPassword', data: { container: 'app', name: 'MYSQL_ROOT_PASSWORD' } }],
      output: pod(`        - name: MYSQL_ROOT_PASSWORD\n${ref('          ', 'api-secrets', 'mysql_root_password')}`),
    },
    {
      name: 'a known token format under any name, value first in the item',
      code: pod(`        - value: «${githubLike}»\n          name: HELPER\n`),
      errors: [{ messageId: 'tokenValue', data: { container: 'app', name: 'HELPER', format: 'GitHub token' } }],
      output: pod(`        - ${ref('          ', 'api-secrets', 'helper').trimStart()}          name: HELPER\n`),
    },
    {
      name: 'flow map entry, credentials in a URL',
      code: pod('        - {name: DATABASE_URL, value: «"postgres://app:pa55word-x@db/app"»}\n'),
      errors: [{ messageId: 'tokenValue', data: { container: 'app', name: 'DATABASE_URL', format: 'credentials in URL' } }],
      output: pod('        - {name: DATABASE_URL, valueFrom: {secretKeyRef: {name: api-secrets, key: database_url}}}\n'),
    },
    {
      name: 'Deployment init container, CRLF, workload name gives the Secret name',
      code: 'apiVersion: apps/v1\r\nkind: Deployment\r\nmetadata:\r\n  name: Web_App\r\nspec:\r\n  template:\r\n    spec:\r\n      initContainers:\r\n      - name: migrate\r\n        env:\r\n        - name: API_KEY\r\n          value: «abcd1234efgh5678»\r\n',
      errors: [{ messageId: 'secretValue', data: { container: 'migrate', name: 'API_KEY' } }],
      output: 'apiVersion: apps/v1\r\nkind: Deployment\r\nmetadata:\r\n  name: Web_App\r\nspec:\r\n  template:\r\n    spec:\r\n      initContainers:\r\n      - name: migrate\r\n        env:\r\n        - name: API_KEY\r\n          valueFrom:\r\n            secretKeyRef:\r\n              name: web-app-secrets\r\n              key: api_key\r\n',
    },
  ],
});
