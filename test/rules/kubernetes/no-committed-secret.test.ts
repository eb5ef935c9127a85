import rule from '../../../server/src/engine/rules/kubernetes/no-committed-secret';
import { ruleTester } from '../../harness/ruleTester';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const secret = (body: string, name = 'db') => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\n${body}`;

ruleTester(rule, {
  valid: [
    { name: 'a service-account token Secret without data', code: secret('  annotations:\n    kubernetes.io/service-account.name: ci\ntype: kubernetes.io/service-account-token\n', 'ci-token') },
    { name: 'empty values', code: secret('type: Opaque\ndata:\n  password: ""\nstringData:\n  token:\n') },
    { name: 'placeholders, also base64-encoded ones', code: secret(`stringData:\n  password: \${DB_PASSWORD}\ndata:\n  token: ${b64('<token>')}\n`) },
    { name: 'Helm template values', code: secret('data:\n  password: {{ .Values.password | b64enc }}\n') },
    {
      name: 'a file Git ignores is not committed (the Secret K8S080 writes)',
      fileName: 'api-secrets.secret.yaml',
      code: secret('stringData:\n  password: hunter2hunter2\n', 'api-secrets'),
      workspace: { '.git/HEAD': 'ref: refs/heads/main\n', '.gitignore': '/api-secrets.secret.yaml\n' },
    },
    {
      name: 'outside a repository, a file the .gitignore beside it lists',
      fileName: 'api-secrets.secret.yaml',
      code: secret('stringData:\n  password: hunter2hunter2\n', 'api-secrets'),
      workspace: { '.gitignore': '*.secret.yaml\n' },
    },
    {
      name: 'a SealedSecret is encrypted for the cluster',
      code: 'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: db\nspec:\n  encryptedData:\n    password: AgBy3i4OJSWK+PiTySYZZA==\n',
    },
  ],
  invalid: [
    {
      name: 'in a repository that does not ignore it',
      fileName: 'api-secrets.secret.yaml',
      code: secret('«stringData»:\n  password: hunter2hunter2\n', 'api-secrets'),
      workspace: { '.git/HEAD': 'ref: refs/heads/main\n', '.gitignore': '/other.yaml\n' },
      errors: [{ messageId: 'committed', data: { secret: 'api-secrets' } }],
    },
    {
      name: 'stringData',
      code: secret('type: Opaque\n«stringData»:\n  password: hunter2hunter2\n'),
      errors: [{ messageId: 'committed', data: { secret: 'db', count: '1', keys: 'password' } }],
    },
    {
      name: 'data and stringData together, empty values skipped, long key lists shortened',
      code: secret(`«data»:\n  username: ${b64('app')}\n  password: ${b64('pa55-w0rd')}\n  empty: ""\n  host: ${b64('db')}\nstringData:\n  port: "5432"\n`),
      errors: [{ messageId: 'committed', data: { secret: 'db', count: '4', keys: 'username, password, host, …' } }],
    },
    {
      name: 'a TLS Secret in a List',
      code: `apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Secret\n    metadata:\n      name: tls\n    type: kubernetes.io/tls\n    «data»:\n      tls.crt: ${b64('cert')}\n      tls.key: ${b64('key material')}\n`,
      errors: [{ messageId: 'committed', data: { secret: 'tls', count: '2', keys: 'tls.crt, tls.key' } }],
    },
  ],
});
