// Fixes in Helm templates: the engine reads a masked copy, so the edit builders must keep new lines
// out of control blocks ({{ if }}, with, range … {{ end }}) their parent is not in, and away from
// the `{{- toYaml … | nindent N }}` line filling a key; where no such place exists the fix is
// display-only. Each case is a real rule's fix on a template.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze, applyEdits, fixAll, mergeConfig, SourceFile } from '../../server/src/engine/index';
import { templateSafe } from '../../server/src/engine/edits/template';
import { assertNearLinear } from '../harness/complexity';

const config = mergeConfig();
const uri = 'file:///chart/templates/pod.yaml';

/** The file after the first fix of `ruleId`'s first finding; null when that fix has no edit. */
function fixed(text: string, ruleId: string): string | null {
  const finding = analyze({ uri, text }, config).findings.find((f) => f.ruleId === ruleId);
  assert.ok(finding, `no ${ruleId} finding`);
  const edits = finding.fixes[0]?.edits ?? [];
  return edits.length ? applyEdits(text, edits) : null;
}

const pod = (spec: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n${spec}`;
const container = (body: string) => pod(`  containers:\n    - name: web\n      image: nginx:1.27\n${body}`);

const cases: Array<{ name: string; code: string; rule: string; output: string | null }> = [
  {
    name: 'if: the key goes below {{- end }}, not inside the condition',
    code: pod('  {{- if .Values.hostNetwork }}\n  hostNetwork: true\n  {{- end }}\n  containers:\n    - name: web\n      image: nginx:1.27\n'),
    rule: 'K8S013',
    output: pod(
      '  {{- if .Values.hostNetwork }}\n  hostNetwork: true\n  {{- end }}\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n  containers:\n    - name: web\n      image: nginx:1.27\n',
    ),
  },
  {
    name: 'with and the toYaml line filling its key: below both',
    code: container('      {{- with .Values.resources }}\n      resources:\n        {{- toYaml . | nindent 8 }}\n      {{- end }}\n'),
    rule: 'K8S057',
    output: container('      {{- with .Values.resources }}\n      resources:\n        {{- toYaml . | nindent 8 }}\n      {{- end }}\n  automountServiceAccountToken: false\n'),
  },
  {
    name: 'range: below {{- end }}, never once per element',
    code: container('      env:\n        {{- range .Values.env }}\n        - name: {{ .name }}\n          value: {{ .value | quote }}\n        {{- end }}\n'),
    rule: 'K8S057',
    output: container('      env:\n        {{- range .Values.env }}\n        - name: {{ .name }}\n          value: {{ .value | quote }}\n        {{- end }}\n  automountServiceAccountToken: false\n'),
  },
  {
    name: 'toYaml | nindent right after its key: the new key goes after the filled value',
    code: 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n  annotations:\n    {{- toYaml .Values.serviceAccount.annotations | nindent 4 }}\n',
    rule: 'K8S057',
    output: 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n  annotations:\n    {{- toYaml .Values.serviceAccount.annotations | nindent 4 }}\nautomountServiceAccountToken: false\n',
  },
  {
    name: 'a document wrapped in {{ if }}: the new key stays inside, with the rest of the document',
    code: '{{- if .Values.serviceAccount.create }}\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n  {{- with .Values.serviceAccount.annotations }}\n  annotations:\n    {{- toYaml . | nindent 4 }}\n  {{- end }}\n{{- end }}\n',
    rule: 'K8S057',
    output:
      '{{- if .Values.serviceAccount.create }}\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n  {{- with .Values.serviceAccount.annotations }}\n  annotations:\n    {{- toYaml . | nindent 4 }}\n  {{- end }}\nautomountServiceAccountToken: false\n{{- end }}\n',
  },
  {
    name: 'an item prepended inside a range: no safe place, display-only',
    code: container('      securityContext:\n        capabilities:\n          drop:\n            {{- range .Values.dropped }}\n            - {{ . }}\n            {{- end }}\n            - NET_RAW\n'),
    rule: 'K8S004',
    output: null,
  },
  {
    name: 'an {{ end }} without its opening action: nothing is known to be safe, display-only',
    code: container('      {{- end }}\n'),
    rule: 'K8S057',
    output: null,
  },
];

for (const c of cases) {
  test(`Helm: ${c.name}`, () => assert.equal(fixed(c.code, c.rule), c.output));
}

test('Helm: a value set into a key the toYaml line fills is refused, and fix-all leaves the template alone', () => {
  const code = container('      securityContext:\n        {{- toYaml .Values.securityContext | nindent 8 }}\n');
  const src = new SourceFile(uri, code);
  const fill = { start: { line: 8, character: 22 }, end: { line: 8, character: 22 } };
  assert.equal(templateSafe(src, { range: fill, newText: '\n        readOnlyRootFilesystem: true' }), false);
  const wrapped = `{{- if .Values.enabled }}\n${container('      env:\n        {{- range .Values.env }}\n        - name: {{ .name }}\n        {{- end }}\n')}{{- end }}\n`;
  const all = fixAll({ uri, text: wrapped }, config, ['safe', 'unsafe']).text;
  const lines = all.split('\n');
  const range = lines.findIndex((l) => l.includes('{{- range'));
  const end = lines.findIndex((l, i) => i > range && l.includes('{{- end }}'));
  assert.deepEqual(lines.slice(range, end + 1), ['        {{- range .Values.env }}', '        - name: {{ .name }}', '        {{- end }}'], 'nothing inserted inside the range');
  assert.equal(lines.filter((l) => l === '{{- end }}').length, 1);
});

test('Helm: reading the template structure stays linear on hostile input (thousands of blocks, an unclosed {{)', () => {
  const end = (text: string) => new SourceFile(uri, text).positionAt(text.length);
  assertNearLinear(
    (n) => `${'{{- if .Values.a }}\na: {{ .Values.b }}\n{{- end }}\n'.repeat(n)}b: {{ .Values.c\n${'c: {{ x\n'.repeat(n)}`,
    (text) => templateSafe(new SourceFile(uri, text), { range: { start: end(text), end: end(text) }, newText: 'd: 1\n' }),
    { n: 20_000 },
  );
});
