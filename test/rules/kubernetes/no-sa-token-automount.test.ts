import rule from '../../../server/src/engine/rules/kubernetes/no-sa-token-automount';
import { ruleTester } from '../../harness/ruleTester';

const pod = (spec: string, name = 'web') => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n${spec}  containers:\n    - name: web\n      image: nginx:1.27\n`;
const sa = (name: string, body = '') => `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n${body}`;
const BINDING =
  'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: b\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r}\nsubjects:\n  - kind: ServiceAccount\n    name: operator\n';

ruleTester(rule, {
  valid: [
    pod('  automountServiceAccountToken: false\n'),
    { name: 'the ServiceAccount in the file opts out', code: `${sa('app', 'automountServiceAccountToken: false\n')}---\n${pod('  serviceAccountName: app\n')}` },
    { name: 'a bound service account needs its token', code: `${sa('operator')}---\n${BINDING}---\n${pod('  serviceAccountName: operator\n')}` },
    { name: "the default account is K8S058's", code: sa('default') },
    { name: 'every pod of the file using the account opts out', code: `${sa('app')}---\n${pod('  serviceAccountName: app\n  automountServiceAccountToken: false\n')}` },
  ],
  invalid: [
    {
      name: 'pod without the field: added after serviceAccountName',
      code: pod('  serviceAccountName: app\n  restartPolicy: Always\n', '«web»'),
      errors: [{ messageId: 'pod', data: { object: 'Pod "web"', serviceAccount: 'service account "app"' } }],
      output: pod('  serviceAccountName: app\n  automountServiceAccountToken: false\n  restartPolicy: Always\n'),
    },
    {
      name: 'explicit true on a Deployment wins over the ServiceAccount',
      code: `${sa('app', 'automountServiceAccountToken: false\n')}---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    spec:\n      serviceAccountName: app\n      automountServiceAccountToken: «true»\n      containers: [{name: c, image: "x:1"}]\n`,
      errors: [{ messageId: 'pod', data: { object: 'Deployment "d"' } }],
      output: `${sa('app', 'automountServiceAccountToken: false\n')}---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    spec:\n      serviceAccountName: app\n      automountServiceAccountToken: false\n      containers: [{name: c, image: "x:1"}]\n`,
    },
    {
      name: 'a repeated key: every value is set (the parser keeps the last)',
      code: pod('  automountServiceAccountToken: true\n  automountServiceAccountToken: «true»\n  restartPolicy: Always\n'),
      errors: [{ messageId: 'pod' }],
      output: pod('  automountServiceAccountToken: false\n  automountServiceAccountToken: false\n  restartPolicy: Always\n'),
    },
    {
      name: 'after a lone CR (a line break for the editor, not for the YAML parser) no line is inserted',
      code: `${pod('', '«web»')}  x:\n    y:\r`,
      errors: [{ messageId: 'pod' }],
      output: null,
    },
    {
      name: 'a ServiceAccount that mounts',
      code: sa('«app»', 'secrets: []\n'),
      errors: [{ messageId: 'serviceAccount', data: { object: 'ServiceAccount "app"' } }],
      output: sa('app', 'automountServiceAccountToken: false\nsecrets: []\n'),
    },
  ],
});
