import rule from '../../../server/src/engine/rules/kubernetes/restricted-volume-types';
import { ruleTester } from '../../harness/ruleTester';

const pod = (volumes: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n  volumes:\n${volumes}`;

ruleTester(rule, {
  valid: [
    pod('    - name: a\n      emptyDir: {}\n    - name: b\n      configMap: {name: x}\n    - name: c\n      projected: {sources: []}\n    - name: d\n      persistentVolumeClaim: {claimName: d}\n'),
    { name: "hostPath is K8S005/K8S009's", code: pod('    - name: a\n      hostPath: {path: /data}\n') },
    { name: 'baseline does not restrict volume types', code: pod('    - name: a\n      nfs: {server: s, path: /}\n'), config: { podSecurityLevel: 'baseline' } },
  ],
  invalid: [
    {
      code: pod('    - name: shared\n      «nfs»:\n        server: nfs.example.com\n        path: /exports\n    - name: repo\n      «gitRepo»: {repository: "https://example.com/r.git"}\n'),
      errors: [
        { messageId: 'volumeType', data: { volume: 'shared', type: 'nfs' } },
        { messageId: 'volumeType', data: { volume: 'repo', type: 'gitRepo' } },
      ],
    },
  ],
});
