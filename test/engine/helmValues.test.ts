// Helm chart templates judged with their values (issue 11): each template form the evaluator supports,
// unknown-not-missing, values override order, where findings land, and bounds on hostile charts.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze, mergeConfig, type EngineConfig, type Finding } from '../../server/src/engine/index';
import { readValues, renderTemplate } from '../../server/src/engine/parse/helmRender';
import { CHART_DIR, chartFiles, chartHost, DEPLOYMENT, TEMPLATE_PATH, VALUES_PATH } from '../harness/helmChart';

function analyzeChart(files: Record<string, string> = {}, config: EngineConfig = mergeConfig()) {
  const text = chartFiles(files)[TEMPLATE_PATH];
  return analyze({ uri: TEMPLATE_PATH, text, workspace: chartHost(files) }, config);
}
const ids = (findings: Finding[]) => findings.map((f) => f.ruleId);
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle));

// ---------------------------------------------------------------- each template form, rendered

const VALUES = `a:
  b: hello
  empty: ""
  on: true
  list: [x, y]
  map:
    k1: v1
    k2: 2
sc:
  privileged: true
  runAsUser: 0
literal: "{{ .Values.a.b }}-tpl"
`;
/** Bitnami's common library helper that renders a value that may hold a template (charts/common/templates/_tplvalues.tpl). */
const TPLVALUES = `{{- define "common.tplvalues.render" -}}
{{- $value := typeIs "string" .value | ternary .value (.value | toYaml) }}
{{- if contains "{{" (toJson .value) }}
  {{- if .scope }}
      {{- tpl (cat "{{- with $.RelativeScope -}}" $value "{{- end }}") (merge (dict "RelativeScope" .scope) .context) }}
  {{- else }}
    {{- tpl $value .context }}
  {{- end }}
{{- else }}
    {{- $value }}
{{- end }}
{{- end -}}`;
const HELPERS = `{{- define "t.name" -}}\n{{ .Chart.Name }}-{{ .Release.Name }}\n{{- end }}\n{{- define "t.loop" -}}{{ include "t.loop" . }}{{- end }}\n${TPLVALUES}`;

