import rule from '../../../server/src/engine/rules/kubernetes/no-configmap-secret';
import { ruleTester } from '../../harness/ruleTester';

// Token-shaped values are assembled at run time so the repository holds no secret-looking literal.
const slackLike = ['xoxb', '112233445566', '665544332211', 'AbCdEfGhIjKlMnOpQrStUvWx'].join('-');

const cm = (data: string, name = 'app') => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n${data}`;

ruleTester(rule, {
  valid: [
    cm('  LOG_LEVEL: info\n  DB_HOST: db\n  DB_PASSWORD_FILE: /etc/app/secrets/db\n'),
    { name: 'references and placeholders', code: cm('  API_TOKEN: ${API_TOKEN}\n  SECRET_KEY: ""\n  CLIENT_SECRET: <set-me>\n') },
    {
      name: 'a config file without credentials; public keys',
      code: cm(
        '  app.ini: |\n    [server]\n    port = 8080\n    auth_enabled = false\n    password_min_length = 12\n  id_rsa.pub: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl ops@example\n',
      ),
    },
    {
      name: 'Secret key selectors in an embedded config (Argo)',
      code: cm(
        '  artifactRepository: |\n    s3:\n      accessKeySecret:\n        name: my-minio-cred\n        key: accesskey\n      secretKeySecret:\n        name: my-minio-cred\n        key: secretkey\n',
      ),
    },
    { name: 'commented-out settings document, they do not configure', code: cm('  app.properties: |\n    # db.password=hunter2hunter2\n    db.user=app\n') },
    { name: 'other kinds are not ConfigMaps', code: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  password: hunter2hunter2\n' },
  ],
  invalid: [
    {
      name: 'a credential under a secret-looking key',
      code: cm('  DB_HOST: db\n  DB_PASSWORD: «hunter2hunter2»\n'),
      errors: [{ messageId: 'secretValue', data: { configMap: 'app', where: 'key DB_PASSWORD' } }],
    },
    {
      name: 'weak default, and a token format under any key',
      code: cm(`  ADMIN_PASSWORD: «admin»\n  notify: «"${slackLike}"»\n`),
      errors: [
        { messageId: 'weakPassword', data: { configMap: 'app', where: 'key ADMIN_PASSWORD' } },
        { messageId: 'tokenValue', data: { configMap: 'app', where: 'key notify', format: 'Slack token' } },
      ],
    },
    {
      name: 'inside an embedded config file: the line of a literal block',
      code: cm('  application.properties: |\n    spring.datasource.url=jdbc:postgresql://db/app\n    «spring.datasource.password=Spr1ngB00t!»\n    «cache.url=redis://:r3dis-pa55@cache:6379»\n'),
      errors: [
        { messageId: 'secretValue', data: { configMap: 'app', where: 'application.properties (spring.datasource.password)' } },
        { messageId: 'tokenValue', data: { configMap: 'app', where: 'application.properties (line 3)', format: 'credentials in URL' } },
      ],
    },
    {
      name: 'a one-line properties value',
      code: cm('  db.properties: «db.password=pa55-w0rd-x»\n'),
      errors: [{ messageId: 'secretValue', data: { configMap: 'app', where: 'db.properties (db.password)' } }],
    },
    {
      name: 'a YAML config in a quoted multi-line value is reported on the value',
      code: cm('  config.yaml: «"db:\\n  user: app\\n  password: pa55-w0rd-x\\n"»\n', 'grafana'),
      errors: [{ messageId: 'secretValue', data: { configMap: 'grafana', where: 'config.yaml (password)' } }],
    },
  ],
});
