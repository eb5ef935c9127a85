import { defineRule } from '../../rule';
import type { Node } from '../../parse/yaml';
import { cisKubernetes } from '../../parse/k8sObjects';
import { encryptionConfigurations, firstProvider, secretsEntry } from '../../policy/cluster/encryption';

const CONFIG_HEAD = 'apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\nresources:\n  - resources:\n      - secrets\n    providers:\n';

export default defineRule({
  meta: {
    id: 'KC017',
    name: 'encryption-config-providers',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'Encryption at rest does not protect Secrets with a recommended provider',
    severity: 'warning',
    threat: 'exposed-secrets',
    principle: 'defence-in-depth',
    rationale:
      'The API server encrypts a resource with the first provider of the first entry that lists it, and can read with all of them. An EncryptionConfiguration that does not list `secrets` (nor `*.*`) leaves them in clear text in etcd; one whose first provider for them is `identity` writes them unencrypted while looking configured. `aescbc` still encrypts, but CBC without authentication is open to padding-oracle attacks and the Kubernetes documentation no longer recommends it: KMS v2 keeps the key off the control-plane disk altogether, `secretbox` (XSalsa20-Poly1305) is authenticated, and `aesgcm` is too but needs a key rotation every 200,000 writes because of its random nonces.',
    remediation:
      'List `secrets` in an entry whose first provider is `kms` (apiVersion v2), `secretbox` or `aesgcm`; keep `identity` last, only so that Secrets written before encryption was enabled can still be read, and rewrite them once (`kubectl get secrets -A -o json | kubectl replace -f -`).',
    references: [
      cisKubernetes('1.2.28', 'Ensure that encryption providers are appropriately configured'),
      { standard: 'url', title: 'Kubernetes: Encrypting confidential data at rest (providers)', href: 'https://kubernetes.io/docs/tasks/administer-cluster/encrypt-data/#providers' },
      { standard: 'cwe', id: 311 },
    ],
    aliases: [],
    messages: {
      secretsUncovered: 'EncryptionConfiguration does not list secrets (nor *.*): Secrets stay unencrypted in etcd.',
      identityFirst: 'The first provider for secrets is identity: new Secrets are written to etcd unencrypted.',
      aescbc: 'The first provider for secrets is aescbc, which the Kubernetes documentation no longer recommends (CBC padding oracle); prefer kms v2 or secretbox.',
    },
    examples: {
      bad: CONFIG_HEAD + '      - identity: {}\n      - aesgcm:\n          keys:\n            - name: key1\n              secret: ${ENCRYPTION_KEY}\n',
      good: CONFIG_HEAD + '      - kms:\n          apiVersion: v2\n          name: vault\n          endpoint: unix:///var/run/kms/socket.sock\n      - identity: {}\n',
    },
    since: '0.3.0',
    related: ['KC010', 'KC018'],
  },
  check({ k8s, report }) {
    for (const object of encryptionConfigurations(k8s)) {
      const doc = object.doc;
      const entry = secretsEntry(object);
      if (!entry) {
        report({ messageId: 'secretsUncovered', range: doc.rangeOf(object.kindPair.key as Node) });
        continue;
      }
      const first = firstProvider(doc, entry);
      if (first?.name === 'identity') report({ messageId: 'identityFirst', range: doc.rangeOf(first.key) });
      if (first?.name === 'aescbc') report({ messageId: 'aescbc', range: doc.rangeOf(first.key), severity: 'info' });
    }
  },
});
