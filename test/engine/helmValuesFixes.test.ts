// Quick-fixes that edit a chart's values file (issue 11): a finding whose value an action printed from
// values.yaml (or a values file the settings name) is fixed there, at the key, offered from the template
// and from the values file alike; the exact values text after the fix, and the chart re-analyzed clean
// for the rule. Where no safe edit exists the fix is display-only, and no edit ever lands in `{{ }}`.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze, applyEdits, mergeConfig, type EngineConfig, type Finding, type Fix } from '../../server/src/engine/index';
import { CHART_DIR, chartFiles, chartHost, DEPLOYMENT, TEMPLATE_PATH, VALUES } from '../harness/helmChart';
import { dedent } from '../harness/dedent';

function analyzeIn(path: string, files: Record<string, string>, config: EngineConfig) {
  return analyze({ uri: path, text: chartFiles(files)[path], workspace: chartHost(files) }, config);
}

/** The finding of `rule` in the file at `path`, whose fix is the first. */
function findingOf(path: string, files: Record<string, string>, rule: string, config: EngineConfig): Finding {
  const f = analyzeIn(path, files, config).findings.find((x) => x.ruleId === rule);
  assert.ok(f, `no ${rule} finding in ${path}`);
  return f;
}

/** Every file after a fix: its own edits and its edits to other files (chart-relative names). */
function applyFix(path: string, fix: Fix, files: Record<string, string>): Record<string, string> {
  const all = chartFiles(files);
  const out = { ...files };
  const rel = (p: string) => p.slice(CHART_DIR.length + 1);
  if (fix.edits.length) out[rel(path)] = applyEdits(all[path], fix.edits);
  for (const e of fix.fileEdits ?? []) out[rel(e.path)] = applyEdits(all[e.path], e.edits);
  return out;
}

const securityContext = (body: string) => VALUES.replace('securityContext:\n  privileged: true\n  runAsUser: 0\n', `securityContext:\n${body}`);

/** `missing`: a setting left out is the template's finding alone (no values line sets it), so only the template offers its fix. */
const cases: Array<{ name: string; rule: string; files?: Record<string, string>; config?: EngineConfig; file: string; output: string; missing?: true }> = [
  {
    name: 'privileged: true is removed from values.yaml',
    rule: 'K8S001',
    file: 'values.yaml',
    output: securityContext('  runAsUser: 0\n'),
  },
  {
    name: 'runAsUser: 0 becomes a non-root UID in values.yaml',
    rule: 'K8S003',
    file: 'values.yaml',
    output: securityContext('  privileged: true\n  runAsUser: 10001\n'),
  },
  {
    name: 'a missing key is added under the values map toYaml renders',
    rule: 'K8S022',
    file: 'values.yaml',
    output: securityContext('  privileged: true\n  runAsUser: 0\n  readOnlyRootFilesystem: true\n'),
    missing: true,
  },
  {
    name: 'a nested key goes into an empty flow map of the values ({})',
    rule: 'K8S013',
    file: 'values.yaml',
    output: VALUES.replace('podSecurityContext: {}', 'podSecurityContext: {seccompProfile: {type: RuntimeDefault}}'),
    missing: true,
  },
  {
    name: 'comments on the edited lines and around them are kept',
    rule: 'K8S003',
    files: { 'values.yaml': securityContext('  # who runs it\n  runAsUser: 0 # root, for now\n  privileged: true\n') },
    file: 'values.yaml',
    output: securityContext('  # who runs it\n  runAsUser: 10001 # root, for now\n  privileged: true\n'),
  },
  {
    name: 'a value a later values file sets is fixed in that file',
    rule: 'K8S003',
    files: { 'values-prod.yaml': '# production\nsecurityContext:\n  runAsUser: 0\n' },
    config: mergeConfig({ helmValuesFiles: ['values-prod.yaml'] }),
    file: 'values-prod.yaml',
    output: '# production\nsecurityContext:\n  runAsUser: 10001\n',
  },
  {
    name: 'a list under the values gets its item',
    rule: 'K8S004',
    files: { 'values.yaml': securityContext('  capabilities:\n    drop:\n      - NET_RAW\n') },
    file: 'values.yaml',
    output: securityContext('  capabilities:\n    drop:\n      - ALL\n      - NET_RAW\n'),
  },
  {
    name: 'a scalar printed from values ({{ .Values.x }}) is set in place',
    rule: 'K8S002',
    files: {
      'templates/deployment.yaml': DEPLOYMENT.replace('          securityContext:\n', '          securityContext:\n            allowPrivilegeEscalation: {{ .Values.escalation }}\n'),
      'values.yaml': `${securityContext('  runAsUser: 1000\n')}escalation: true # to be removed\n`,
    },
    file: 'values.yaml',
    output: `${securityContext('  runAsUser: 1000\n')}escalation: false # to be removed\n`,
  },
];

