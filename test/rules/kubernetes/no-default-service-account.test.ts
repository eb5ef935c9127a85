import rule from '../../../server/src/engine/rules/kubernetes/no-default-service-account';
import { ruleTester } from '../../harness/ruleTester';

const pod = (spec: string, name = 'web') => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n${spec}  containers:\n    - name: web\n      image: nginx:1.27\n`;

ruleTester(rule, {
  valid: [
    pod('  serviceAccountName: web\n'),
    { name: 'an empty name, the deprecated field names the account', code: pod('  serviceAccountName: ""\n  serviceAccount: web\n') },
    { name: 'the default account opts out', code: 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: default\nautomountServiceAccountToken: false\n' },
    { name: 'Helm decides the account', fileName: 'templates/pod.yaml', code: pod('  serviceAccountName: {{ include "x.sa" . }}\n') },
  ],
  invalid: [
    { name: 'no account named', code: pod('', '«web»'), errors: [{ messageId: 'podDefault', data: { object: 'Pod "web"' } }] },
    { name: 'an empty name is the default account', code: pod('  serviceAccountName: «""»\n'), errors: [{ messageId: 'podDefault' }] },
    { name: 'an empty name with the deprecated field naming one', code: pod('  serviceAccountName: ""\n  serviceAccount: «default»\n'), errors: [{ messageId: 'podDefault' }] },
    { name: 'default named', code: pod('  serviceAccountName: «default»\n'), errors: [{ messageId: 'podDefault' }] },
    { name: 'default account mounts', code: 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: «default»\n', errors: [{ messageId: 'defaultAutomount' }] },
    {
      name: 'binding to default',
      code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: b\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}\nsubjects:\n  - {kind: ServiceAccount, name: «default», namespace: app}\n',
      errors: [{ messageId: 'bindingToDefault', data: { binding: 'RoleBinding "b"' } }],
    },
  ],
});
