import rule from '../../../server/src/engine/rules/kubernetes/no-host-port';
import { ruleTester } from '../../harness/ruleTester';

const pod = (ports: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: web\n      image: x:1\n      ports:\n${ports}`;

ruleTester(rule, {
  valid: [
    pod('        - containerPort: 80\n'),
    { name: 'hostPort 0 means none', code: pod('        - containerPort: 80\n          hostPort: 0\n') },
    {
      name: 'privileged namespace',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: infra\nspec:\n  containers:\n    - name: web\n      ports:\n        - hostPort: 80\n',
      config: { namespaceLevels: { infra: { level: 'privileged' } } },
    },
  ],
  invalid: [
    {
      name: 'block style, comment on another line kept',
      code: pod('        # http\n        - containerPort: 80\n          hostPort: «8080»\n          protocol: TCP\n'),
      errors: [{ messageId: 'hostPort', data: { container: 'web', port: '8080' } }],
      output: pod('        # http\n        - containerPort: 80\n          protocol: TCP\n'),
    },
    {
      name: 'hostPort first in the item hands the dash on',
      code: pod('        - hostPort: «443»\n          containerPort: 443\n'),
      errors: [{ messageId: 'hostPort' }],
      output: pod('        - containerPort: 443\n'),
    },
    {
      name: 'flow style',
      code: pod('        - {containerPort: 53, hostPort: «53», protocol: UDP}\n'),
      errors: [{ messageId: 'hostPort' }],
      output: pod('        - {containerPort: 53, protocol: UDP}\n'),
    },
  ],
});
