import { defineRule } from '../../rule';
import { encryptionConfigurations, providerKeys } from '../../policy/cluster/encryption';
import { detectSecret, redact } from '../../policy/secrets';

const CONFIG = (secret: string) =>
  `apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\nresources:\n  - resources:\n      - secrets\n    providers:\n      - secretbox:\n          keys:\n            - name: key1\n              secret: ${secret}\n      - identity: {}\n`;

export default defineRule({
  meta: {
    id: 'KC018',
    name: 'encryption-config-key',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'Encryption-at-rest key written in the file',
    severity: 'error',
    threat: 'exposed-secrets',
    principle: 'defence-in-depth',
    rationale:
      "The keys of an EncryptionConfiguration's `aescbc`, `aesgcm` and `secretbox` providers decrypt every Secret in etcd. A key committed with the file is in the repository's history for good: whoever reads the repository and gets hold of an etcd backup reads every credential of the cluster, which is the very case encryption at rest exists for.",
    remediation:
      'Keep the key out of the repository: template it in at provisioning time from a secret store, or better use a `kms` v2 provider so the key never sits on the control-plane disk. Rotate a key that was committed (add a new first key, rewrite all Secrets, then drop the old one).',
    references: [
      {
        standard: 'url',
        title: 'Kubernetes: Encrypting confidential data at rest (key rotation)',
        href: 'https://kubernetes.io/docs/tasks/administer-cluster/encrypt-data/#rotating-a-decryption-key',
      },
      { standard: 'cwe', id: 321 },
      { standard: 'cwe', id: 798 },
    ],
    aliases: [],
    messages: { keyInFile: 'The {{provider}} key "{{key}}" is written in the file ({{value}}): it decrypts every Secret in etcd.' },
    examples: { bad: CONFIG('c2VjcmV0IGlzIHNlY3VyZSwgb3IgaXMgaXQ/IGhtbW0hIQ=='), good: CONFIG('${ENCRYPTION_KEY}') },
    since: '0.3.0',
    related: ['KC017'],
  },
  check({ k8s, report }) {
    for (const object of encryptionConfigurations(k8s)) {
      const doc = object.doc;
      for (const { provider, name, secret } of providerKeys(object)) {
        const value = String(secret.value ?? '');
        if (doc.isTemplated(secret) || !detectSecret('secret', value)) continue;
        report({ messageId: 'keyInFile', data: { provider, key: name, value: redact(value) }, range: doc.rangeOf(secret) });
      }
    }
  },
});
