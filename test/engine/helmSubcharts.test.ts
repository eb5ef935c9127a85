// Helm subcharts (issue 11): a chart under another's `charts/` is rendered with its values coalesced as
// Helm does — its own values.yaml, then the parent's `<name>:` (or alias) section, then the top chart's
// values files, every parent's `global:` as `.Values.global` — and a finding from a value a parent sets
// lands at the parent's values line. Packed (.tgz) subcharts are not evaluated, and say so.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze, applyEdits, memoryHost, mergeConfig, type EngineConfig, type Finding } from '../../server/src/engine/index';
import { filesUnder } from '../../scripts/corpus';
import { readValues } from '../../server/src/engine/parse/helmRender';
import { renderChartTemplate } from '../../server/src/engine/workspace/helmChart';
import { WorkspaceFacts } from '../../server/src/engine/workspace/facts';
import { CHART_DIR, chartFiles, chartHost, DEPLOYMENT, VALUES, VALUES_PATH } from '../harness/helmChart';

const REPO = path.resolve(__dirname, '..', '..', '..');
const SUB = 'charts/backend';
const SUB_TEMPLATE = `${CHART_DIR}/${SUB}/templates/deployment.yaml`;
const SUB_VALUES = VALUES.replace('privileged: true', 'privileged: false').replace('runAsUser: 0', 'runAsUser: 10001');
/** The subchart: its own safe values, its template the helm create Deployment (whose `app.*` defines are the parent's). */
const subchart = (files: Record<string, string> = {}) => ({
  [`${SUB}/Chart.yaml`]: 'apiVersion: v2\nname: backend\nversion: 0.2.0\n',
  [`${SUB}/values.yaml`]: SUB_VALUES,
  [`${SUB}/templates/deployment.yaml`]: DEPLOYMENT,
  ...files,
});
const PRIVILEGED_BACKEND = `${VALUES}backend:\n  securityContext:\n    privileged: true\n`;

function analyzeIn(path: string, files: Record<string, string>, config: EngineConfig = mergeConfig()) {
  const r = analyze({ uri: path, text: chartFiles(files)[path], workspace: chartHost(files) }, config);
  assert.deepEqual(r.ruleErrors, []);
  return r;
}
const find = (findings: Finding[], id: string) => findings.find((f) => f.ruleId === id);
const lineOf = (text: string, needle: string, from = 0) => text.split('\n').findIndex((l, i) => i >= from && l.includes(needle));

// ---------------------------------------------------------------- coalescing, as a table

/** A subchart template that prints the values the rows read. */
const PROBE =
  'privileged: {{ .Values.securityContext.privileged }}\nrunAsUser: {{ .Values.securityContext.runAsUser }}\nregistry: {{ .Values.global.registry }}\nregion: {{ .Values.global.region }}\n';

/** What the probe prints in the subchart, key by key ('' for a value that is not set). */
function subchartValues(files: Record<string, string>, valuesFiles: string[] = []): Record<string, string> {
  const all = { ...files, [`${SUB}/templates/probe.yaml`]: PROBE };
  const rendered = renderChartTemplate(new WorkspaceFacts(chartHost(all), `${CHART_DIR}/${SUB}/templates/probe.yaml`), PROBE, valuesFiles);
  assert.ok(rendered && !rendered.failure);
  const pairs = rendered.text.split('\n').flatMap((line) => {
    const m = /^(\w+): ?(.*)$/.exec(line);
    return m ? [[m[1], m[2]] as const] : [];
  });
  return Object.fromEntries(pairs);
}

