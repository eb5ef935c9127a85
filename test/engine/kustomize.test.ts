// Kustomize (issue 11): patch files are partial (only rules judging a present value fire on them), and a
// kustomization never makes the engine read outside the workspace.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze, memoryHost, mergeConfig, podSecuritySummaryOf, type WorkspaceHost } from '../../server/src/engine/index';
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

// ---------------------------------------------------------------- effective objects of an overlay

const BASE = dedent`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
  spec:
    replicas: 1
    template:
      spec:
        securityContext:
          runAsNonRoot: true
          seccompProfile: {type: RuntimeDefault}
        containers:
          - name: web
            image: registry.example.com/web:1.0
            securityContext:
              allowPrivilegeEscalation: false
              readOnlyRootFilesystem: true
              capabilities: {drop: [ALL]}
          - name: sidecar
            image: registry.example.com/proxy:2.0
            securityContext:
              allowPrivilegeEscalation: false
              readOnlyRootFilesystem: true
              capabilities: {drop: [ALL]}
`;

/** Findings of the overlay's kustomization, with the base under base/ and the given overlay files. */
function overlay(kustomization: string, files: Record<string, string> = {}, base = BASE) {
  const all: Record<string, string> = { [`${WS}/base/kustomization.yaml`]: 'resources: [deployment.yaml]\n', [`${WS}/base/deployment.yaml`]: base };
  for (const [p, t] of Object.entries(files)) all[`${WS}/overlays/prod/${p}`] = t;
  const text = `resources:\n  - ../../base\n${kustomization}`;
  all[`${WS}/overlays/prod/kustomization.yaml`] = text;
  const config = mergeConfig({ rules: { K8S061: 'off', K8S063: 'off', K8S023: 'off', K8S057: 'off', K8S058: 'off' } });
  return analyze({ uri: `file://${WS}/overlays/prod/kustomization.yaml`, text, workspace: memoryHost(all, WS) }, config).findings.filter((f) => f.ruleId.startsWith('K8S'));
}
const at = (findings: ReturnType<typeof overlay>) => findings.map((f) => `${f.ruleId}/${f.messageId}@${f.range.start.line}`).sort();

test('an overlay whose base is clean and that changes nothing: no findings', () => {
  assert.deepEqual(at(overlay('namespace: prod\n')), []);
});

test('images transformer: the new tag is judged at the images entry', () => {
  const found = overlay('images:\n  - name: registry.example.com/web\n    newTag: latest\n');
  assert.deepEqual(at(found), ['K8S062/latest@3']);
});

test('an inline strategic-merge patch is judged at the line of the patch that sets the value; containers merge by name', () => {
  const patch =
    'patches:\n  - patch: |-\n      apiVersion: apps/v1\n      kind: Deployment\n      metadata: {name: web}\n      spec:\n        template:\n          spec:\n            containers:\n              - name: sidecar\n                securityContext: {privileged: true}\n';
  assert.deepEqual(at(overlay(patch)), ['K8S001/privileged@12']);
  // The same patch written as a flow string has no lines of its own: at its entry.
  const flow = `patches:\n  - patch: '{apiVersion: apps/v1, kind: Deployment, metadata: {name: web}, spec: {template: {spec: {containers: [{name: sidecar, securityContext: {privileged: true}}]}}}}'\n`;
  assert.deepEqual(at(overlay(flow)), ['K8S001/privileged@3']);
});

test('a JSON 6902 patch file is judged at its entry (patchesJson6902 and patches with a target)', () => {
  const ops = '- op: add\n  path: /spec/template/spec/hostPID\n  value: true\n';
  for (const entry of [
    'patchesJson6902:\n  - target: {group: apps, version: v1, kind: Deployment, name: web}\n    path: pid.yaml\n',
    'patches:\n  - target: {kind: Deployment, name: web}\n    path: pid.yaml\n',
  ]) {
    assert.deepEqual(at(overlay(entry, { 'pid.yaml': ops })), ['K8S007/hostPID@3'], entry);
  }
});

test('a strategic-merge patch file reports its own values: the overlay does not repeat them', () => {
  const patch = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      hostNetwork: true\n';
  assert.deepEqual(at(overlay('patches:\n  - path: patch.yaml\n', { 'patch.yaml': patch })), []);
});

