import rule from '../../../server/src/engine/rules/kubernetes/no-secret-as-env';
import { ruleTester } from '../../harness/ruleTester';

const pod = (container: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n${container}`;

ruleTester(rule, {
  valid: [pod('      env:\n        - name: MODE\n          valueFrom:\n            configMapKeyRef: {name: c, key: mode}\n      envFrom:\n        - configMapRef: {name: c}\n')],
  invalid: [
    {
      name: 'secretKeyRef and secretRef',
      code: pod(
        '      env:\n        - name: DB_PASSWORD\n          valueFrom:\n            «secretKeyRef»:\n              name: db\n              key: password\n      envFrom:\n        - «secretRef»: {name: api}\n',
      ),
      errors: [
        { messageId: 'secretKeyRef', data: { container: 'web', secret: 'db', variable: 'DB_PASSWORD' } },
        { messageId: 'secretRef', data: { container: 'web', secret: 'api' } },
      ],
    },
  ],
});