const coalescing: Array<{ name: string; files: Record<string, string>; valuesFiles?: string[]; expect: Record<string, string> }> = [
  { name: "the subchart's own values", files: subchart(), expect: { privileged: 'false', runAsUser: '10001', registry: '', region: '' } },
  {
    name: "the parent's <name>: section overrides them, key by key",
    files: subchart({ 'values.yaml': PRIVILEGED_BACKEND }),
    expect: { privileged: 'true', runAsUser: '10001', registry: '', region: '' },
  },
  {
    name: "a null in the parent's section removes the subchart's default",
    files: subchart({ 'values.yaml': `${VALUES}backend:\n  securityContext:\n    runAsUser: null\n` }),
    expect: { privileged: 'false', runAsUser: '', registry: '', region: '' },
  },
  {
    name: "an alias in the parent's Chart.yaml names the section",
    files: subchart({
      'Chart.yaml': 'apiVersion: v2\nname: app\nversion: 0.1.0\ndependencies:\n  - name: backend\n    version: 0.2.0\n    alias: api\n',
      'values.yaml': `${VALUES}api:\n  securityContext:\n    privileged: true\nbackend:\n  securityContext:\n    runAsUser: 0\n`,
    }),
    expect: { privileged: 'true', runAsUser: '10001', registry: '', region: '' },
  },
  {
    name: "the top chart's values files (settings) apply to the subchart under its name, last",
    files: subchart({ 'values.yaml': PRIVILEGED_BACKEND, 'values-prod.yaml': 'backend:\n  securityContext:\n    privileged: false\n    runAsUser: 0\n' }),
    valuesFiles: ['values-prod.yaml'],
    expect: { privileged: 'false', runAsUser: '0', registry: '', region: '' },
  },
  {
    name: "the parent's global: is the subchart's .Values.global, over the subchart's own",
    files: subchart({ 'values.yaml': `${VALUES}global:\n  registry: parent.example\n`, [`${SUB}/values.yaml`]: `${SUB_VALUES}global:\n  registry: own.example\n  region: eu\n` }),
    expect: { privileged: 'false', runAsUser: '10001', registry: 'parent.example', region: 'eu' },
  },
  {
    name: "a subchart cannot read its parent's other values",
    files: subchart({ 'values.yaml': `${VALUES}securityContext:\n  privileged: true\n` }),
    expect: { privileged: 'false', runAsUser: '10001', registry: '', region: '' },
  },
];

for (const c of coalescing) test(`subchart values: ${c.name}`, () => assert.deepEqual(subchartValues(c.files, c.valuesFiles), c.expect));

test("subchart values: a subchart of a subchart reads the top chart's <a>.<b>: section over its parent's <b>: and its own", () => {
  const inner = `${SUB}/charts/db`;
  const files = {
    ...subchart({ [`${SUB}/values.yaml`]: `${SUB_VALUES}db:\n  securityContext:\n    runAsUser: 0\n` }),
    'values.yaml': `${VALUES}backend:\n  db:\n    securityContext:\n      privileged: true\n`,
    [`${inner}/Chart.yaml`]: 'apiVersion: v2\nname: db\nversion: 1.0.0\n',
    [`${inner}/values.yaml`]: 'securityContext:\n  privileged: false\n  runAsUser: 999\n',
    [`${inner}/templates/probe.yaml`]: PROBE,
  };
  const rendered = renderChartTemplate(new WorkspaceFacts(chartHost(files), `${CHART_DIR}/${inner}/templates/probe.yaml`), PROBE, []);
  assert.equal(rendered?.text, 'privileged: true\nrunAsUser: 0\nregistry: \nregion: \n');
  assert.equal(rendered.values.origins.get('securityContext\u0000privileged')?.key, 'backend.db.securityContext.privileged');
});

test("subchart values: readValues reads a prefixed file's section and its top-level global", () => {
  const values = readValues([
    { path: '/c/charts/s/values.yaml', text: 'a: 1\nglobal:\n  g: own\n' },
    { path: '/c/values.yaml', text: 's:\n  a: 2\n  b: 3\nglobal:\n  g: parent\nother: 4\n', prefix: ['s'] },
  ]);
  assert.deepEqual(JSON.parse(JSON.stringify(values.values)), { a: 2, global: { g: 'parent' }, b: 3 });
  assert.deepEqual(values.origins.get('a'), { path: '/c/values.yaml', line: 1, key: 's.a' });
  assert.deepEqual(values.origins.get('global\u0000g'), { path: '/c/values.yaml', line: 4, key: 'global.g' });
});

// ---------------------------------------------------------------- where findings land

