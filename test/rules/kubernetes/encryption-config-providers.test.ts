import rule from '../../../server/src/engine/rules/kubernetes/encryption-config-providers';
import { ruleTester } from '../../harness/ruleTester';

const config = (resources: string, providers: string[]) =>
  [
    'apiVersion: apiserver.config.k8s.io/v1',
    'kind: EncryptionConfiguration',
    'resources:',
    '  - resources:',
    `      - ${resources}`,
    '    providers:',
    ...providers.map((p) => `      - ${p}`),
    '',
  ].join('\n');
const AESGCM = 'aesgcm: {keys: [{name: key1, secret: "${KEY}"}]}';

ruleTester(rule, {
  valid: [
    config('secrets', [AESGCM, 'identity: {}']),
    { name: 'kms v2', code: config('secrets', ['kms: {apiVersion: v2, name: vault, endpoint: "unix:///kms.sock"}', 'identity: {}']) },
    { name: 'every resource', code: config('"*.*"', ['secretbox: {keys: [{name: k, secret: "${KEY}"}]}']) },
    { name: 'not an encryption configuration', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n' },
  ],
  invalid: [
    {
      name: 'secrets not listed',
      code: '«kind»: EncryptionConfiguration\n' + config('configmaps', [AESGCM]).replace('kind: EncryptionConfiguration\n', ''),
      errors: [{ messageId: 'secretsUncovered' }],
    },
    { name: 'identity first', code: config('secrets', ['«identity»: {}', AESGCM]), errors: [{ messageId: 'identityFirst' }] },
    { name: 'aescbc: a note, not a warning', code: config('secrets', ['«aescbc»: {keys: [{name: key1, secret: "${KEY}"}]}', 'identity: {}']), errors: [{ messageId: 'aescbc', severity: 'info' }] },
    {
      name: 'the first entry listing secrets decides',
      code: [
        'apiVersion: apiserver.config.k8s.io/v1',
        'kind: EncryptionConfiguration',
        'resources:',
        '  - resources: [secrets]',
        '    providers:',
        '      - «identity»: {}',
        '  - resources: ["*.*"]',
        `    providers: [${AESGCM}]`,
        '',
      ].join('\n'),
      errors: [{ messageId: 'identityFirst' }],
    },
  ],
});