const forms: Array<{ name: string; template: string; output: string }> = [
  { name: '.Values.a.b', template: 'x: {{ .Values.a.b }}', output: 'x: hello' },
  { name: 'missing key prints nothing', template: 'x: {{ .Values.a.nope }}', output: 'x: ' },
  { name: 'default on an empty value', template: 'x: {{ .Values.a.empty | default "d" }}', output: 'x: d' },
  { name: 'default on a set value', template: 'x: {{ default "d" .Values.a.b }}', output: 'x: hello' },
  { name: 'quote', template: 'x: {{ .Values.a.b | quote }}', output: 'x: "hello"' },
  { name: 'squote', template: 'x: {{ .Values.a.map.k2 | squote }}', output: "x: '2'" },
  { name: 'toYaml | nindent', template: 'sc:\n  {{- toYaml .Values.sc | nindent 2 }}', output: 'sc:\n  privileged: true\n  runAsUser: 0' },
  { name: 'toYaml | indent of a list', template: 'l:\n{{ toYaml .Values.a.list | indent 2 }}', output: 'l:\n  - x\n  - y' },
  { name: 'if / else', template: '{{- if .Values.a.on }}\non: yes\n{{- else }}\non: no\n{{- end }}', output: '\non: yes' },
  { name: 'if on a missing value takes else', template: '{{ if .Values.nope }}a{{ else }}b{{ end }}', output: 'b' },
  { name: 'with', template: '{{- with .Values.a }}\nb: {{ .b }}\n{{- end }}', output: '\nb: hello' },
  { name: 'range over a map, sorted', template: '{{- range $k, $v := .Values.a.map }}\n{{ $k }}: {{ $v }}\n{{- end }}', output: '\nk1: v1\nk2: 2' },
  { name: 'range over a list', template: '{{- range .Values.a.list }}\n- {{ . }}\n{{- end }}', output: '\n- x\n- y' },
  { name: 'include of a helper, .Chart and .Release', template: 'name: {{ include "t.name" . }}', output: 'name: chart-release-name' },
  { name: '(…).field reads a field of the result', template: 'x: {{ (dict "k" "v").k }}', output: 'x: v' },
  { name: 'a value after (…) is the next operand, not a field of it', template: 'x: {{ default (include "t.name" .) .Values.a.empty }}', output: 'x: chart-release-name' },
  { name: 'index of maps and lists', template: 'x: {{ index .Values "a" "map" "k1" }}-{{ index .Values.a.list 1 }}', output: 'x: v1-y' },
  { name: '.Release.Namespace', template: 'ns: {{ .Release.Namespace }}', output: 'ns: default' },
  { name: 'required with a value', template: 'x: {{ required "set a.b" .Values.a.b }}', output: 'x: hello' },
  { name: 'tpl of a literal', template: 'x: {{ tpl .Values.literal . }}', output: 'x: hello-tpl' },
  { name: 'printf, trunc, trimSuffix', template: 'x: {{ printf "%s-%s" "ab" "cd-" | trunc 5 | trimSuffix "-" }}', output: 'x: ab-cd' },
  // Unknown: copied as written, so the masking makes it unknown, never missing.
  { name: 'required without a value is unknown', template: 'x: {{ required "set it" .Values.nope }}', output: 'x: {{ required "set it" .Values.nope }}' },
  { name: 'an unsupported function is unknown', template: 'x: {{ .Values.a.b | sha256sum }}', output: 'x: {{ .Values.a.b | sha256sum }}' },
  {
    name: '.Capabilities is unknown, the whole if with it',
    template: 'a\n{{- if .Capabilities.APIVersions.Has "x/v1" }}\nb: 1\n{{- end }}',
    output: 'a\n{{- if .Capabilities.APIVersions.Has "x/v1" }}\nb: 1\n{{- end }}',
  },
  { name: 'a cyclic include is unknown', template: 'x: {{ include "t.loop" . }}', output: 'x: {{ include "t.loop" . }}' },
  { name: 'lookup (the cluster) is always unknown', template: 'x: {{ (lookup "v1" "Secret" "default" "s").data }}', output: 'x: {{ (lookup "v1" "Secret" "default" "s").data }}' },
  // Sprig's type and collection helpers, as library charts use them around values.
  { name: 'typeIs and kindIs', template: 'x: {{ typeIs "string" .Values.a.b }} {{ kindIs "map" .Values.a.map }} {{ kindIs "slice" .Values.a.b }}', output: 'x: true true false' },
  { name: 'the type of a number is unknown (values are float64, literals int)', template: 'x: {{ typeIs "int" .Values.a.map.k2 }}', output: 'x: {{ typeIs "int" .Values.a.map.k2 }}' },
  { name: 'cat, join, has', template: 'x: {{ cat "a" .Values.a.b .Values.nope }} {{ join "," .Values.a.list }} {{ has "y" .Values.a.list }}', output: 'x: a hello x,y true' },
  { name: 'get and dig', template: 'x: {{ get .Values.a.map "k1" }} {{ dig "map" "k1" "none" .Values.a }} {{ dig "map" "nope" "none" .Values.a }}', output: 'x: v1 v1 none' },
  {
    name: 'merge: a key the first map sets wins unless empty',
    template: 'sc:\n  {{- toYaml (merge (dict "runAsUser" 1000 "privileged" false) .Values.sc) | nindent 2 }}',
    output: 'sc:\n  privileged: true\n  runAsUser: 1000',
  },
  {
    name: 'mergeOverwrite: a later non-empty value wins',
    template: 'sc:\n  {{- toYaml (mergeOverwrite (dict "runAsUser" 1000 "privileged" true) .Values.sc) | nindent 2 }}',
    output: 'sc:\n  privileged: true\n  runAsUser: 1000',
  },
  {
    name: "bitnami's common.tplvalues.render of a values map",
    template: 'sc:\n  {{- include "common.tplvalues.render" (dict "value" .Values.sc "context" $) | nindent 2 }}',
    output: 'sc:\n  privileged: true\n  runAsUser: 0',
  },
  {
    name: "bitnami's common.tplvalues.render of a values string holding a template",
    template: 'x: {{ include "common.tplvalues.render" (dict "value" .Values.literal "context" $) }}',
    output: 'x: hello-tpl',
  },
];

