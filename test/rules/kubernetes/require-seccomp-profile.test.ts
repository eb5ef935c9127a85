import rule from '../../../server/src/engine/rules/kubernetes/require-seccomp-profile';
import { ruleTester } from '../../harness/ruleTester';

const pod = (spec: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${spec}`;
const deploy = (spec: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    spec:\n${spec}`;

ruleTester(rule, {
  valid: [
    pod('  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n  containers:\n    - name: a\n    - name: b\n'),
    { name: 'every container sets one', code: pod('  containers:\n    - name: a\n      securityContext: {seccompProfile: {type: Localhost, localhostProfile: p.json}}\n') },
    { name: "Unconfined is K8S012's", code: pod('  containers:\n    - name: a\n      securityContext: {seccompProfile: {type: Unconfined}}\n') },
    { name: 'Windows pods are exempt', code: pod('  os: {name: windows}\n  containers:\n    - name: a\n') },
    { name: 'baseline level does not require it', code: pod('  containers:\n    - name: a\n'), config: { podSecurityLevel: 'baseline' } },
    {
      name: 'a restricted namespace pinned before 1.19',
      code:
        'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: old\n  labels: {pod-security.kubernetes.io/enforce: restricted, pod-security.kubernetes.io/enforce-version: v1.18}\n---\n' +
        pod('  containers:\n    - name: a\n').replace('  name: p\n', '  name: p\n  namespace: old\n'),
    },
    {
      name: 'a Helm template fills the pod securityContext',
      fileName: 'templates/pod.yaml',
      code: pod('  securityContext:\n    {{- toYaml .Values.podSecurityContext | nindent 4 }}\n  containers:\n    - name: a\n'),
    },
  ],
  invalid: [
    {
      name: 'no securityContext: a pod-level block is added at the end of the pod spec',
      code: deploy('      containers:\n        - name: «a»\n          image: x:1\n        - name: b\n'),
      errors: [{ messageId: 'missing', data: { containers: 'containers "a" and "b"' } }],
      output: deploy('      containers:\n        - name: a\n          image: x:1\n        - name: b\n      securityContext:\n        seccompProfile:\n          type: RuntimeDefault\n'),
    },
    {
      name: 'an existing pod securityContext gains the field',
      code: pod('  securityContext:\n    runAsNonRoot: true # keep\n  containers:\n    - name: «a»\n'),
      errors: [{ messageId: 'missing', data: { containers: 'container "a"' } }],
      output: pod('  securityContext:\n    runAsNonRoot: true # keep\n    seccompProfile:\n      type: RuntimeDefault\n  containers:\n    - name: a\n'),
    },
    {
      name: 'flow style pod',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {securityContext: {runAsNonRoot: true}, containers: [{name: «a»}]}\n',
      errors: [{ messageId: 'missing' }],
      output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}, containers: [{name: a}]}\n',
    },
    {
      name: 'a container profile without a type gets one',
      code: pod('  containers:\n    - name: «a»\n      securityContext:\n        seccompProfile: {}\n'),
      errors: [{ messageId: 'missing' }],
      output: pod('  containers:\n    - name: a\n      securityContext:\n        seccompProfile: {type: RuntimeDefault}\n'),
    },
  ],
});