test('subchart findings: a value the parent sets is reported at the subchart template line, naming the parent file and key', () => {
  const files = subchart({ 'values.yaml': PRIVILEGED_BACKEND });
  const r = analyzeIn(SUB_TEMPLATE, files);
  const f = find(r.findings, 'K8S001');
  assert.ok(f);
  assert.equal(f.range.start.line, lineOf(DEPLOYMENT, 'toYaml .Values.securityContext'));
  assert.match(f.message, /value of backend\.securityContext\.privileged in \.\.\/\.\.\/values\.yaml/);
  assert.deepEqual(
    f.related?.filter((x) => x.path === VALUES_PATH).map((x) => x.range.start.line),
    [lineOf(PRIVILEGED_BACKEND, 'privileged: true', lineOf(PRIVILEGED_BACKEND, 'backend:'))],
  );
  // The subchart's own safe runAsUser: no root finding; the parent's own securityContext is not the subchart's.
  assert.equal(find(r.findings, 'K8S003'), undefined);
  assert.equal(find(analyzeIn(SUB_TEMPLATE, subchart()).findings, 'K8S001'), undefined);
  // The parent's defines (app.fullname) are the subchart's too: the name is rendered.
  assert.ok(r.findings.every((x) => !x.message.includes('{{')));
});

test("subchart findings: the parent's values.yaml shows them at its line, the subchart template related", () => {
  const files = subchart({ 'values.yaml': PRIVILEGED_BACKEND });
  const r = analyzeIn(VALUES_PATH, files);
  const privileged = r.findings.filter((x) => x.ruleId === 'K8S001');
  const backendLine = lineOf(PRIVILEGED_BACKEND, 'privileged: true', lineOf(PRIVILEGED_BACKEND, 'backend:'));
  const fromSubchart = privileged.find((x) => x.range.start.line === backendLine);
  assert.ok(fromSubchart, JSON.stringify(privileged.map((x) => x.range.start.line)));
  assert.equal(fromSubchart.related?.[0].path, SUB_TEMPLATE);
  assert.equal(fromSubchart.related?.[0].message, `rendered by ${SUB}/templates/deployment.yaml`);
  // The parent's own template still reports its own privileged value, at its own line.
  assert.ok(privileged.some((x) => x.range.start.line === lineOf(VALUES, 'privileged: true')));
});

test("subchart findings: the fix edits the parent's values file under the subchart's key", () => {
  const parentValues = `${VALUES}backend:\n  securityContext:\n    privileged: true\n    runAsNonRoot: true\n`;
  const files = subchart({ 'values.yaml': parentValues, [`${SUB}/values.yaml`]: SUB_VALUES.replace('  privileged: false\n', '') });
  const fix = find(analyzeIn(SUB_TEMPLATE, files).findings, 'K8S001')?.fixes[0];
  assert.ok(fix);
  assert.deepEqual(fix.edits, []);
  assert.deepEqual(
    fix.fileEdits?.map((e) => e.path),
    [VALUES_PATH],
  );
  const after = applyEdits(parentValues, fix.fileEdits![0].edits);
  assert.equal(after, `${VALUES}backend:\n  securityContext:\n    runAsNonRoot: true\n`);
  assert.equal(find(analyzeIn(SUB_TEMPLATE, { ...files, 'values.yaml': after }).findings, 'K8S001'), undefined);
  // Where the subchart's own values.yaml sets the key too, removing it from the parent would let that one show: display-only.
  const both = find(analyzeIn(SUB_TEMPLATE, subchart({ 'values.yaml': parentValues })).findings, 'K8S001')?.fixes[0];
  assert.ok(both);
  assert.deepEqual([both.edits, both.fileEdits], [[], undefined]);
});

// ---------------------------------------------------------------- conditions

