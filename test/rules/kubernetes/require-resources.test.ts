import rule from '../../../server/src/engine/rules/kubernetes/require-resources';
import { ruleTester } from '../../harness/ruleTester';

const deploy = (container: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n${container}`;

ruleTester(rule, {
  valid: [
    deploy('          resources:\n            requests: {cpu: 50m, memory: 64Mi}\n            limits: {memory: 128Mi}\n'),
    { name: 'Helm fills resources', fileName: 'templates/d.yaml', code: deploy('          resources:\n            {{- toYaml .Values.resources | nindent 12 }}\n') },
    {
      name: 'ephemeral containers cannot set resources',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      resources: {requests: {cpu: 1m, memory: 1Mi}, limits: {memory: 1Mi}}\n  ephemeralContainers:\n    - name: debug\n',
    },
  ],
  invalid: [
    {
      name: 'nothing set: placeholders after image',
      code: deploy('          command: [nginx]\n').replace('- name: web', '- name: «web»'),
      errors: [{ messageId: 'unset', data: { container: 'web', missing: 'requests.cpu, requests.memory, limits.memory' } }],
      output: deploy(
        '          resources:\n            requests:\n              cpu: "100m"\n              memory: "128Mi"\n            limits:\n              memory: "256Mi"\n          command: [nginx]\n',
      ),
    },
    {
      name: 'partial: missing keys and sections are added in place',
      code: deploy('          resources:\n            requests:\n              cpu: 10m\n').replace('- name: web', '- name: «web»'),
      errors: [{ messageId: 'unset', data: { missing: 'requests.memory, limits.memory' } }],
      output: deploy('          resources:\n            requests:\n              cpu: 10m\n              memory: "128Mi"\n            limits:\n              memory: "256Mi"\n'),
    },
    {
      name: 'flow maps',
      code: deploy('          resources: {limits: {memory: 1Gi}}\n').replace('- name: web', '- name: «web»'),
      errors: [{ messageId: 'unset', data: { missing: 'requests.cpu, requests.memory' } }],
      output: deploy('          resources: {limits: {memory: 1Gi}, requests: {cpu: "100m", memory: "128Mi"}}\n'),
    },
  ],
});