for (const c of cases) {
  const files = c.files ?? {};
  const config = c.config ?? mergeConfig();
  const valuesPath = `${CHART_DIR}/${c.file}`;
  test(`values fix from the template: ${c.name}`, () => {
    const f = findingOf(TEMPLATE_PATH, files, c.rule, config);
    const fix = f.fixes[0];
    assert.deepEqual(fix.edits, [], 'the template is not edited');
    assert.deepEqual(
      fix.fileEdits?.map((e) => e.path),
      [valuesPath],
    );
    const after = applyFix(TEMPLATE_PATH, fix, files);
    assert.equal(after[c.file], c.output);
    // The chart is clean for the rule afterwards, in the template and in the values file.
    const again = analyzeIn(TEMPLATE_PATH, after, config);
    assert.deepEqual(again.ruleErrors, []);
    assert.ok(!again.findings.some((x) => x.ruleId === c.rule), `${c.rule} still reported`);
    assert.ok(!analyzeIn(valuesPath, after, config).findings.some((x) => x.ruleId === c.rule));
  });
  if (!c.missing)
    test(`values fix from the values file: ${c.name}`, () => {
      const f = findingOf(valuesPath, files, c.rule, config);
      const fix = f.fixes[0];
      assert.equal(fix.fileEdits, undefined);
      assert.equal(applyFix(valuesPath, fix, files)[c.file], c.output);
    });
}

// ---------------------------------------------------------------- display-only

const displayOnly: Array<{ name: string; rule: string; files: Record<string, string> }> = [
  {
    name: 'a value that is changed on the way (quote prints a string, not the values boolean)',
    rule: 'K8S002',
    files: {
      'templates/deployment.yaml': DEPLOYMENT.replace(
        '          securityContext:\n',
        '          securityContext:\n            allowPrivilegeEscalation: {{ .Values.escalation | toString | lower }}\n',
      ),
      'values.yaml': `${securityContext('  runAsUser: 1000\n')}escalation: "TRUE"\n`,
    },
  },
  {
    name: 'a key two values files set is not removed from one of them (the other would show)',
    rule: 'K8S001',
    files: { 'values-prod.yaml': 'securityContext:\n  privileged: true\n' },
  },
  {
    name: 'a value from a helper (include) has no values key to edit',
    rule: 'K8S001',
    files: {
      'templates/_helpers.tpl': `${chartFiles()[`${CHART_DIR}/templates/_helpers.tpl`]}\n{{- define "app.sc" -}}\nprivileged: true\n{{- end }}\n`,
      'templates/deployment.yaml': DEPLOYMENT.replace('{{- toYaml .Values.securityContext | nindent 12 }}', '{{- include "app.sc" . | nindent 12 }}'),
    },
  },
];

for (const c of displayOnly) {
  test(`values fix display-only: ${c.name}`, () => {
    const config = mergeConfig({ helmValuesFiles: ['values-prod.yaml'] });
    const f = findingOf(TEMPLATE_PATH, c.files, c.rule, config);
    assert.ok(f.fixes.length > 0);
    for (const fix of f.fixes) {
      assert.deepEqual(fix.edits, []);
      assert.equal(fix.fileEdits, undefined);
    }
  });
}

test('values fix: no fix of a templated chart edits inside {{ }} of the template', () => {
  const template = dedent`
    apiVersion: v1
    kind: Pod
    metadata:
      name: {{ .Release.Name }}
    spec:
      hostPID: {{ .Values.hostPID }}
      containers:
        - name: web
          image: {{ .Values.image }}
          securityContext:
            {{- toYaml .Values.sc | nindent 12 }}
  `;
  const files = { 'templates/deployment.yaml': template, 'values.yaml': 'hostPID: true\nimage: nginx:latest\nsc:\n  privileged: true\n' };
  const r = analyzeIn(TEMPLATE_PATH, files, mergeConfig());
  assert.ok(r.findings.length > 0);
  for (const f of r.findings) {
    for (const fix of f.fixes) {
      const after = applyFix(TEMPLATE_PATH, fix, files);
      const kept = (after['templates/deployment.yaml'] ?? template).match(/\{\{[^}]*\}\}/g);
      assert.deepEqual(kept, template.match(/\{\{[^}]*\}\}/g), `${f.ruleId}: ${fix.title}`);
    }
  }
});
