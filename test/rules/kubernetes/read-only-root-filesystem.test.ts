import rule from '../../../server/src/engine/rules/kubernetes/read-only-root-filesystem';
import { ruleTester } from '../../harness/ruleTester';

const deploy = (containers: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    spec:\n      containers:\n${containers}`;

ruleTester(rule, {
  valid: [
    deploy('        - name: a\n          securityContext: {readOnlyRootFilesystem: true}\n'),
    { name: 'Windows pods are skipped', code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  os: {name: windows}\n  containers:\n    - name: a\n' },
    {
      name: 'a Helm template fills the securityContext',
      fileName: 'templates/deploy.yaml',
      code: deploy('        - name: a\n          securityContext:\n            {{- toYaml .Values.securityContext | nindent 12 }}\n'),
    },
  ],
  invalid: [
    {
      name: 'unset: added after image, comment kept',
      code: deploy('        - name: «a»\n          image: x:1 # pinned\n          ports: [{containerPort: 80}]\n'),
      errors: [{ messageId: 'notSet', data: { container: 'a' } }],
      output: deploy('        - name: a\n          image: x:1 # pinned\n          securityContext:\n            readOnlyRootFilesystem: true\n          ports: [{containerPort: 80}]\n'),
    },
    {
      name: 'false flipped, flow',
      code: deploy('        - name: a\n          securityContext: {readOnlyRootFilesystem: «false», runAsNonRoot: true}\n'),
      errors: [{ messageId: 'writable' }],
      output: deploy('        - name: a\n          securityContext: {readOnlyRootFilesystem: true, runAsNonRoot: true}\n'),
    },
    {
      name: 'existing block securityContext gains the key',
      code: deploy('        - name: «a»\n          securityContext:\n            runAsNonRoot: true\n'),
      errors: [{ messageId: 'notSet' }],
      output: deploy('        - name: a\n          securityContext:\n            runAsNonRoot: true\n            readOnlyRootFilesystem: true\n'),
    },
  ],
});