test('$patch: delete and $patch: replace that lose a setting: reported at the patch entry, the base object related', () => {
  const del =
    'patches:\n  - patch: |-\n      apiVersion: apps/v1\n      kind: Deployment\n      metadata: {name: web}\n      spec:\n        template:\n          spec:\n            securityContext:\n              $patch: delete\n';
  const found = overlay(`namePrefix: prod-\n${del}`);
  assert.ok(
    found.some((f) => f.ruleId === 'K8S003' && f.messageId === 'notEnforced' && f.range.start.line === 4),
    at(found).join(', '),
  );
  const related = found.find((f) => f.ruleId === 'K8S003')!.related![0];
  assert.equal(related.path, `${WS}/base/deployment.yaml`);
  assert.equal(related.range.start.line, 1);
  const replace =
    'patches:\n  - patch: |-\n      apiVersion: apps/v1\n      kind: Deployment\n      metadata: {name: web}\n      spec:\n        template:\n          spec:\n            containers:\n              - name: web\n                image: registry.example.com/web:1.0\n                securityContext:\n                  $patch: replace\n                  allowPrivilegeEscalation: false\n';
  const replaced = at(overlay(`images:\n  - name: x\n${replace}`));
  assert.ok(replaced.includes('K8S004/notDropped@5') && replaced.includes('K8S022/notSet@5'), replaced.join(', '));
  assert.ok(!replaced.some((f) => f.startsWith('K8S002')), replaced.join(', '));
});

test('a JSON 6902 remove or a null in a later patch: the removal reported at the entry of the patch that removed it', () => {
  const set = "patches:\n  - target: {kind: Deployment}\n    patch: '[{op: add, path: /spec/template/spec/hostPID, value: false}]'\n";
  const remove = "  - target: {kind: Deployment}\n    patch: '[{op: remove, path: /spec/template/spec/containers/0/securityContext/readOnlyRootFilesystem}]'\n";
  const nulled = "  - patch: '{apiVersion: apps/v1, kind: Deployment, metadata: {name: web}, spec: {template: {spec: {securityContext: {runAsNonRoot: null}}}}}'\n";
  // runAsNonRoot left the pod: both containers lack it; readOnlyRootFilesystem left the first container.
  assert.deepEqual(at(overlay(`${set}${remove}${nulled}`)), ['K8S003/notEnforced@7', 'K8S003/notEnforced@7', 'K8S022/notSet@5']);
});

test('a value a later patch overwrites is not reported on the earlier patch file, unless another overlay keeps it', () => {
  const hostNetwork = (value: boolean) => `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      hostNetwork: ${value}\n`;
  const files = (prod: string, staging?: string) => ({
    [`${WS}/base/kustomization.yaml`]: 'resources: [deployment.yaml]\n',
    [`${WS}/base/deployment.yaml`]: BASE,
    [`${WS}/overlays/shared/open.yaml`]: hostNetwork(true),
    [`${WS}/overlays/shared/closed.yaml`]: hostNetwork(false),
    [`${WS}/overlays/shared/kustomization.yaml`]: prod,
    ...(staging ? { [`${WS}/overlays/kustomization.yaml`]: staging } : {}),
  });
  const onOpen = (all: Record<string, string>) =>
    analyze({ uri: `file://${WS}/overlays/shared/open.yaml`, text: all[`${WS}/overlays/shared/open.yaml`], workspace: memoryHost(all, WS) })
      .findings.filter((f) => f.ruleId === 'K8S007')
      .map((f) => f.range.start.line);
  // patchesStrategicMerge comes before patches in Kustomize: closed.yaml, listed under patches, wins.
  assert.deepEqual(onOpen(files('resources: [../../base]\npatches:\n  - path: closed.yaml\npatchesStrategicMerge:\n  - open.yaml\n')), []);
  assert.deepEqual(onOpen(files('resources: [../../base]\npatches:\n  - path: closed.yaml\n  - path: open.yaml\n')), [6]);
  assert.deepEqual(
    onOpen(files("resources: [../../base]\npatches:\n  - path: open.yaml\n  - patch: '[{op: replace, path: /spec/template/spec/hostNetwork, value: false}]'\n    target: {kind: Deployment}\n")),
    [],
  );
  // Another overlay that lists open.yaml alone deploys hostNetwork: true.
  assert.deepEqual(onOpen(files('resources: [../../base]\npatches:\n  - path: open.yaml\n  - path: closed.yaml\n', 'resources: [../base]\npatches:\n  - path: shared/open.yaml\n')), [6]);
});