const WITH_CONDITION = (condition: string) => `apiVersion: v2\nname: app\nversion: 0.1.0\ndependencies:\n  - name: backend\n    version: 0.2.0\n    condition: ${condition}\n`;
const conditions: Array<{ name: string; condition: string; values: string; disabledBy?: string }> = [
  { name: 'a condition set false leaves the subchart out', condition: 'backend.enabled', values: `${PRIVILEGED_BACKEND}  enabled: false\n`, disabledBy: 'backend.enabled' },
  { name: 'a condition set true keeps it', condition: 'backend.enabled', values: `${PRIVILEGED_BACKEND}  enabled: true\n` },
  { name: 'a condition the values do not set keeps it', condition: 'backend.enabled', values: PRIVILEGED_BACKEND },
  {
    name: 'the first path set to a boolean decides',
    condition: 'backend.missing, features.backend, backend.enabled',
    values: `${PRIVILEGED_BACKEND}  enabled: true\nfeatures:\n  backend: false\n`,
    disabledBy: 'features.backend',
  },
];
for (const c of conditions) {
  test(`subchart conditions: ${c.name}`, () => {
    const files = subchart({ 'Chart.yaml': WITH_CONDITION(c.condition), 'values.yaml': c.values });
    const findings = analyzeIn(SUB_TEMPLATE, files).findings;
    if (c.disabledBy) {
      assert.deepEqual(
        findings.map((f) => [f.ruleId, f.messageId, f.data.condition]),
        [['BH007', 'disabledSubchart', c.disabledBy]],
      );
      // Nor does the parent's values file show anything of it.
      assert.ok(!analyzeIn(VALUES_PATH, files).findings.some((f) => f.related?.some((r) => r.path === SUB_TEMPLATE)));
    } else assert.ok(find(findings, 'K8S001'));
  });
}

// ---------------------------------------------------------------- packed subcharts

test('packed subcharts: the values set for a .tgz subchart say they are not checked (BH007 at the key), by name or alias', () => {
  const values = `${VALUES}cache:\n  securityContext:\n    privileged: true\n`;
  const packed = (chart: string, archive: string) =>
    analyzeIn(VALUES_PATH, { 'Chart.yaml': chart, [`charts/${archive}`]: '\u001f\u008b packed', 'values.yaml': values }).findings.filter((f) => f.ruleId === 'BH007');
  const byName = packed('apiVersion: v2\nname: app\nversion: 0.1.0\n', 'cache-1.2.0.tgz');
  assert.deepEqual(
    byName.map((f) => [f.messageId, f.range.start.line, f.data.archive]),
    [['packedSubchart', lineOf(values, 'cache:'), 'charts/cache-1.2.0.tgz']],
  );
  const byAlias = packed('apiVersion: v2\nname: app\nversion: 0.1.0\ndependencies:\n  - name: redis-ha\n    version: 4.1.0\n    alias: cache\n', 'redis-ha-4.1.0.tgz');
  assert.deepEqual(
    byAlias.map((f) => f.data.key),
    ['cache'],
  );
  // A packed subchart the values do not mention: nothing to say.
  assert.deepEqual(packed('apiVersion: v2\nname: app\nversion: 0.1.0\n', 'other-1.0.0.tgz'), []);
});

// ---------------------------------------------------------------- the fixture chart

test('fixture umbrella chart: the backend subchart is judged with the umbrella values for it and the umbrella globals', () => {
  const root = path.join(REPO, 'test', 'fixtures', 'helm-charts', 'umbrella');
  const files = Object.fromEntries(filesUnder(root).map((file) => [file, fs.readFileSync(file, 'utf8')]));
  const host = memoryHost(files, root);
  const values = `${root}/values.yaml`;
  const template = `${root}/charts/backend/templates/deployment.yaml`;
  const judge = (file: string) => {
    const r = analyze({ uri: file, text: files[file], workspace: host });
    assert.deepEqual(r.ruleErrors, []);
    return r.findings;
  };
  const fromValues = (findings: Finding[], related: (f: Finding) => string | undefined) =>
    findings.filter((f) => ['K8S001', 'K8S003', 'K8S007'].includes(f.ruleId)).map((f) => [f.ruleId, f.range.start.line, related(f)]);
  const line = (file: string, needle: string) => lineOf(files[file], needle);
  const valuesAt = (f: Finding) => f.related?.find((x) => x.path === values)?.range.start.line.toString();
  assert.deepEqual(fromValues(judge(template), valuesAt), [
    ['K8S007', line(template, 'hostNetwork:'), String(line(values, 'hostNetwork: true'))],
    ['K8S001', line(template, 'toYaml .Values.securityContext'), String(line(values, 'privileged: true'))],
    ['K8S003', line(template, 'toYaml .Values.securityContext'), String(line(values, 'runAsUser: 0'))],
  ]);
  assert.deepEqual(
    fromValues(judge(values), (f) => f.related?.[0].path),
    [
      ['K8S007', line(values, 'hostNetwork: true'), template],
      ['K8S001', line(values, 'privileged: true'), template],
      ['K8S003', line(values, 'runAsUser: 0'), template],
    ],
  );
});