for (const f of forms) {
  test(`render: ${f.name}`, () => {
    const r = renderTemplate({
      template: f.template,
      helpers: [HELPERS],
      values: readValues([{ path: '/c/values.yaml', text: VALUES }]),
      chart: { name: 'chart' },
      templateName: 'c/templates/t.yaml',
    });
    assert.equal(r.failure, undefined);
    assert.equal(r.text, f.output);
  });
}

test('render: values files merge in order, later wins, maps key by key', () => {
  const values = readValues([
    { path: '/c/values.yaml', text: 'sc:\n  privileged: true\n  runAsUser: 0\n' },
    { path: '/c/values-prod.yaml', text: 'sc:\n  privileged: false\n' },
  ]);
  assert.deepEqual({ ...(values.values.sc as object) }, { privileged: false, runAsUser: 0 });
  assert.deepEqual(values.origins.get('sc\u0000privileged'), { path: '/c/values-prod.yaml', line: 1, key: 'sc.privileged' });
  assert.deepEqual(values.origins.get('sc\u0000runAsUser'), { path: '/c/values.yaml', line: 2, key: 'sc.runAsUser' });
});

test('render: hostile nesting is bounded: deep parentheses are unknown, deep blocks are not rendered', () => {
  const values = readValues([]);
  const parens = `x: {{ ${'('.repeat(5000)}1${')'.repeat(5000)} }}`;
  assert.equal(renderTemplate({ template: parens, helpers: [], values, chart: {}, templateName: 't' }).text, parens);
  const blocks = `${'{{ if 1 }}'.repeat(5000)}${'{{ end }}'.repeat(5000)}`;
  assert.match(renderTemplate({ template: blocks, helpers: [], values, chart: {}, templateName: 't' }).failure ?? '', /nests too deeply/);
});

test('render: a malformed template is not rendered (judged as written)', () => {
  const r = renderTemplate({ template: 'x: {{ if .Values.a }}', helpers: [], values: readValues([]), chart: {}, templateName: 't' });
  assert.ok(r.failure);
  assert.equal(r.text, 'x: {{ if .Values.a }}');
});

// ---------------------------------------------------------------- findings with values

test('values: the helm create chart with privileged root values is reported at the template line, naming values.yaml', () => {
  const r = analyzeChart();
  assert.deepEqual(r.ruleErrors, []);
  const toYamlLine = lineOf(DEPLOYMENT, 'toYaml .Values.securityContext');
  for (const [id, key] of [
    ['K8S001', 'securityContext.privileged'],
    ['K8S003', 'securityContext.runAsUser'],
  ]) {
    const f = r.findings.find((x) => x.ruleId === id);
    assert.ok(f, `${id} in ${ids(r.findings).join(' ')}`);
    assert.equal(f.range.start.line, toYamlLine);
    assert.match(f.message, new RegExp(`${key.replace('.', '\\.')} in values\\.yaml`));
    const related = f.related?.find((x) => x.path === VALUES_PATH);
    assert.ok(related);
    assert.equal(related.range.start.line, lineOf(chartFiles()[VALUES_PATH], key.split('.')[1]));
  }
  assert.ok(r.dependencies.includes(VALUES_PATH) && r.dependencies.includes(`${CHART_DIR}/templates/_helpers.tpl`));
});

test('values: the same findings show in values.yaml, at the line that sets the value, the template line related', () => {
  const values = chartFiles()[VALUES_PATH];
  const r = analyze({ uri: VALUES_PATH, text: values, workspace: chartHost() }, mergeConfig());
  assert.deepEqual(r.ruleErrors, []);
  for (const [id, key] of [
    ['K8S001', 'privileged: true'],
    ['K8S003', 'runAsUser: 0'],
  ]) {
    const f = r.findings.find((x) => x.ruleId === id);
    assert.ok(f, `${id} in ${ids(r.findings).join(' ')}`);
    assert.equal(f.range.start.line, lineOf(values, key));
    assert.equal(values.split('\n')[f.range.start.line].slice(f.range.start.character, f.range.end.character), key);
    assert.equal(f.related?.[0].path, TEMPLATE_PATH);
    assert.equal(f.related?.[0].range.start.line, lineOf(DEPLOYMENT, 'toYaml .Values.securityContext'));
  }
  // Only what the values set: a missing setting of the template is the template's finding alone.
  assert.ok(!ids(r.findings).includes('K8S022'));
  assert.ok(r.dependencies.includes(TEMPLATE_PATH));
  // A values file no template reads (not configured) is not judged.
  const other = analyze({ uri: `${CHART_DIR}/values-other.yaml`, text: values, workspace: chartHost({ 'values-other.yaml': values }) }, mergeConfig());
  assert.deepEqual(other.findings, []);
});

