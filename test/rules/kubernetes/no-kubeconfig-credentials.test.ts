import rule from '../../../server/src/engine/rules/kubernetes/no-kubeconfig-credentials';
import { ruleTester } from '../../harness/ruleTester';

// A base64 body that looks like key material, assembled at run time.
const keyData = Buffer.from(['-----BEGIN EC ', 'PRIVATE KEY-----\nMHcCAQEEIFakeFakeFake\n'].join('')).toString('base64');

const kubeconfig = (user: string) =>
  `apiVersion: v1\nkind: Config\nclusters:\n  - name: prod\n    cluster:\n      server: https://k8s.example.com\n      certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t\nusers:\n  - name: ci\n    user:\n${user}`;

ruleTester(rule, {
  valid: [
    kubeconfig('      exec:\n        apiVersion: client.authentication.k8s.io/v1\n        command: aws\n        args: [eks, get-token, --cluster-name, prod]\n'),
    { name: 'files kept outside the repository', code: kubeconfig('      tokenFile: /var/run/secrets/ci/token\n      client-certificate: /etc/ci/client.crt\n      client-key: /etc/ci/client.key\n') },
    { name: 'a public client certificate and placeholders', code: kubeconfig('      client-certificate-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t\n      token: ${KUBE_TOKEN}\n      password: ""\n') },
    { name: 'a Pod is not a kubeconfig', code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: []\nusers:\n  - name: x\n    user:\n      token: abc\n' },
  ],
  invalid: [
    {
      name: 'a bearer token',
      code: kubeconfig('      token: «abcdef0123456789abcdef0123456789»\n'),
      errors: [{ messageId: 'embedded', data: { user: 'ci', field: 'token' } }],
    },
    {
      name: 'client key data and basic auth',
      code: kubeconfig(`      client-certificate-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t\n      client-key-data: «${keyData}»\n      username: admin\n      password: «admin»\n`),
      errors: [
        { messageId: 'embedded', data: { user: 'ci', field: 'client-key-data' } },
        { messageId: 'embedded', data: { user: 'ci', field: 'password' } },
      ],
    },
    {
      name: 'tokens cached by a legacy auth provider',
      code: kubeconfig(
        '      auth-provider:\n        name: oidc\n        config:\n          client-id: kubernetes\n          client-secret: «Zx9-cl13nt-s3cret»\n          idp-issuer-url: https://idp.example.com\n          refresh-token: «r3fresh-Tok3n-value»\n',
      ),
      errors: [
        { messageId: 'embedded', data: { user: 'ci', field: 'auth-provider client-secret' } },
        { messageId: 'embedded', data: { user: 'ci', field: 'auth-provider refresh-token' } },
      ],
    },
  ],
});
