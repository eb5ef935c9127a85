import rule from '../../../server/src/engine/rules/kubernetes/no-eol-image';
import { ruleTester } from '../../harness/ruleTester';

const config = { today: '2026-12-06' };
const pod = (image: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n    - name: api\n      image: ${image}\n`;

ruleTester(rule, {
  valid: [
    { code: pod('node:24-alpine'), config },
    { name: 'a templated image', fileName: 'templates/pod.yaml', code: pod('"node:{{ .Values.nodeVersion }}"'), config },
  ],
  invalid: [
    {
      code: pod('«node:14-alpine»'),
      config,
      errors: [{ messageId: 'endOfLife', data: { image: 'node:14-alpine', release: 'Node.js 14', date: '2023-04-30', replacement: 'node:22-alpine' } }],
      output: pod('"node:22-alpine"'),
    },
    {
      name: 'within 90 days of the end: information',
      code: pod('«php:8.2-apache»'),
      config,
      errors: [{ messageId: 'nearEnd', data: { release: 'PHP 8.2', replacement: 'php:8.3-apache' }, severity: 'info' }],
      output: pod('"php:8.3-apache"'),
    },
  ],
});
