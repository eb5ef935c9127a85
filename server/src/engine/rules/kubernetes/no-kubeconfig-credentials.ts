import { defineRule } from '../../rule';
import { isScalar } from '../../parse/yaml';
import { isPlaceholder, secretNameStrength } from '../../policy/secrets';

/**
 * `users[].user` fields that carry a credential itself (not a path to one): the bearer token, the
 * client private key, basic-auth password. `client-certificate-data` is public and not listed.
 */
const EMBEDDED = ['token', 'client-key-data', 'password'];

export default defineRule({
  meta: {
    id: 'K8S082',
    name: 'no-kubeconfig-credentials',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'Kubeconfig with embedded credentials',
    severity: 'error',
    threat: 'exposed-secrets',
    principle: 'defence-in-depth',
    rationale:
      'A kubeconfig (`kind: Config`) holding a token, a client private key or a password is a ready-made login to the cluster: anyone who reads the file (a clone, a CI artifact, a backup) acts as that user with all of its RBAC rights until the credential is revoked. Client certificates cannot even be revoked before they expire.',
    remediation:
      'Do not commit kubeconfigs with credentials. Use an exec credential plugin (`users[].user.exec`, e.g. `aws eks get-token`, `gke-gcloud-auth-plugin`, `kubelogin`) that fetches short-lived tokens, or reference files kept outside the repository (`tokenFile`, `client-key`). Revoke or rotate the embedded credential.',
    references: [
      { standard: 'cwe', id: 798 },
      { standard: 'cwe', id: 522 },
      { standard: 'url', title: 'Kubernetes: Organizing cluster access using kubeconfig files', href: 'https://kubernetes.io/docs/concepts/configuration/organize-cluster-access-kubeconfig/' },
    ],
    aliases: [{ tool: 'semgrep', id: 'secrets-in-config-file' }],
    messages: { embedded: 'Kubeconfig user "{{user}}" embeds {{field}}: anyone with this file can act as that user.' },
    examples: {
      bad: 'apiVersion: v1\nkind: Config\nusers:\n  - name: ci\n    user:\n      token: abcdef0123456789abcdef0123456789\n',
      good: 'apiVersion: v1\nkind: Config\nusers:\n  - name: ci\n    user:\n      exec:\n        apiVersion: client.authentication.k8s.io/v1\n        command: kubelogin\n        args: [get-token]\n',
    },
    since: '0.2.0',
    related: ['K8S080'],
  },
  check({ k8s, report }) {
    for (const object of k8s.objects) {
      if (object.kind !== 'Config') continue;
      const doc = object.doc;
      for (const item of doc.items(doc.get(object.node, 'users'))) {
        const userName = doc.scalar(item, 'name');
        const user = typeof userName === 'string' ? userName : '';
        const fields = [
          ...EMBEDDED.map((field) => ({ field, node: doc.get(item, 'user', field) })),
          // Legacy auth providers (oidc, gcp, azure) cache tokens and client secrets in their config.
          ...doc
            .entries(doc.get(item, 'user', 'auth-provider', 'config'))
            .filter(({ key }) => secretNameStrength(key) === 'strong')
            .map(({ key, pair }) => ({ field: `auth-provider ${key}`, node: doc.deref(pair.value) })),
        ];
        for (const { field, node } of fields) {
          if (!isScalar(node) || typeof node.value !== 'string' || isPlaceholder(node.value) || doc.isTemplated(node)) continue;
          report({ messageId: 'embedded', data: { user, field }, range: doc.rangeOf(node) });
        }
      }
    }
  },
});