// ---------------------------------------------------------------- missing settings at the base object

const NAMESPACES = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: prod\n  labels: {pod-security.kubernetes.io/enforce: restricted}\n';
const UNHARDENED =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: registry.example.com/web:1.0\n';

/** A base and two overlays of it (prod and staging, each with `overlayBody`): the findings of `path` by rule/message@line, and the findings. */
function tree(path: string, overlayBody: string, settings: Parameters<typeof mergeConfig>[0] = {}) {
  const files: Record<string, string> = {
    [`${WS}/namespaces.yaml`]: NAMESPACES,
    [`${WS}/base/kustomization.yaml`]: 'resources: [deployment.yaml]\n',
    [`${WS}/base/deployment.yaml`]: UNHARDENED,
    [`${WS}/overlays/prod/kustomization.yaml`]: `resources: [../../base]\n${overlayBody}`,
    [`${WS}/overlays/staging/kustomization.yaml`]: `resources: [../../base/deployment.yaml]\n${overlayBody}`,
  };
  const config = mergeConfig({ ...settings, rules: { K8S061: 'off', K8S063: 'off', K8S023: 'off', K8S057: 'off', K8S058: 'off', K8S069: 'off' } });
  const findings = analyze({ uri: `file://${WS}/${path}`, text: files[`${WS}/${path}`], workspace: memoryHost(files, WS) }, config).findings.filter((f) => f.ruleId.startsWith('K8S'));
  return { at: at(findings), findings };
}

test("a setting the base misses and overlays do not set: one finding, the base's own, none in the overlays", () => {
  const base = tree('base/deployment.yaml', 'namePrefix: prod-\n');
  assert.ok(base.at.includes('K8S003/notEnforced@8'), base.at.join(', '));
  assert.ok(!base.findings.some((f) => f.message.includes('overlay')), base.at.join(', '));
  assert.equal(base.findings.filter((f) => f.ruleId === 'K8S003').length, 1);
  assert.deepEqual(tree('overlays/prod/kustomization.yaml', 'namePrefix: prod-\n').at, []);
  assert.deepEqual(tree('overlays/staging/kustomization.yaml', 'namePrefix: prod-\n').at, []);
});

test('a setting only an overlay requires (its namespace enforces restricted): at the base object, the overlays named and related', () => {
  const settings = { podSecurityLevel: 'baseline' } as const;
  const base = tree('base/deployment.yaml', 'namespace: prod\n', settings);
  const k8s002 = base.findings.filter((f) => f.ruleId === 'K8S002');
  assert.equal(k8s002.length, 1, base.at.join(', '));
  assert.equal(k8s002[0].range.start.line, 1);
  assert.match(k8s002[0].message, /\(in overlays \.\.\/overlays\/prod, \.\.\/overlays\/staging\)$/);
  assert.deepEqual(
    k8s002[0].related!.map((r) => [r.path, r.range.start.line]),
    [
      [`${WS}/overlays/prod/kustomization.yaml`, 0],
      [`${WS}/overlays/staging/kustomization.yaml`, 0],
    ],
  );
  assert.deepEqual(k8s002[0].fixes, []);
  // The overlays themselves do not repeat it, and without the overlays the base is clean of it.
  assert.ok(!tree('overlays/prod/kustomization.yaml', 'namespace: prod\n', settings).at.some((f) => f.startsWith('K8S002')));
  assert.ok(!tree('base/deployment.yaml', '', settings).at.some((f) => f.startsWith('K8S002')));
});

