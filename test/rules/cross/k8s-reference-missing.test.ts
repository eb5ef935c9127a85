import rule from '../../../server/src/engine/rules/cross/k8s-reference-missing';
import { ruleTester } from '../../harness/ruleTester';

const managed = {
  'base/secrets.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: web-secrets\n  namespace: shop\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n  namespace: shop\n',
  'base/config.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config\n',
};
const deployment = (spec: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  template:\n    spec:\n${spec}`;

ruleTester(rule, {
  valid: [
    {
      name: 'every reference exists',
      code: deployment(
        '      serviceAccountName: web\n      containers:\n        - name: web\n          image: nginx:1.27\n          envFrom:\n            - secretRef: {name: web-secrets}\n            - configMapRef: {name: web-config}\n',
      ),
      workspace: managed,
    },
    {
      name: 'kinds the workspace does not manage are assumed external',
      code: deployment('      containers:\n        - name: web\n          image: nginx:1.27\n          envFrom:\n            - secretRef: {name: vault-injected}\n'),
      workspace: { 'cm.yaml': managed['base/config.yaml'] },
    },
    {
      name: 'optional references',
      code: deployment(
        '      containers:\n        - name: web\n          image: nginx:1.27\n          env:\n            - name: T\n              valueFrom:\n                secretKeyRef: {name: maybe, key: t, optional: true}\n',
      ),
      workspace: managed,
    },
    { name: 'the default service account', code: deployment('      serviceAccountName: default\n      containers:\n        - name: web\n          image: nginx:1.27\n'), workspace: managed },
    { name: 'no workspace', code: deployment('      serviceAccountName: nope\n      containers:\n        - name: web\n          image: nginx:1.27\n') },
  ],
  invalid: [
    {
      name: 'typo in a secret, missing service account, volume and pull secret',
      code: deployment(
        '      serviceAccountName: «webb»\n      imagePullSecrets:\n        - name: «regcred»\n      containers:\n        - name: web\n          image: nginx:1.27\n          env:\n            - name: TOKEN\n              valueFrom:\n                secretKeyRef:\n                  name: «web-secretz»\n                  key: token\n      volumes:\n        - name: cfg\n          configMap:\n            name: «web-konfig»\n',
      ),
      workspace: managed,
      errors: [
        { messageId: 'missing', data: { kind: 'ServiceAccount', name: 'webb', where: ' (namespace shop)' } },
        { messageId: 'missing', data: { kind: 'Secret', name: 'regcred' } },
        { messageId: 'missing', data: { kind: 'Secret', name: 'web-secretz' } },
        { messageId: 'missing', data: { kind: 'ConfigMap', name: 'web-konfig' } },
      ],
    },
    {
      name: 'a key the Secret does not hold',
      code: deployment(
        '      containers:\n        - name: web\n          image: nginx:1.27\n          env:\n            - name: T\n              valueFrom:\n                secretKeyRef: {name: web-secrets, key: «tokn»}\n            - name: U\n              valueFrom:\n                secretKeyRef: {name: web-secrets, key: TOKEN}\n',
      ),
      workspace: { 'secret.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: web-secrets\nstringData:\n  TOKEN: x\n' },
      errors: [{ messageId: 'missingKey', data: { kind: 'Secret', name: 'web-secrets', key: 'tokn' } }],
    },
    {
      name: 'the deprecated serviceAccount field',
      code: deployment('      serviceAccount: «missing»\n      containers:\n        - name: web\n          image: nginx:1.27\n'),
      workspace: managed,
      errors: [{ messageId: 'missing', data: { kind: 'ServiceAccount', name: 'missing' } }],
    },
    {
      name: 'a secret of another namespace does not count',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: billing\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n      envFrom:\n        - secretRef:\n            name: «web-secrets»\n',
      workspace: managed,
      errors: [{ messageId: 'missing', data: { where: ' (namespace billing)' } }],
    },
  ],
});