test('values: names are the rendered ones', () => {
  const messages = analyzeChart().findings.map((f) => f.message);
  assert.ok(messages.some((m) => m.includes('"release-name-app"')));
  assert.ok(messages.every((m) => !m.includes('{{')));
});

test('values: without the chart around it the template parts stay unknown (no privileged, no root)', () => {
  const r = analyze({ uri: TEMPLATE_PATH, text: DEPLOYMENT }, mergeConfig());
  assert.ok(!ids(r.findings).includes('K8S001') && !ids(r.findings).includes('K8S003'));
});

test('values: a values file named in the settings overrides values.yaml; later files win', () => {
  const prod = { 'values-prod.yaml': 'securityContext:\n  privileged: false\n  runAsUser: 10001\n' };
  const quiet = analyzeChart(prod, mergeConfig({ helmValuesFiles: ['values-prod.yaml'] }));
  assert.ok(!ids(quiet.findings).includes('K8S001') && !ids(quiet.findings).includes('K8S003'));
  const loud = analyzeChart({ ...prod, 'values-debug.yaml': 'securityContext:\n  privileged: true\n' }, mergeConfig({ helmValuesFiles: ['values-prod.yaml', 'values-debug.yaml'] }));
  const privileged = loud.findings.find((f) => f.ruleId === 'K8S001');
  assert.ok(privileged);
  assert.ok(privileged.related?.some((x) => x.path === `${CHART_DIR}/values-debug.yaml`));
  assert.ok(!ids(loud.findings).includes('K8S003'));
});

test('values: an if over a value that is off leaves its block out', () => {
  const template = DEPLOYMENT.replace('      hostNetwork: {{ .Values.hostNetwork }}\n', '      {{- if .Values.hostNetwork }}\n      hostNetwork: true\n      {{- end }}\n');
  const off = analyzeChart({ 'templates/deployment.yaml': template });
  const on = analyzeChart({ 'templates/deployment.yaml': template, 'values.yaml': chartFiles()[VALUES_PATH].replace('hostNetwork: false', 'hostNetwork: true') });
  const hostNetwork = (fs: Finding[]) => fs.filter((f) => /hostNetwork/.test(f.message));
  assert.equal(hostNetwork(off.findings).length, 0);
  assert.equal(hostNetwork(on.findings).length, 1);
});

test('values: unknown is not missing (a value piped through an unsupported function reports no missing setting)', () => {
  const template = DEPLOYMENT.replace('{{- toYaml .Values.securityContext | nindent 12 }}', '{{- .Values.securityContext | mystery | nindent 12 }}');
  const r = analyzeChart({ 'templates/deployment.yaml': template });
  for (const id of ['K8S001', 'K8S002', 'K8S003', 'K8S022']) assert.ok(!ids(r.findings).includes(id), id);
});

test('values: fixes never edit what an action printed (the template as written is not changed there)', () => {
  for (const f of analyzeChart().findings) {
    for (const fix of f.fixes) for (const e of fix.edits) assert.notEqual(e.range.start.line, lineOf(DEPLOYMENT, 'toYaml .Values.securityContext') + 1, f.ruleId);
  }
});

// ---------------------------------------------------------------- bounds

test('bounds: a cyclic include and a 10,000-line values file analyze without errors', () => {
  const big = `${chartFiles()[VALUES_PATH]}${Array.from({ length: 10_000 }, (_, i) => `key${i}: ${i}`).join('\n')}\n`;
  const cyclic = `${chartFiles()[`${CHART_DIR}/templates/_helpers.tpl`]}\n{{- define "loop" -}}{{ include "loop" . }}{{- end }}\n`;
  const template = DEPLOYMENT.replace('  replicas: {{ .Values.replicaCount }}', '  replicas: {{ include "loop" . }}');
  const r = analyzeChart({ 'values.yaml': big, 'templates/_helpers.tpl': cyclic, 'templates/deployment.yaml': template });
  assert.deepEqual(r.ruleErrors, []);
  assert.ok(ids(r.findings).includes('K8S001'));
  assert.ok(!ids(r.findings).includes('BH005'));
});

