import rule from '../../../server/src/engine/rules/cross/kustomize-not-evaluated';
import { dedent, ruleTester } from '../../harness/ruleTester';

const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n';

ruleTester(rule, {
  valid: [
    {
      name: 'local resources and patches only',
      fileName: 'kustomization.yaml',
      code: 'resources:\n  - deployment.yaml\npatches:\n  - path: patch.yaml\n',
      workspace: { 'deployment.yaml': deployment },
    },
    {
      name: 'a local base directory',
      fileName: 'overlays/prod/kustomization.yaml',
      code: 'resources:\n  - ../../base\nnamespace: prod\n',
      workspace: { 'base/kustomization.yaml': 'resources: [deployment.yaml]\n', 'base/deployment.yaml': deployment },
    },
    {
      name: 'two overlays of one base are no cycle',
      fileName: 'kustomization.yaml',
      code: 'resources:\n  - a\n  - b\n',
      workspace: { 'a/kustomization.yaml': 'resources: [../base]\n', 'b/kustomization.yaml': 'resources: [../base]\n', 'base/kustomization.yaml': 'resources: []\n' },
    },
    { name: 'not a kustomization by name', fileName: 'deploy.yaml', code: 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nhelmCharts:\n  - name: x\n' },
  ],
  invalid: [
    {
      name: 'a remote base, once per kustomization with every reason',
      fileName: 'kustomization.yaml',
      code: dedent`
        resources:
          - deployment.yaml
          - «https://github.com/example/platform//base?ref=v1.2.0»
          - github.com/example/other/base?ref=main
        configMapGenerator:
          - name: app
            literals: [A=b]
      `,
      workspace: { 'deployment.yaml': deployment },
      errors: [
        {
          messageId: 'notEvaluated',
          data: { what: 'remote resource https://github.com/example/platform//base?ref=v1.2.0, remote resource github.com/example/other/base?ref=main, configMapGenerator' },
        },
      ],
    },
    {
      name: 'helmCharts, replacements and generators; the Kustomization kind written out',
      fileName: 'Kustomization',
      code: 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n«helmCharts»:\n  - name: redis\nreplacements: []\nsecretGenerator: []\n',
      errors: [{ messageId: 'notEvaluated', data: { what: 'helmCharts, replacements, secretGenerator' } }],
    },
    {
      name: 'a kustomization that includes itself',
      fileName: 'kustomization.yaml',
      code: 'resources:\n  - «.»\n',
      workspace: {},
      errors: [{ messageId: 'notEvaluated', data: { what: '. includes this kustomization again (a cycle)' } }],
    },
    {
      name: 'a cycle through two bases, and what a base does not evaluate',
      fileName: 'overlay/kustomization.yaml',
      code: 'resources:\n  - «../a»\n',
      workspace: { 'a/kustomization.yaml': 'resources: [../b]\n', 'b/kustomization.yaml': 'resources: [../a]\nhelmCharts: [{name: x}]\n' },
      errors: [{ messageId: 'notEvaluated', data: { what: 'helmCharts (in ../a), ../a includes a kustomization of its own chain again (a cycle)' } }],
    },
    {
      name: 'a deep chain is bounded',
      fileName: 'kustomization.yaml',
      code: 'resources:\n  - «d0»\n',
      workspace: Object.fromEntries(
        Array.from({ length: 40 }, (_, i) => [`${'d0/'.replace('d0', Array.from({ length: i + 1 }, (_, j) => `d${j}`).join('/'))}kustomization.yaml`, `resources: [d${i + 1}]\n`]),
      ),
      errors: [{ messageId: 'notEvaluated', data: { what: 'bases of d0 beyond 20 levels or 100 kustomizations' } }],
    },
  ],
});
