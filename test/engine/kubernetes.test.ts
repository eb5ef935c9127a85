// The Kubernetes model: pod-spec carriers, container groups, securityContext precedence and the
// Helm-template awareness the container rules rely on.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { SourceFile } from '../../server/src/engine/index';
import { maskTemplates, parseYamlStream } from '../../server/src/engine/parse/yaml';
import {
  buildK8sModel,
  builtK8sModel,
  effectiveSecurity,
  isEffectiveSecurityTemplated,
  isKubernetesDocument,
  isTemplatedPath,
  isWindowsPod,
  usesUserNamespace,
  type K8sModel,
} from '../../server/src/engine/parse/kubernetes';

/** Parses like `analyze` does: templates masked for the parser, the original text kept for ranges. */
function model(text: string): K8sModel {
  const src = new SourceFile('file:///ws/m.yaml', text);
  return buildK8sModel(parseYamlStream(src, maskTemplates(text)).documents.filter(isKubernetesDocument));
}

const podSpecYaml = (indent: string) => ['containers:', '- name: app', 'initContainers:', '- name: init', 'ephemeralContainers:', '- name: debug'].map((l) => indent + l).join('\n');

const CARRIERS: Array<[string, string[]]> = [
  ['Pod', ['spec']],
  ['Deployment', ['spec', 'template', 'spec']],
  ['StatefulSet', ['spec', 'template', 'spec']],
  ['DaemonSet', ['spec', 'template', 'spec']],
  ['ReplicaSet', ['spec', 'template', 'spec']],
  ['ReplicationController', ['spec', 'template', 'spec']],
  ['Job', ['spec', 'template', 'spec']],
  ['DeploymentConfig', ['spec', 'template', 'spec']],
  ['CronJob', ['spec', 'jobTemplate', 'spec', 'template', 'spec']],
  ['PodTemplate', ['template', 'spec']],
];

test('every pod-spec carrier yields its containers, init and ephemeral containers', () => {
  for (const [kind, path] of CARRIERS) {
    const nesting = path.map((key, i) => '  '.repeat(i) + key + ':').join('\n');
    const m = model(`apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: x\n${nesting}\n${podSpecYaml('  '.repeat(path.length))}\n`);
    assert.equal(m.podSpecs.length, 1, kind);
    const object = m.objects[0];
    assert.equal(m.podSpecs[0].node, object.doc.get(object.node, ...path), kind);
    assert.equal(m.podSpecs[0].template, path.length > 1 ? object.doc.get(object.node, ...path.slice(0, -1)) : object.node, kind);
    assert.deepEqual(
      m.containers.map((c) => [c.group, c.name]),
      [
        ['containers', 'app'],
        ['initContainers', 'init'],
        ['ephemeralContainers', 'debug'],
      ],
      kind,
    );
  }
});

test('objects come from every document and from (nested) List items; other kinds have no pod spec', () => {
  const m = model(
    [
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports: [{port: 80}]',
      'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: PodList\n  items:\n  - apiVersion: v1\n    kind: Pod\n    metadata: {name: inner}\n    spec:\n      containers: [{name: a}]',
      '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "json"}, "spec": {"containers": [{"name": "b"}]}}',
    ].join('\n---\n') + '\n',
  );
  assert.deepEqual(
    m.objects.map((o) => `${o.kind}/${o.name}`),
    ['Service/s', 'Pod/inner', 'Pod/json'],
  );
  assert.deepEqual(
    m.containers.map((c) => c.name),
    ['a', 'b'],
  );
});

test('a container without a name is anchored on the item itself', () => {
  const m = model('apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - image: x:1\n');
  const [c] = m.containers;
  assert.equal(c.name, '');
  assert.equal(c.anchor, c.node);
});

const pod = (spec: string) => model(`apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${spec}`);

test('effectiveSecurity: the container overrides the pod; an empty container value does not', () => {
  const [own, inherits, empty, none] = pod(
    [
      '  securityContext: {runAsUser: 1000}',
      '  containers:',
      '  - name: own',
      '    securityContext: {runAsUser: 2000}',
      '  - name: inherits',
      '  - name: empty',
      '    securityContext:',
      '      runAsUser:',
    ].join('\n') + '\n',
  ).containers.concat(pod('  containers:\n  - name: none\n').containers);
  assert.deepEqual(
    [own, inherits, empty].map((c) => {
      const s = effectiveSecurity(c, 'runAsUser');
      return [s?.level, s?.value];
    }),
    [
      ['container', 2000],
      ['pod', 1000],
      ['pod', 1000],
    ],
  );
  assert.equal(effectiveSecurity(none, 'runAsUser'), undefined);
});

