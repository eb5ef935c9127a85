import rule from '../../../server/src/engine/rules/kubernetes/require-security-context';
import { ruleTester } from '../../harness/ruleTester';

const pod = (spec: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n${spec}`;

ruleTester(rule, {
  valid: [
    pod('spec:\n  securityContext: {runAsNonRoot: true}\n  containers:\n    - name: a\n      securityContext: {allowPrivilegeEscalation: false}\n'),
    { name: 'Windows containers', code: pod('spec:\n  os: {name: windows}\n  securityContext: {runAsNonRoot: true}\n  containers:\n    - name: a\n') },
    {
      name: 'Helm fills them',
      fileName: 'templates/pod.yaml',
      code: pod(
        'spec:\n  securityContext:\n    {{- toYaml .Values.podSecurityContext | nindent 4 }}\n  containers:\n    - name: a\n      securityContext:\n        {{- toYaml .Values.securityContext | nindent 8 }}\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'both missing: hardened blocks inserted',
      code: pod('«spec»:\n  containers:\n    - name: «a»\n      image: x:1\n      args: [serve]\n'),
      errors: [{ messageId: 'podMissing' }, { messageId: 'containerMissing', data: { container: 'a' } }],
      output: pod(
        'spec:\n  containers:\n    - name: a\n      image: x:1\n      securityContext:\n        allowPrivilegeEscalation: false\n        readOnlyRootFilesystem: true\n        capabilities:\n          drop: ["ALL"]\n      args: [serve]\n  securityContext:\n    runAsNonRoot: true\n    seccompProfile:\n      type: RuntimeDefault\n',
      ),
    },
    {
      name: 'flow style container',
      code: pod('spec:\n  securityContext: {runAsNonRoot: true}\n  containers: [{name: «a», image: "x:1"}]\n'),
      errors: [{ messageId: 'containerMissing' }],
      output: pod(
        'spec:\n  securityContext: {runAsNonRoot: true}\n  containers: [{name: a, image: "x:1", securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: ["ALL"]}}}]\n',
      ),
    },
  ],
});
