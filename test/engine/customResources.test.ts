// Custom resources that carry pod templates (issue 11): every pod-spec rule and the Pod Security summary
// apply to them, in-house kinds through `kubernetes.podTemplatePaths`, and a PersistentVolume's hostPath
// is judged like a pod's hostPath volume.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze, mergeConfig, parseConfigFile, podSecuritySummaryOf, type EngineConfig } from '../../server/src/engine/index';
import { dedent } from '../harness/dedent';

const uri = 'file:///ws/crd.yaml';

/** Indents every line of `block` by `depth` levels of two spaces. */
const indent = (block: string, depth: number): string =>
  block
    .split('\n')
    .map((l) => (l ? '  '.repeat(depth) + l : l))
    .join('\n');

/** A pod spec with a host namespace and a privileged container named `app`. */
const POD_SPEC = 'hostIPC: true\ncontainers:\n  - name: app\n    image: registry.example.com/app:1.0\n    securityContext:\n      privileged: true\n';

/** `key:` nesting down the path, the pod spec under its last key. */
function nested(path: string[], body: string): string {
  return path.map((key, i) => '  '.repeat(i) + key + ':').join('\n') + '\n' + indent(body, path.length);
}

const CARRIERS: Array<{ apiVersion: string; kind: string; path: string[] }> = [
  { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', path: ['spec', 'template', 'spec'] },
  { apiVersion: 'serving.knative.dev/v1', kind: 'Service', path: ['spec', 'template', 'spec'] },
  { apiVersion: 'serving.knative.dev/v1', kind: 'Configuration', path: ['spec', 'template', 'spec'] },
  { apiVersion: 'serving.knative.dev/v1', kind: 'Revision', path: ['spec'] },
  { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'CloneSet', path: ['spec', 'template', 'spec'] },
  { apiVersion: 'apps.kruise.io/v1beta1', kind: 'StatefulSet', path: ['spec', 'template', 'spec'] },
  { apiVersion: 'apps.kruise.io/v1beta1', kind: 'AdvancedStatefulSet', path: ['spec', 'template', 'spec'] },
  { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'DaemonSet', path: ['spec', 'template', 'spec'] },
  { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'AdvancedDaemonSet', path: ['spec', 'template', 'spec'] },
  { apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledJob', path: ['spec', 'jobTargetRef', 'template', 'spec'] },
];

const ruleIds = (text: string, config?: EngineConfig): string[] => [...new Set(analyze({ uri, text }, config).findings.map((f) => f.ruleId))].sort();

test('each custom resource with a pod template: host namespaces, privileged, the missing-setting rules and the Pod Security summary', () => {
  for (const { apiVersion, kind, path } of CARRIERS) {
    const text = `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: web\n${nested(path, POD_SPEC)}`;
    const ids = ruleIds(text);
    for (const id of ['K8S001', 'K8S007', 'K8S003']) assert.ok(ids.includes(id), `${kind}: ${id} in ${ids.join(', ')}`);
    const [summary] = podSecuritySummaryOf({ uri, text }, mergeConfig());
    assert.equal(summary?.kind, kind);
    assert.equal(summary.baseline, false, kind);
    assert.ok(
      summary.failing.some((c) => c.control === 'Host Namespaces'),
      kind,
    );
  }
});

/**
 * Custom resources with several pods, one template per role or replica group: `POD` stands for a pod
 * spec at its indentation, and every one of them must be judged.
 */
const MULTI_POD_CARRIERS: Array<{ apiVersion: string; kind: string; body: string }> = [
  {
    apiVersion: 'ray.io/v1',
    kind: 'RayCluster',
    body: 'spec:\n  headGroupSpec:\n    template:\n      spec:\n        POD\n  workerGroupSpecs:\n    - groupName: cpu\n      template:\n        spec:\n          POD\n    - groupName: gpu\n      template:\n        spec:\n          POD',
  },
  {
    apiVersion: 'ray.io/v1',
    kind: 'RayService',
    body: 'spec:\n  rayClusterConfig:\n    headGroupSpec:\n      template:\n        spec:\n          POD\n    workerGroupSpecs:\n      - template:\n          spec:\n            POD',
  },
  {
    apiVersion: 'ray.io/v1',
    kind: 'RayJob',
    body: 'spec:\n  rayClusterSpec:\n    headGroupSpec:\n      template:\n        spec:\n          POD\n  submitterPodTemplate:\n    spec:\n      POD',
  },
  {
    apiVersion: 'kubeflow.org/v1',
    kind: 'PyTorchJob',
    body: 'spec:\n  pytorchReplicaSpecs:\n    Master:\n      replicas: 1\n      template:\n        spec:\n          POD\n    Worker:\n      replicas: 4\n      template:\n        spec:\n          POD',
  },
  { apiVersion: 'kubeflow.org/v1', kind: 'TFJob', body: 'spec:\n  tfReplicaSpecs:\n    PS:\n      template:\n        spec:\n          POD' },
  {
    apiVersion: 'kubeflow.org/v2beta1',
    kind: 'MPIJob',
    body: 'spec:\n  mpiReplicaSpecs:\n    Launcher:\n      template:\n        spec:\n          POD\n    Worker:\n      template:\n        spec:\n          POD',
  },
  {
    apiVersion: 'jobset.x-k8s.io/v1alpha2',
    kind: 'JobSet',
    body: 'spec:\n  replicatedJobs:\n    - name: workers\n      template:\n        spec:\n          template:\n            spec:\n              POD',
  },
  {
    apiVersion: 'leaderworkerset.x-k8s.io/v1',
    kind: 'LeaderWorkerSet',
    body: 'spec:\n  leaderWorkerTemplate:\n    size: 4\n    leaderTemplate:\n      spec:\n        POD\n    workerTemplate:\n      spec:\n        POD',
  },
  {
    apiVersion: 'batch.volcano.sh/v1alpha1',
    kind: 'Job',
    body: 'spec:\n  tasks:\n    - name: a\n      template:\n        spec:\n          POD\n    - name: b\n      template:\n        spec:\n          POD',
  },
];

/** Each `POD` line of `body` replaced by the pod spec at that line's indentation. */
const withPods = (body: string): string => body.replace(/^( *)POD$/gm, (_, spaces: string) => indent(POD_SPEC, spaces.length / 2).trimEnd());

test('custom resources with several pod templates: every pod is judged, each finding at its own template', () => {
  for (const { apiVersion, kind, body } of MULTI_POD_CARRIERS) {
    const text = `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: train\n${withPods(body)}\n`;
    const pods = body.split('\n').filter((line) => line.trim() === 'POD').length;
    const findings = analyze({ uri, text }).findings;
    for (const id of ['K8S001', 'K8S007']) {
      const lines = findings.filter((f) => f.ruleId === id).map((f) => f.range.start.line);
      assert.equal(new Set(lines).size, pods, `${kind}: one ${id} per pod template (${lines.join(', ')})`);
    }
    // A finding about a whole pod (its service account) anchors on that pod, never twice on the object.
    const automount = findings.filter((f) => f.ruleId === 'K8S057').map((f) => f.range.start.line);
    assert.equal(new Set(automount).size, pods, `${kind}: one K8S057 per pod template (${automount.join(', ')})`);
    const [summary] = podSecuritySummaryOf({ uri, text }, mergeConfig());
    assert.equal(summary?.kind, kind);
    assert.equal(summary.baseline, false, kind);
  }
});

test('`*` over a mapping sees merged keys as lookups do: a replica spec merged through `<<` is judged, an overridden one once', () => {
  // Master comes only from the merged map; Worker is in both, and the replica spec's own Worker wins.
  const body =
    'x-replicas: &replicas\n  Master:\n    template:\n      spec:\n        POD\n  Worker:\n    template:\n      spec:\n        POD\n' +
    'spec:\n  pytorchReplicaSpecs:\n    <<: *replicas\n    Worker:\n      replicas: 4\n      template:\n        spec:\n          POD';
  const text = `apiVersion: kubeflow.org/v1\nkind: PyTorchJob\nmetadata:\n  name: train\n${withPods(body)}\n`;
  const privileged = analyze({ uri, text })
    .findings.filter((f) => f.ruleId === 'K8S001')
    .map((f) => f.range.start.line);
  const lineOf = (fromLine: number) => text.split('\n').findIndex((line, i) => i > fromLine && line.trim() === 'privileged: true');
  const specLine = text.split('\n').indexOf('spec:');
  // The merged Master (inside the anchor) and the spec's own Worker; never the anchor's Worker, which is overridden.
  assert.deepEqual(
    privileged.sort((a, b) => a - b),
    [lineOf(0), lineOf(specLine)],
  );
});

test('a custom resource of another group with the same kind carries no pod spec', () => {
  const text = `apiVersion: example.com/v1\nkind: RayCluster\nmetadata:\n  name: x\n${withPods(MULTI_POD_CARRIERS[0].body)}\n`;
  assert.deepEqual(
    ruleIds(text).filter((id) => ['K8S001', 'K8S007'].includes(id)),
    [],
  );
});

test('a core Service is no Knative Service: no pod spec, no findings of pod rules', () => {
  const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      hostIPC: true\n      containers:\n        - name: app\n          image: app:1\n';
  assert.deepEqual(
    ruleIds(text).filter((id) => ['K8S001', 'K8S007', 'K8S003'].includes(id)),
    [],
  );
});

test('Argo Workflow, WorkflowTemplate and CronWorkflow: every template container, script, container set, init container and sidecar', () => {
  const templates = dedent`
    securityContext:
      runAsNonRoot: true
    templates:
      - name: build
        container:
          image: alpine:3.20
          securityContext: {privileged: true}
      - name: lint
        script:
          image: python:3.12
          source: print(1)
          securityContext: {privileged: true}
      - name: set
        containerSet:
          containers:
            - name: a
              image: alpine:3.20
              securityContext: {privileged: true}
        initContainers:
          - name: init
            image: alpine:3.20
            securityContext: {privileged: true}
        sidecars:
          - name: side
            image: alpine:3.20
            securityContext: {privileged: true}
  `;
  for (const [kind, path] of [
    ['Workflow', ['spec']],
    ['WorkflowTemplate', ['spec']],
    ['ClusterWorkflowTemplate', ['spec']],
    ['CronWorkflow', ['spec', 'workflowSpec']],
  ] as const) {
    const text = `apiVersion: argoproj.io/v1alpha1\nkind: ${kind}\nmetadata:\n  name: ci\n${nested([...path], templates)}`;
    const privileged = analyze({ uri, text }).findings.filter((f) => f.ruleId === 'K8S001');
    assert.deepEqual(
      privileged.map((f) => f.data.container),
      ['build', 'lint', 'a', 'init', 'side'],
      kind,
    );
    // The workflow's own securityContext is the pods' one: runAsNonRoot is set for every container.
    assert.ok(!analyze({ uri, text }).findings.some((f) => f.ruleId === 'K8S003'), kind);
  }
});

test('Tekton Task steps: a present value is judged, a missing setting is not (the TaskRun sets the pod)', () => {
  const text = dedent`
    apiVersion: tekton.dev/v1
    kind: Task
    metadata:
      name: build
    spec:
      steps:
        - name: kaniko
          image: gcr.io/kaniko-project/executor:v1.23.0
          securityContext:
            privileged: true
        - name: test
          image: golang:1.23
  `;
  const findings = analyze({ uri, text }).findings;
  assert.deepEqual(
    findings.filter((f) => f.ruleId === 'K8S001').map((f) => f.data.container),
    ['kaniko'],
  );
  for (const id of ['K8S003', 'K8S004']) assert.ok(!findings.some((f) => f.ruleId === id), `${id}: ${findings.map((f) => f.message).join('\n')}`);
});

test('Tekton inline task specs: TaskRun taskSpec, Pipeline and PipelineRun tasks[].taskSpec and finally[].taskSpec steps', () => {
  const steps =
    'steps:\n  - name: kaniko\n    image: gcr.io/kaniko-project/executor:v1.23.0\n    securityContext:\n      privileged: true\n  - name: test\n    image: golang:1.23\nsidecars:\n  - name: docker\n    image: docker:27-dind\n    securityContext: {privileged: true}\n';
  const inTasks = (key: string) => `${key}:\n  - name: build\n    taskSpec:\n${indent(steps, 3)}  - name: by-reference\n    taskRef: {name: other}\n`;
  const table: Array<[string, string[], string[]]> = [
    ['TaskRun', ['spec', 'taskSpec'], ['kaniko', 'docker']],
    ['Pipeline', ['spec'], ['kaniko', 'docker', 'kaniko', 'docker']],
    ['PipelineRun', ['spec', 'pipelineSpec'], ['kaniko', 'docker', 'kaniko', 'docker']],
  ];
  for (const [kind, path, privileged] of table) {
    const body = kind === 'TaskRun' ? steps : `${inTasks('tasks')}${inTasks('finally')}`;
    const text = `apiVersion: tekton.dev/v1\nkind: ${kind}\nmetadata:\n  name: ci\n${nested(path, body)}`;
    const findings = analyze({ uri, text }).findings;
    assert.deepEqual(
      findings.filter((f) => f.ruleId === 'K8S001').map((f) => f.data.container),
      privileged,
      kind,
    );
    // Pod-level settings come from the run's pod template or the cluster's defaults: missing ones are not reported.
    for (const id of ['K8S003', 'K8S004', 'K8S026']) assert.ok(!findings.some((f) => f.ruleId === id), `${kind} ${id}: ${findings.map((f) => f.message).join('\n')}`);
  }
});

test("Argo template securityContext replaces the workflow's for that template's pod (no merge), as Argo builds the pod", () => {
  const text = dedent`
    apiVersion: argoproj.io/v1alpha1
    kind: Workflow
    metadata:
      name: ci
    spec:
      securityContext:
        runAsNonRoot: true
        seccompProfile: {type: RuntimeDefault}
      templates:
        - name: inherits
          container:
            image: alpine:3.20
        - name: own
          securityContext:
            runAsGroup: 1000
          container:
            image: alpine:3.20
        - name: root
          securityContext:
            runAsUser: 0
          container:
            image: alpine:3.20
  `;
  const findings = analyze({ uri, text }).findings;
  const of = (id: string) => findings.filter((f) => f.ruleId === id).map((f) => `${f.messageId}:${f.data.container ?? f.data.containers}`);
  // runAsNonRoot and the seccomp profile reach only the template that sets no securityContext of its own.
  assert.deepEqual(of('K8S003'), ['notEnforced:own', 'rootUser:container "root"']);
  assert.deepEqual(of('K8S013'), ['missing:containers "own" and "root"']);
  // The workflow has a pod-level securityContext and every template is covered: no "pod has none".
  assert.ok(!findings.some((f) => f.ruleId === 'K8S026' && f.messageId === 'podMissing'));
  const [summary] = podSecuritySummaryOf({ uri, text }, mergeConfig());
  assert.equal(summary.restricted, false);
});

test("Argo podSpecPatch (template or workflow level) may set any pod field: the template's missing settings are unknown, present values still judged", () => {
  const workflow = (spec: string, template: string) =>
    `apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  name: ci\nspec:\n${indent(spec, 1)}  templates:\n    - name: patched\n${indent(template, 3)}      container:\n        image: alpine:3.20\n        securityContext: {privileged: true}\n    - name: plain\n      container:\n        image: alpine:3.20\n`;
  const patch = 'podSpecPatch: \'{"securityContext": {"runAsNonRoot": true}}\'\n';
  for (const [where, text, unknown] of [
    ['template', workflow('', patch), ['patched']],
    ['workflow', workflow(patch, ''), ['patched', 'plain']],
    ['none', workflow('', ''), []],
  ] as const) {
    const findings = analyze({ uri, text }).findings;
    const missing = findings.filter((f) => f.ruleId === 'K8S003').map((f) => f.data.container);
    assert.deepEqual(
      missing,
      ['patched', 'plain'].filter((c) => !(unknown as readonly string[]).includes(c)),
      where,
    );
    assert.deepEqual(
      findings.filter((f) => f.ruleId === 'K8S001').map((f) => f.data.container),
      ['patched'],
      where,
    );
  }
});

test('Argo podSpecPatch values: a patch that parses (JSON or YAML) is judged for what it sets, at the podSpecPatch key; one that does not, or is no mapping, is unknown', () => {
  const workflow = (template: string) =>
    `apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  name: ci\nspec:\n  templates:\n    - name: build\n${indent(template, 3)}      container:\n        image: alpine:3.20\n`;
  const PATCH_LINE = 7;
  const privileged = '{"containers": [{"name": "main", "securityContext": {"privileged": true}}]}';
  for (const [name, patch, expected] of [
    ['JSON, a container value', `podSpecPatch: '${privileged}'\n`, ['K8S001/privileged']],
    ['JSON, a pod value', `podSpecPatch: '{"hostIPC": true}'\n`, ['K8S007/hostIPC']],
    ['JSON, a sysctl', `podSpecPatch: '{"securityContext": {"sysctls": [{"name": "kernel.msgmax", "value": "65536"}]}}'\n`, ['K8S017/unsafe']],
    ['YAML block', 'podSpecPatch: |\n  hostNetwork: true\n  containers:\n    - name: main\n      securityContext: {privileged: true}\n', ['K8S001/privileged', 'K8S007/hostNetwork']],
    ["only safe values (their missing settings are not the patch's)", 'podSpecPatch: \'{"containers": [{"name": "main", "resources": {"limits": {"cpu": "{{inputs.parameters.cpu}}"}}}]}\'\n', []],
    ['does not parse', `podSpecPatch: '{"containers": [{"name": "main", '\n`, []],
    ['not a mapping', "podSpecPatch: '[true]'\n", []],
    ['not a string', 'podSpecPatch: 3\n', []],
  ] as const) {
    const findings = analyze({ uri, text: workflow(patch) }).findings;
    const atPatch = findings.filter((f) => f.range.start.line === PATCH_LINE);
    assert.deepEqual(atPatch.map((f) => `${f.ruleId}/${f.messageId}`).sort(), expected, name);
    assert.ok(!findings.some((f) => f.ruleId === 'BH005'), name);
    // The template's own missing settings stay unknown whatever the patch says.
    assert.ok(!findings.some((f) => f.ruleId === 'K8S003'), name);
  }
});

test("sysctls of a pod template are judged in every carrier: an Argo template's own securityContext, a workflow's, a CRD pod template's", () => {
  const sysctls = 'securityContext:\n  sysctls:\n    - name: kernel.msgmax\n      value: "65536"\n    - name: net.ipv4.tcp_syncookies\n      value: "1"\n';
  const unsafeAt = (text: string) =>
    analyze({ uri, text })
      .findings.filter((f) => f.ruleId === 'K8S017')
      .map((f) => `${f.data.name}@${f.range.start.line}`);
  const argo = (spec: string, template: string) =>
    `apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  name: ci\nspec:\n${indent(spec, 1)}  templates:\n    - name: build\n${indent(template, 3)}      container:\n        image: alpine:3.20\n`;
  assert.deepEqual(unsafeAt(argo('', sysctls)), ['kernel.msgmax@9']);
  assert.deepEqual(unsafeAt(argo(sysctls, '')), ['kernel.msgmax@7']);
  for (const { apiVersion, kind, path } of CARRIERS) {
    const text = `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: x\n${nested(path, `${sysctls}containers:\n  - name: app\n    image: registry.example.com/app:1.0\n`)}`;
    assert.deepEqual(
      unsafeAt(text).map((u) => u.split('@')[0]),
      ['kernel.msgmax'],
      kind,
    );
  }
});

test('kubernetes.podTemplatePaths maps an in-house kind, by apiVersion or by group, from settings and .bulkhead.yaml', () => {
  const text = `apiVersion: example.com/v2\nkind: Worker\nmetadata:\n  name: w\n${nested(['spec', 'pod'], POD_SPEC)}`;
  assert.ok(!ruleIds(text).includes('K8S001'), 'unknown kinds carry no pod spec');
  for (const key of ['example.com/v2/Worker', 'example.com/Worker']) {
    assert.ok(ruleIds(text, mergeConfig({ podTemplatePaths: { [key]: 'spec.pod' } })).includes('K8S001'), key);
  }
  assert.ok(!ruleIds(text, mergeConfig({ podTemplatePaths: { 'example.com/v1/Worker': 'spec.pod' } })).includes('K8S001'), 'another version');
  const file = parseConfigFile('kubernetes:\n  podTemplatePaths:\n    example.com/Worker: spec.pod\n');
  assert.deepEqual(file.errors, []);
  assert.ok(ruleIds(text, mergeConfig(file.config)).includes('K8S001'));
  // The file's entry wins over the editor's for the same kind; other entries of both stay.
  const merged = mergeConfig({ podTemplatePaths: { 'example.com/Worker': 'spec.other', 'a.io/X': 'spec' } }, file.config);
  assert.deepEqual(merged.podTemplatePaths, { 'example.com/Worker': 'spec.pod', 'a.io/X': 'spec' });
  const [summary] = podSecuritySummaryOf({ uri, text }, mergeConfig(file.config));
  assert.equal(summary?.kind, 'Worker');
});

test('kubernetes.podTemplatePaths: `*` matches every list item or mapping value, for in-house kinds with several pods', () => {
  const text = `apiVersion: example.com/v1\nkind: Trainer\nmetadata:\n  name: t\n${withPods('spec:\n  roles:\n    - template:\n        spec:\n          POD\n    - template:\n        spec:\n          POD')}\n`;
  const config = mergeConfig({ podTemplatePaths: { 'example.com/Trainer': 'spec.roles.*.template.spec' } });
  assert.equal(analyze({ uri, text }, config).findings.filter((f) => f.ruleId === 'K8S001').length, 2);
  assert.deepEqual(parseConfigFile('kubernetes:\n  podTemplatePaths:\n    example.com/Trainer: spec.roles.*\n').errors.length, 1, 'a path cannot end in *');
});

test('kubernetes.podTemplatePaths: malformed entries are config errors, never a crash', () => {
  for (const body of ['podTemplatePaths: [spec]', 'podTemplatePaths: {Worker: spec}', 'podTemplatePaths: {example.com/Worker: 3}', 'podTemplatePaths: {example.com/Worker: "spec..x"}']) {
    const { config, errors } = parseConfigFile(`kubernetes:\n  ${body}\n`);
    assert.equal(errors.length, 1, body);
    assert.equal(config.podTemplatePaths, undefined, body);
  }
});

test('a PersistentVolume hostPath is judged like a pod hostPath volume', () => {
  const pv = (path: string) => `apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: root\nspec:\n  capacity: {storage: 1Gi}\n  accessModes: [ReadWriteOnce]\n  hostPath:\n    path: ${path}\n`;
  const root = analyze({ uri, text: pv('/') }).findings.filter((f) => f.ruleId === 'K8S005');
  assert.equal(root.length, 1);
  assert.equal(root[0].messageId, 'hostRoot');
  assert.equal(root[0].data.volume, 'root');
  assert.equal(root[0].range.start.line, 8);
  const data = analyze({ uri, text: pv('/data/web') }).findings.filter((f) => f.ruleId === 'K8S009' || f.ruleId === 'K8S005');
  assert.deepEqual(
    data.map((f) => [f.ruleId, f.data.path]),
    [['K8S009', '/data/web']],
  );
  const nfs = 'apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: n\nspec:\n  nfs: {server: nfs, path: /}\n';
  assert.deepEqual(
    ruleIds(nfs).filter((id) => id === 'K8S005' || id === 'K8S009'),
    [],
  );
});