test('bounds: a range that would print without end is cut by the step limit, and the template is judged as written', () => {
  const template = `${DEPLOYMENT}{{- range $i := 10000 }}{{- range $j := 10000 }}x{{- end }}{{- end }}\n`;
  const r = analyzeChart({ 'templates/deployment.yaml': template });
  assert.deepEqual(r.ruleErrors, []);
  assert.ok(!ids(r.findings).includes('K8S001'));
});

test('bounds: a tpl that renders itself stops at the nesting limit, unknown, and the template says it is judged in part', () => {
  const values = `${chartFiles()[VALUES_PATH]}loop: "{{ tpl .Values.loop . }}"\n`;
  const template = DEPLOYMENT.replace('  replicas: {{ .Values.replicaCount }}', '  replicas: {{ tpl .Values.loop . }}');
  const r = analyzeChart({ 'values.yaml': values, 'templates/deployment.yaml': template });
  assert.deepEqual(r.ruleErrors, []);
  assert.ok(ids(r.findings).includes('K8S001'));
  const notice = r.findings.filter((f) => f.ruleId === 'BH007');
  assert.equal(notice.length, 1);
  assert.match(notice[0].message, /\{\{ tpl \.Values\.loop \. \}\} is not evaluated offline/);
});

// ---------------------------------------------------------------- judged in part (BH007)

test('BH007: one info per template, at the first construct left unknown, naming it', () => {
  const template = DEPLOYMENT.replace('  replicas: {{ .Values.replicaCount }}', '  replicas: {{ .Values.replicaCount | mystery }}').replace(
    '      hostNetwork: {{ .Values.hostNetwork }}',
    '      hostNetwork: {{ .Values.hostNetwork }}\n      {{- if .Capabilities.APIVersions.Has "x/v1" }}\n      hostPID: true\n      {{- end }}',
  );
  const r = analyzeChart({ 'templates/deployment.yaml': template });
  const notice = r.findings.filter((f) => f.ruleId === 'BH007');
  assert.equal(notice.length, 1);
  assert.equal(notice[0].severity, 'info');
  assert.equal(notice[0].message, 'Judged in part: {{ .Values.replicaCount | mystery }} is not evaluated offline, so what it writes is not checked.');
  assert.equal(notice[0].range.start.line, lineOf(template, 'mystery'));
  // The values still decide the rest.
  assert.ok(ids(r.findings).includes('K8S001'));
});

test('BH007: a block left unknown is named by its opening action; a template fully evaluated has none', () => {
  const template = DEPLOYMENT.replace('      hostNetwork: {{ .Values.hostNetwork }}', '      {{- if .Capabilities.APIVersions.Has "x/v1" }}\n      hostPID: true\n      {{- end }}');
  const notice = analyzeChart({ 'templates/deployment.yaml': template }).findings.filter((f) => f.ruleId === 'BH007');
  assert.deepEqual(
    notice.map((f) => f.message),
    ['Judged in part: {{- if .Capabilities.APIVersions.Has "x/v1" }} is not evaluated offline, so what it writes is not checked.'],
  );
  assert.deepEqual(
    analyzeChart().findings.filter((f) => f.ruleId === 'BH007'),
    [],
  );
});

test('BH007: a template not rendered (a limit) is judged as written and says why, once, at info', () => {
  const template = `${DEPLOYMENT}{{- range $i := 10000 }}{{- range $j := 10000 }}x{{- end }}{{- end }}\n`;
  const notice = analyzeChart({ 'templates/deployment.yaml': template }).findings.filter((f) => f.ruleId === 'BH007');
  assert.deepEqual(
    notice.map((f) => [f.severity, f.message]),
    [['info', 'Not rendered with its values (template takes too many steps): judged as written.']],
  );
});

test('BH007: a template of which nothing could be evaluated is judged as written and names its first construct', () => {
  const template = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: {{ .Files.Get "image" }}\n';
  const notice = analyzeChart({ 'templates/deployment.yaml': template }).findings.filter((f) => f.ruleId === 'BH007');
  assert.deepEqual(
    notice.map((f) => f.message),
    ['Judged in part: {{ .Files.Get "image" }} is not evaluated offline, so what it writes is not checked.'],
  );
});