test('patch targets: anchored regular expressions for group, version, kind, name and namespace; label and annotation selectors', () => {
  const labelled = BASE.replace('  name: web\n', '  name: web\n  namespace: shop\n  labels: {app: web, tier: front}\n  annotations: {team: payments}\n');
  const hostPID = (target: string) => `patches:\n  - target: ${target}\n    patch: '[{op: add, path: /spec/template/spec/hostPID, value: true}]'\n`;
  const table: Array<[string, boolean]> = [
    ['{kind: Deployment, name: web}', true],
    ['{name: "w.*"}', true],
    ['{name: "we"}', false], // anchored: a part of the name is not a match
    ['{name: "eb"}', false],
    ['{name: "web|api"}', true],
    ['{kind: "Deploy.*", namespace: "sh.p"}', true],
    ['{namespace: "prod"}', false],
    ['{group: apps, version: v1, kind: Deployment}', true],
    ['{group: batch}', false],
    ['{version: v1beta1}', false],
    ['{labelSelector: "app=web"}', true],
    ['{labelSelector: "app=web,tier!=back"}', true],
    ['{labelSelector: "tier in (front, edge),!legacy"}', true],
    ['{labelSelector: "tier notin (front)"}', false],
    ['{labelSelector: "app==api"}', false],
    ['{labelSelector: "release"}', false],
    ['{annotationSelector: "team=payments"}', true],
    ['{annotationSelector: "team=search"}', false],
    ['{kind: Deployment, labelSelector: "app=web", annotationSelector: "team"}', true],
  ];
  for (const [target, selected] of table) {
    assert.deepEqual(at(overlay(hostPID(target), {}, labelled)), selected ? ['K8S007/hostPID@3'] : [], target);
  }
});

test('a patch target that does not compile selects nothing and is reported as not evaluated (XF017), never a failure', () => {
  const labelled = BASE.replace('  name: web\n', '  name: web\n  labels: {app: web}\n');
  for (const [target, reason] of [
    ['{name: "web("}', 'a patch target name that is not a valid regular expression (web()'],
    ['{kind: "(?P<x"}', 'a patch target kind that is not a valid regular expression ((?P<x)'],
    ['{name: [web]}', 'a patch target name that is not a string'],
    ['{labelSelector: "app in (web"}', 'a patch target labelSelector that is not a label selector (app in (web)'],
    ['{annotationSelector: "=x"}', 'a patch target annotationSelector that is not a label selector (=x)'],
    ['web', 'a patch target that is not a mapping'],
  ]) {
    const text = `resources: [../../base]\npatches:\n  - target: ${target}\n    patch: '[{op: add, path: /spec/template/spec/hostPID, value: true}]'\n`;
    const files = { [`${WS}/base/kustomization.yaml`]: 'resources: [deployment.yaml]\n', [`${WS}/base/deployment.yaml`]: labelled, [`${WS}/overlays/prod/kustomization.yaml`]: text };
    const found = analyze({ uri: `file://${WS}/overlays/prod/kustomization.yaml`, text, workspace: memoryHost(files, WS) }).findings;
    assert.deepEqual(
      found.filter((f) => f.ruleId === 'XF017' || f.ruleId === 'BH005' || f.ruleId === 'K8S007').map((f) => [f.ruleId, f.message, f.range.start.line]),
      [['XF017', `Not evaluated offline: ${reason}.`, 2]],
      target,
    );
  }
});

test('replicas and namespace transformers apply; a remote base is left out, never fetched', () => {
  const found = overlay('namespace: kube-system\nreplicas:\n  - name: web\n    count: 5\n');
  assert.deepEqual(at(found), ['K8S060/systemNamespace@2']);
  assert.deepEqual(at(overlay('bases:\n  - https://github.com/example/x//base?ref=v1\n')), []);
});

test('hostile kustomizations: wrong types, invalid operations and deep nesting are skipped, never a failure', () => {
  const deep = `${'['.repeat(3000)}${']'.repeat(3000)}`;
  for (const body of [
    'resources: 5\n',
    'patches: [{patch: 3}, {path: 7}, x, {path: ../../../../etc/passwd}]\n',
    'images: [{name: 1}, {name: registry.example.com/web, newTag: [1]}]\nreplicas: [{name: web, count: x}]\n',
    `patches:\n  - patch: '${deep}'\n  - target: {kind: Deployment}\n    patch: '[{op: bogus, path: /x}, {op: remove, path: /spec/nothing/here}, 5]'\n`,
    'patchesJson6902: [{target: {kind: Deployment, name: web}, patch: "- op: add\\n  path: /spec/template/spec/containers/9/x\\n  value: 1\\n"}]\n',
    'namespace: [x]\nnamePrefix: {a: b}\ncommonLabels: 3\nlabels: [{pairs: [1]}]\n',
  ]) {
    const found = analyze({
      uri: `file://${WS}/overlays/prod/kustomization.yaml`,
      text: `resources: [../../base]\n${body}`,
      workspace: memoryHost({ [`${WS}/base/kustomization.yaml`]: 'resources: [deployment.yaml]\n', [`${WS}/base/deployment.yaml`]: BASE }, WS),
    });
    assert.deepEqual(
      found.findings.filter((f) => f.ruleId === 'BH005'),
      [],
      body,
    );
  }
});