test('isTemplatedPath: a printing action on its own line fills the block; control actions do not', () => {
  const [filled, controlled, inline, later] = pod(
    [
      '  containers:',
      // Helm charts often write the action at the key's own column and let nindent place the output.
      '  - name: filled',
      '    securityContext:',
      '    {{- toYaml .Values.securityContext | nindent 6 }}',
      '    image: x',
      '  - name: controlled',
      '    securityContext:',
      '      {{- if .Values.strict }}',
      '      readOnlyRootFilesystem: true',
      '      {{- end }}',
      '  - name: inline',
      '    securityContext:',
      '      runAsUser: {{ .Values.uid }}',
      '  - name: later',
      '    securityContext: {}',
      '    image: x',
      '    {{- include "extra" . | nindent 4 }}',
    ].join('\n') + '\n',
  ).containers;
  const doc = filled.podSpec.object.doc;
  assert.equal(isTemplatedPath(doc, filled.node, 'securityContext', 'runAsUser'), true);
  assert.equal(isTemplatedPath(doc, controlled.node, 'securityContext', 'runAsUser'), false);
  assert.equal(isTemplatedPath(doc, inline.node, 'securityContext', 'runAsUser'), true);
  assert.equal(isTemplatedPath(doc, inline.node, 'securityContext', 'runAsGroup'), false);
  // The include follows a sibling key: securityContext's block has ended.
  assert.equal(isTemplatedPath(doc, later.node, 'securityContext', 'runAsUser'), false);
});

test('isTemplatedPath is false in files without templates', () => {
  const [c] = pod('  containers:\n  - name: a\n    securityContext:\n    image: x\n').containers;
  assert.equal(isTemplatedPath(c.podSpec.object.doc, c.node, 'securityContext', 'runAsUser'), false);
});

test('isEffectiveSecurityTemplated: a written container value stands; a templated pod block counts when the container is silent', () => {
  const [written, silent] = pod(
    [
      '  securityContext:',
      '    {{- toYaml .Values.podSecurityContext | nindent 4 }}',
      '  containers:',
      '  - name: written',
      '    securityContext:',
      '      runAsUser: 0',
      '      {{- with .Values.extra }}',
      '      {{- toYaml . | nindent 6 }}',
      '      {{- end }}',
      '  - name: silent',
    ].join('\n') + '\n',
  ).containers;
  assert.equal(isEffectiveSecurityTemplated(written, 'runAsUser'), false);
  assert.equal(isEffectiveSecurityTemplated(written, 'runAsNonRoot'), true);
  assert.equal(isEffectiveSecurityTemplated(silent, 'runAsNonRoot'), true);
});

test("effectiveSecurity looks up each container's securityContext and its pod's once, however many fields rules ask", () => {
  const k8s = pod('  securityContext: {runAsUser: 1000}\n  containers:\n  - name: a\n    securityContext: {runAsNonRoot: true}\n  - name: b\n');
  const doc = k8s.documents[0];
  const walks: string[][] = [];
  const get = doc.get;
  doc.get = (node, ...path) => {
    walks.push(path);
    return get.call(doc, node, ...path);
  };
  const keys = ['runAsUser', 'runAsNonRoot', 'runAsGroup', 'seccompProfile', 'seLinuxOptions', 'appArmorProfile'];
  // Asked twice, as several rules do: the answers are the precedence's, and the securityContexts are found once.
  for (let round = 0; round < 2; round++) {
    assert.deepEqual(
      k8s.containers.map((c) => keys.map((k) => effectiveSecurity(c, k)?.level ?? '-').join(' ')),
      ['pod container - - - -', 'pod - - - - -'],
    );
  }
  assert.equal(walks.filter((path) => path.includes('securityContext')).length, 2 * k8s.containers.length);
});

test('Windows pods and user-namespaced pods are recognised', () => {
  const [windows, userns, plain] = [
    pod('  os: {name: windows}\n  containers: [{name: a}]\n'),
    pod('  hostUsers: false\n  containers: [{name: a}]\n'),
    pod('  hostUsers: true\n  os: {name: linux}\n  containers: [{name: a}]\n'),
  ].map((m) => m.podSpecs[0]);
  assert.deepEqual([windows, userns, plain].map(isWindowsPod), [true, false, false]);
  assert.deepEqual([windows, userns, plain].map(usesUserNamespace), [false, true, false]);
});

test('the workspace index takes the model of the file just analyzed; every analysis builds its own', () => {
  const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n    - name: c\n      image: nginx\n';
  const documents = parseYamlStream(new SourceFile('file:///ws/index.yaml', text)).documents;
  const analysis = buildK8sModel(documents, { podTemplatePaths: {}, partial: false });
  const indexDocuments = parseYamlStream(new SourceFile('/ws/index.yaml', text)).documents;
  assert.equal(builtK8sModel(indexDocuments), analysis);
  // Rules key caches that read the workspace and settings by model: an analysis never takes one built before.
  assert.notEqual(buildK8sModel(documents), analysis);
  const partial = builtK8sModel(documents, { partial: true });
  assert.ok(partial.objects[0].partial);
  assert.notEqual(builtK8sModel(documents, { podTemplatePaths: { 'v1/Pod': 'spec' } }), partial);
});
