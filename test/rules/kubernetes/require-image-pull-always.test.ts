import rule from '../../../server/src/engine/rules/kubernetes/require-image-pull-always';
import { ruleTester } from '../../harness/ruleTester';

const pod = (container: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: web\n${container}`;

ruleTester(rule, {
  valid: [pod('      image: nginx:1.27\n      imagePullPolicy: Always\n'), { name: 'unset with latest defaults to Always', code: pod('      image: nginx:latest\n') }],
  invalid: [
    {
      name: 'IfNotPresent is replaced',
      code: pod('      image: nginx:1.27\n      imagePullPolicy: «IfNotPresent» # cache\n'),
      errors: [{ messageId: 'notAlways', data: { container: 'web', policy: 'IfNotPresent' } }],
      output: pod('      image: nginx:1.27\n      imagePullPolicy: Always # cache\n'),
    },
    {
      name: 'unset with a version tag: added after image',
      code: pod('      image: nginx:1.27\n      ports: [{containerPort: 8080}]\n').replace('- name: web', '- name: «web»'),
      errors: [{ messageId: 'notAlways', data: { policy: 'unset' } }],
      output: pod('      image: nginx:1.27\n      imagePullPolicy: Always\n      ports: [{containerPort: 8080}]\n'),
    },
  ],
});
