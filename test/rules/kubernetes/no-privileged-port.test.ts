import rule from '../../../server/src/engine/rules/kubernetes/no-privileged-port';
import { ruleTester } from '../../harness/ruleTester';

const pod = (ports: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      ports:\n${ports}`;

ruleTester(rule, {
  valid: [pod('        - containerPort: 8080\n'), pod('        - containerPort: 1024\n')],
  invalid: [
    { name: 'port 80', code: pod('        - containerPort: «80»\n'), errors: [{ messageId: 'privilegedPort', data: { container: 'web', port: '80' } }] },
    { name: 'two ports, one privileged', code: pod('        - containerPort: «443»\n        - containerPort: 9090\n'), errors: [{ messageId: 'privilegedPort', data: { port: '443' } }] },
  ],
});
