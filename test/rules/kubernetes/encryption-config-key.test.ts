import rule from '../../../server/src/engine/rules/kubernetes/encryption-config-key';
import { ruleTester } from '../../harness/ruleTester';

const config = (provider: string, secret: string) =>
  [
    'apiVersion: apiserver.config.k8s.io/v1',
    'kind: EncryptionConfiguration',
    'resources:',
    '  - resources: [secrets]',
    '    providers:',
    `      - ${provider}:`,
    '          keys:',
    '            - name: key1',
    `              secret: ${secret}`,
    '      - identity: {}',
    '',
  ].join('\n');
const KEY = 'dGhpcyBpcyBhIDMyIGJ5dGUga2V5IGZvciBhZXNnY20hIQ==';

ruleTester(rule, {
  valid: [
    config('aesgcm', '${ENCRYPTION_KEY}'),
    { name: 'placeholder', code: config('secretbox', '<BASE 64 ENCODED SECRET>') },
    { name: 'templated', code: config('aescbc', '{{ .Values.encryptionKey }}') },
    {
      name: 'kms has no key in the file',
      code: 'apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\nresources:\n  - resources: [secrets]\n    providers:\n      - kms: {apiVersion: v2, name: vault, endpoint: "unix:///kms.sock"}\n',
    },
  ],
  invalid: [
    { name: 'aesgcm key', code: config('aesgcm', `«${KEY}»`), errors: [{ messageId: 'keyInFile', data: { provider: 'aesgcm', key: 'key1', value: 'dGh… (48 chars, redacted)' } }] },
    { name: 'quoted secretbox key', code: config('secretbox', `«"${KEY}"»`), errors: [{ messageId: 'keyInFile', data: { provider: 'secretbox' } }] },
  ],
});
