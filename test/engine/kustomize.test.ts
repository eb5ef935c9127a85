// Kustomize (issue 11): patch files are partial (only rules judging a present value fire on them), and a
// kustomization never makes the engine read outside the workspace.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze, memoryHost, mergeConfig, type WorkspaceHost } from '../../server/src/engine/index';
import { dedent } from '../harness/dedent';

const WS = '/ws';
const ALL_K8S = mergeConfig({ rules: { K8S059: 'warning' } });

const patch = dedent`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
  spec:
    replicas: 3
    template:
      spec:
        containers:
          - name: web
            image: registry.example.com/web:2.0
            securityContext:
              privileged: true
`;

const findingsOf = (path: string, text: string, files: Record<string, string>) =>
  analyze({ uri: `file://${WS}/${path}`, text, workspace: memoryHost({ ...files, [`${WS}/${path}`]: text }, WS) }, ALL_K8S).findings;

const ids = (findings: Array<{ ruleId: string; messageId: string }>) => findings.map((f) => `${f.ruleId}/${f.messageId}`).sort();

test('a patch of a kustomization: present values are judged, settings it leaves out are not', () => {
  for (const [kustomization, patchPath] of [
    ['patches:\n  - path: patch.yaml\n', 'overlays/prod/patch.yaml'],
    ['patchesStrategicMerge:\n  - patch.yaml\n', 'overlays/prod/patch.yaml'],
    ['patchesStrategicMerge:\n  - ./patches/patch.yaml\n', 'overlays/prod/patches/patch.yaml'],
    ['patches:\n  - path: patches/patch.yaml\n    target: {kind: Deployment}\n', 'overlays/prod/patches/patch.yaml'],
  ]) {
    for (const name of ['kustomization.yaml', 'kustomization.yml', 'Kustomization']) {
      const found = findingsOf(patchPath, patch, { [`${WS}/overlays/prod/${name}`]: `resources: [../../base]\n${kustomization}` });
      assert.deepEqual(ids(found), ['K8S001/privileged', 'K8S063/noDigest'], `${name}: ${kustomization}`);
    }
  }
});

test('the same file outside any kustomization, or one it is a resource of, is judged whole', () => {
  const alone = ids(findingsOf('base/deployment.yaml', patch, {}));
  for (const missing of ['K8S002/notDisabled', 'K8S003/notEnforced', 'K8S004/notDropped', 'K8S013/missing', 'K8S022/notSet', 'K8S059/missing', 'K8S061/unset'])
    assert.ok(alone.includes(missing), missing);
  assert.deepEqual(ids(findingsOf('base/deployment.yaml', patch, { [`${WS}/base/kustomization.yaml`]: 'resources: [deployment.yaml]\n' })), alone);
  // A kustomization further up than patches are kept is not looked for.
  assert.deepEqual(ids(findingsOf('a/b/c/d/e/patch.yaml', patch, { [`${WS}/kustomization.yaml`]: 'patches: [{path: a/b/c/d/e/patch.yaml}]\n' })), alone);
});

test('a resources entry that leaves the workspace is never read, and is reported (BH006)', () => {
  const asked: string[] = [];
  const files: Record<string, string> = { '/ws/overlay/kustomization.yaml': '', '/secret/kustomization.yaml': 'helmCharts: [{name: x}]\n' };
  const inner = memoryHost(files, WS);
  const host: WorkspaceHost = { ...inner, readFile: (p) => (asked.push(p), inner.readFile(p)), listFiles: (d) => (asked.push(d), inner.listFiles(d)) };
  const text = 'resources:\n  - ../../secret\n  - ../../../../etc\n';
  const found = analyze({ uri: 'file:///ws/overlay/kustomization.yaml', text, workspace: host }, ALL_K8S).findings;
  assert.deepEqual(
    found.map((f) => [f.ruleId, f.message]),
    [
      ['BH006', 'Not evaluated: ../../secret is outside the workspace.'],
      ['BH006', 'Not evaluated: ../../../../etc is outside the workspace.'],
    ],
  );
  assert.deepEqual(
    asked.filter((p) => !p.startsWith('/ws/')),
    [],
  );
});
