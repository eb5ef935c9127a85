import rule from '../../../server/src/engine/rules/kubernetes/no-app-debug-env';
import { ruleTester } from '../../harness/ruleTester';

const pod = (env: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: api\n      image: example/api:1.0\n      env:\n${env}`;

ruleTester(rule, {
  valid: [
    pod('        - name: FLASK_ENV\n          value: production\n'),
    pod('        - name: DEBUG_LEVEL\n          value: "1"\n'),
    { name: 'Helm decides the value', fileName: 'templates/p.yaml', code: pod('        - name: NODE_ENV\n          value: {{ .Values.env }}\n') },
  ],
  invalid: [
    {
      name: 'Flask development',
      code: pod('        - name: FLASK_ENV\n          value: «development»\n'),
      errors: [{ messageId: 'debug', data: { container: 'api', variable: 'FLASK_ENV', value: 'development', framework: 'Flask' } }],
      output: pod('        - name: FLASK_ENV\n          value: production\n'),
    },
    {
      name: 'quoted values keep their quotes; numbers stay strings',
      code: pod('        - {name: FLASK_DEBUG, value: «"1"»}\n        - name: DJANGO_DEBUG\n          value: «\'True\'»\n'),
      errors: [
        { messageId: 'debug', data: { variable: 'FLASK_DEBUG' } },
        { messageId: 'debug', data: { variable: 'DJANGO_DEBUG', framework: 'Django' } },
      ],
      output: pod('        - {name: FLASK_DEBUG, value: "0"}\n        - name: DJANGO_DEBUG\n          value: \'False\'\n'),
    },
  ],
});
