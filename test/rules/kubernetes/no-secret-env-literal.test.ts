import rule from '../../../server/src/engine/rules/kubernetes/no-secret-env-literal';
import { ruleTester } from '../../harness/ruleTester';

// Token-shaped values are assembled at run time so the repository holds no secret-looking literal.
const githubLike = ['ghp', 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8'].join('_');

const pod = (env: string, name = 'api') => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n    - name: app\n      image: example/api:1.0\n      env:\n${env}`;
/** The Secret manifest the fix creates beside `manifest.yaml`. */
const secretFile = (name: string, data: string, extra = '') =>
  `# Credentials moved here by Bulkhead (K8S080) from manifest.yaml. Git ignores this file: apply it\n# with the workload (kubectl apply -f), keep it out of Git, and rotate the values that were committed.\napiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\n${extra}type: Opaque\nstringData:\n${data}`;
const GIT = { '.git/HEAD': 'ref: refs/heads/main\n' };
const ref = (indent: string, secret: string, key: string) => `${indent}valueFrom:\n${indent}  secretKeyRef:\n${indent}    name: ${secret}\n${indent}    key: ${key}\n`;

ruleTester(rule, {
  valid: [
    pod('        - name: LOG_LEVEL\n          value: debug\n        - name: DB_HOST\n          value: db.example.com\n'),
    {
      name: 'references and placeholders',
      code: pod(
        '        - name: DB_PASSWORD\n          valueFrom:\n            secretKeyRef: {name: db, key: password}\n        - name: API_TOKEN\n          value: $(API_TOKEN_FROM_SECRET)\n        - name: CLIENT_SECRET\n          value: "<your-client-secret>"\n        - name: SECRET_KEY\n          value: ""\n',
      ),
    },
    {
      name: 'names about a secret, not the secret',
      code: pod(
        '        - name: DB_PASSWORD_FILE\n          value: /etc/secrets/db\n        - name: TOKEN_TTL\n          value: "3600"\n        - name: GPG_KEY\n          value: B42F6819007F00F88E364FD4036A9C25BF357DD4\n        - name: AUTH_ENABLED\n          value: "true"\n',
      ),
    },
    { name: 'numbers and booleans are not credentials', code: pod('        - name: PASSWORD_MIN_LENGTH\n          value: 12\n        - name: SE_VNC_NO_PASSWORD\n          value: true\n') },
    { name: 'Helm template value', code: pod('        - name: DB_PASSWORD\n          value: {{ .Values.db.password | quote }}\n') },
    { name: 'ambiguous name with a plain word', code: pod('        - name: CACHE_KEY\n          value: sessions\n') },
  ],
  invalid: [
    {
      name: 'literal password, block style',
      code: pod('        - name: DB_PASSWORD\n          value: «s3cr3t-Pa55»\n        - name: LOG_LEVEL\n          value: info\n'),
      errors: [{ messageId: 'secretValue', data: { container: 'app', name: 'DB_PASSWORD' } }],
      workspace: {},
      fileOutput: { 'api-secrets.secret.yaml': secretFile('api-secrets', '  db_password: s3cr3t-Pa55\n'), '.gitignore': '/api-secrets.secret.yaml\n' },
      output: pod(`        - name: DB_PASSWORD\n${ref('          ', 'api-secrets', 'db_password')}        - name: LOG_LEVEL\n          value: info\n`),
    },
    {
      name: 'weak default password',
      code: pod('        - name: MYSQL_ROOT_PASSWORD\n          value: «changeme»\n'),
      errors: [{ messageId: 'weakPassword', data: { container: 'app', name: 'MYSQL_ROOT_PASSWORD' } }],
      workspace: {},
      fileOutput: { 'api-secrets.secret.yaml': secretFile('api-secrets', '  mysql_root_password: changeme\n'), '.gitignore': '/api-secrets.secret.yaml\n' },
      output: pod(`        - name: MYSQL_ROOT_PASSWORD\n${ref('          ', 'api-secrets', 'mysql_root_password')}`),
    },
    {
      name: 'a known token format under any name, value first in the item',
      code: pod(`        - value: «${githubLike}»\n          name: HELPER\n`),
      errors: [{ messageId: 'tokenValue', data: { container: 'app', name: 'HELPER', format: 'GitHub token' } }],
      workspace: {},
      fileOutput: { 'api-secrets.secret.yaml': secretFile('api-secrets', `  helper: ${githubLike}\n`), '.gitignore': '/api-secrets.secret.yaml\n' },
      output: pod(`        - ${ref('          ', 'api-secrets', 'helper').trimStart()}          name: HELPER\n`),
    },
    {
      name: 'flow map entry, credentials in a URL',
      code: pod('        - {name: DATABASE_URL, value: «"postgres://app:pa55word-x@db/app"»}\n'),
      errors: [{ messageId: 'tokenValue', data: { container: 'app', name: 'DATABASE_URL', format: 'credentials in URL' } }],
      workspace: {},
      fileOutput: { 'api-secrets.secret.yaml': secretFile('api-secrets', '  database_url: "postgres://app:pa55word-x@db/app"\n'), '.gitignore': '/api-secrets.secret.yaml\n' },
      output: pod('        - {name: DATABASE_URL, valueFrom: {secretKeyRef: {name: api-secrets, key: database_url}}}\n'),
    },
    {
      name: 'Deployment init container, CRLF, workload name gives the Secret name',
      code: 'apiVersion: apps/v1\r\nkind: Deployment\r\nmetadata:\r\n  name: Web_App\r\nspec:\r\n  template:\r\n    spec:\r\n      initContainers:\r\n      - name: migrate\r\n        env:\r\n        - name: API_KEY\r\n          value: «abcd1234efgh5678»\r\n',
      errors: [{ messageId: 'secretValue', data: { container: 'migrate', name: 'API_KEY' } }],
      workspace: {},
      fileOutput: { 'web-app-secrets.secret.yaml': secretFile('web-app-secrets', '  api_key: abcd1234efgh5678\n'), '.gitignore': '/web-app-secrets.secret.yaml\n' },
      output:
        'apiVersion: apps/v1\r\nkind: Deployment\r\nmetadata:\r\n  name: Web_App\r\nspec:\r\n  template:\r\n    spec:\r\n      initContainers:\r\n      - name: migrate\r\n        env:\r\n        - name: API_KEY\r\n          valueFrom:\r\n            secretKeyRef:\r\n              name: web-app-secrets\r\n              key: api_key\r\n',
    },
    {
      name: 'two credentials of one workload: one Secret holding both, git-ignored in the repository',
      code: pod('        - name: DB_PASSWORD\n          value: «hunter2hunter2»\n        - name: API_TOKEN\n          value: «abcd1234efgh5678»\n'),
      errors: [
        { messageId: 'secretValue', data: { name: 'DB_PASSWORD', secret: 'api-secrets', key: 'db_password' } },
        { messageId: 'secretValue', data: { name: 'API_TOKEN', secret: 'api-secrets', key: 'api_token' } },
      ],
      workspace: { ...GIT, '.gitignore': 'node_modules/\n' },
      output: pod(`        - name: DB_PASSWORD\n${ref('          ', 'api-secrets', 'db_password')}        - name: API_TOKEN\n${ref('          ', 'api-secrets', 'api_token')}`),
      fileOutput: { 'api-secrets.secret.yaml': secretFile('api-secrets', '  db_password: hunter2hunter2\n  api_token: abcd1234efgh5678\n'), '.gitignore': 'node_modules/\n/api-secrets.secret.yaml\n' },
    },
    {
      name: 'the Secret in the namespace of the workload',
      code: pod('        - name: DB_PASSWORD\n          value: «hunter2hunter2»\n').replace('  name: api\n', '  name: api\n  namespace: shop\n'),
      errors: [{ messageId: 'secretValue' }],
      workspace: {},
      output: pod(`        - name: DB_PASSWORD\n${ref('          ', 'api-secrets', 'db_password')}`).replace('  name: api\n', '  name: api\n  namespace: shop\n'),
      fileOutput: { 'api-secrets.secret.yaml': secretFile('api-secrets', '  db_password: hunter2hunter2\n', '  namespace: shop\n'), '.gitignore': '/api-secrets.secret.yaml\n' },
    },
    {
      name: 'the Secret file of an earlier run: a new key is added to it, the key it holds is reused',
      code: pod('        - name: DB_PASSWORD\n          valueFrom: {secretKeyRef: {name: api-secrets, key: db_password}}\n        - name: API_TOKEN\n          value: «abcd1234efgh5678»\n'),
      errors: [{ messageId: 'secretValue', data: { key: 'api_token' } }],
      workspace: { ...GIT, '.gitignore': '/api-secrets.secret.yaml\n', 'api-secrets.secret.yaml': secretFile('api-secrets', '  db_password: hunter2hunter2\n') },
      output: pod(
        `        - name: DB_PASSWORD\n          valueFrom: {secretKeyRef: {name: api-secrets, key: db_password}}\n        - name: API_TOKEN\n${ref('          ', 'api-secrets', 'api_token')}`,
      ),
      fileOutput: { 'api-secrets.secret.yaml': secretFile('api-secrets', '  db_password: hunter2hunter2\n  api_token: abcd1234efgh5678\n'), '.gitignore': '/api-secrets.secret.yaml\n' },
    },
    {
      name: 'one variable, two values in two containers: two keys, never an overwritten one',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n    - name: a\n      env:\n        - name: DB_PASSWORD\n          value: «hunter2hunter2»\n    - name: b\n      env:\n        - name: DB_PASSWORD\n          value: «s3cr3t-Pa55»\n',
      errors: [
        { messageId: 'secretValue', data: { container: 'a', key: 'db_password' } },
        { messageId: 'secretValue', data: { container: 'b', key: 'db_password_2' } },
      ],
      workspace: {},
      output: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n    - name: a\n      env:\n        - name: DB_PASSWORD\n${ref('          ', 'api-secrets', 'db_password')}    - name: b\n      env:\n        - name: DB_PASSWORD\n${ref('          ', 'api-secrets', 'db_password_2')}`,
      fileOutput: { 'api-secrets.secret.yaml': secretFile('api-secrets', '  db_password: hunter2hunter2\n  db_password_2: s3cr3t-Pa55\n'), '.gitignore': '/api-secrets.secret.yaml\n' },
    },
    {
      name: 'a committed Secret of that name elsewhere: a new name, the committed file untouched',
      code: pod('        - name: DB_PASSWORD\n          value: «hunter2hunter2»\n'),
      errors: [{ messageId: 'secretValue', data: { secret: 'api-secrets-2', file: 'api-secrets-2.secret.yaml' } }],
      workspace: { 'deploy/secret.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: api-secrets\nstringData:\n  other: x\n' },
      output: pod(`        - name: DB_PASSWORD\n${ref('          ', 'api-secrets-2', 'db_password')}`),
      fileOutput: {
        'api-secrets-2.secret.yaml': secretFile('api-secrets-2', '  db_password: hunter2hunter2\n'),
        'deploy/secret.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: api-secrets\nstringData:\n  other: x\n',
        '.gitignore': '/api-secrets-2.secret.yaml\n',
      },
    },
    {
      name: 'a Helm chart template: display-only (a file beside it would ship in the chart)',
      fileName: 'chart/templates/pod.yaml',
      code: pod('        - name: DB_PASSWORD\n          value: «hunter2hunter2»\n'),
      errors: [{ messageId: 'secretValue' }],
      workspace: { 'chart/Chart.yaml': 'apiVersion: v2\nname: api\nversion: 1.0.0\n' },
      output: null,
    },
    {
      name: 'no workspace: nowhere to keep the value, display-only',
      code: pod('        - name: DB_PASSWORD\n          value: «hunter2hunter2»\n'),
      errors: [{ messageId: 'secretValue' }],
      output: null,
    },
  ],
});
