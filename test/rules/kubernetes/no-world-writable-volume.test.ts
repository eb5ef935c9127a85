import rule from '../../../server/src/engine/rules/kubernetes/no-world-writable-volume';
import { ruleTester } from '../../harness/ruleTester';

const pod = (volumes: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n  volumes:\n${volumes}`;

ruleTester(rule, {
  valid: [
    pod('    - name: s\n      secret:\n        secretName: s\n        defaultMode: 0440\n'),
    { name: 'decimal 420 is 0644', code: pod('    - name: s\n      configMap: {name: c, defaultMode: 420, items: [{key: a, path: a, mode: 493}]}\n') },
    { name: 'a templated mode is unknown', fileName: 'templates/pod.yaml', code: pod('    - name: s\n      configMap:\n        name: c\n        defaultMode: {{ .Values.mode }}\n') },
  ],
  invalid: [
    {
      name: 'octal defaultMode',
      code: pod('    - name: scripts\n      configMap:\n        name: c\n        defaultMode: «0777»\n'),
      errors: [{ messageId: 'worldWritable', data: { volume: 'scripts', mode: '0777', fixed: '0775' } }],
      output: pod('    - name: scripts\n      configMap:\n        name: c\n        defaultMode: 0775\n'),
    },
    {
      name: 'decimal item mode in a projected volume',
      code: pod('    - name: all\n      projected:\n        sources:\n          - secret:\n              name: s\n              items:\n                - {key: k, path: k, mode: «438»}\n'),
      errors: [{ messageId: 'worldWritable', data: { volume: 'all', mode: '438', fixed: '436' } }],
      output: pod('    - name: all\n      projected:\n        sources:\n          - secret:\n              name: s\n              items:\n                - {key: k, path: k, mode: 436}\n'),
    },
  ],
});