// ---------------------------------------------------------------- Pod Security summary on a patch

test("the Pod Security summary of a patch is its effective object's in the overlay that lists it, or unknown, never the partial object's", () => {
  const privilegedPatch =
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: sidecar\n          securityContext: {privileged: true}\n';
  const files = (kustomization: string) => ({
    [`${WS}/base/kustomization.yaml`]: 'resources: [deployment.yaml]\n',
    [`${WS}/base/deployment.yaml`]: BASE,
    [`${WS}/overlays/prod/kustomization.yaml`]: kustomization,
    [`${WS}/overlays/prod/patch.yaml`]: privilegedPatch,
  });
  const summary = (all: Record<string, string>, path = 'overlays/prod/patch.yaml') =>
    podSecuritySummaryOf({ uri: `file://${WS}/${path}`, text: all[`${WS}/${path}`], workspace: memoryHost(all, WS) }, mergeConfig());
  const [effective] = summary(files('resources: [../../base]\nnamePrefix: prod-\npatches:\n  - path: patch.yaml\n'));
  assert.deepEqual(effective.kustomizePatch, { overlay: 'kustomization.yaml' });
  assert.equal(effective.name, 'prod-web');
  assert.equal(effective.range.start.line, 1);
  assert.equal(effective.baseline, false);
  // Only what the effective object fails: the base's runAsNonRoot, seccomp and capabilities still hold.
  assert.deepEqual(
    effective.failing.map((c) => c.control),
    ['Privileged Containers'],
  );
  // The patch alone fails far more (what it leaves to the base): that is never shown.
  const [alone] = summary(files('resources: [../../base]\n'));
  assert.equal(alone.kustomizePatch, undefined);
  assert.ok(alone.failing.length > 1);
  // Listed as a patch, but no overlay object it names: unknown.
  const [unknown] = summary(files('resources: []\npatches:\n  - path: patch.yaml\n'));
  assert.deepEqual(unknown.kustomizePatch, {});
});

test('kustomizations under any of their three names are found from both sides: the overlay builds its base, the base names its overlay', () => {
  const names = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
  const settings = { podSecurityLevel: 'baseline' } as const;
  const config = mergeConfig({ ...settings, rules: { K8S061: 'off', K8S063: 'off', K8S023: 'off', K8S057: 'off', K8S058: 'off', K8S069: 'off' } });
  for (const baseName of names) {
    for (const overlayName of names) {
      const files: Record<string, string> = {
        [`${WS}/namespaces.yaml`]: NAMESPACES,
        [`${WS}/base/${baseName}`]: 'resources: [deployment.yaml]\n',
        [`${WS}/base/deployment.yaml`]: UNHARDENED,
        [`${WS}/overlays/prod/${overlayName}`]: 'resources: [../../base]\nnamespace: prod\nimages:\n  - name: registry.example.com/web\n    newTag: latest\n',
      };
      const findingsOf = (path: string) => analyze({ uri: `file://${WS}/${path}`, text: files[`${WS}/${path}`], workspace: memoryHost(files, WS) }, config).findings;
      const base = findingsOf('base/deployment.yaml').filter((f) => f.ruleId === 'K8S002');
      assert.deepEqual(
        base.map((f) => [f.range.start.line, f.message.endsWith('(in overlay ../overlays/prod)')]),
        [[1, true]],
        `base ${baseName}, overlay ${overlayName}`,
      );
      assert.ok(at(findingsOf(`overlays/prod/${overlayName}`)).includes('K8S062/latest@3'), `base ${baseName}, overlay ${overlayName}`);
    }
  }
});
