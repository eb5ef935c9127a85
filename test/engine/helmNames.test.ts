// Helm templates read without the engine's masks (issue 11): names in messages are the template text
// as written, never placeholder characters, and a well-formed template is never a YAML syntax error.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze, mergeConfig } from '../../server/src/engine/index';
import { maskTemplates, readable } from '../../server/src/engine/parse/templates';
import { dedent } from '../harness/dedent';

const config = mergeConfig();
const uri = 'file:///chart/templates/deployment.yaml';
const findings = (text: string) => analyze({ uri, text }, config).findings;

const deployment = (name: string, containerName: string, extra = '') => dedent`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: ${name}
    labels:
      app: web
      ${extra}
  spec:
    template:
      spec:
        containers:
          - name: ${containerName}
            image: nginx
            securityContext:
              privileged: true
`;

const names: Array<{ name: string; object: string; container: string; shown: string[] }> = [
  { name: 'include in the object name', object: '{{ include "app.fullname" . }}', container: 'web', shown: ['{{ include "app.fullname" . }}'] },
  { name: 'name mixing text and template', object: '{{ .Release.Name }}-web', container: '{{ .Chart.Name }}', shown: ['{{ .Release.Name }}-web', '{{ .Chart.Name }}'] },
  { name: 'quoted template', object: '"{{ .Values.name }}"', container: 'web', shown: ['{{ .Values.name }}'] },
];

for (const c of names) {
  test(`names: ${c.name} is shown as written`, () => {
    const all = findings(deployment(c.object, c.container));
    const messages = all.map((f) => f.message + f.fixes.map((x) => x.title).join(''));
    assert.ok(all.length > 0);
    assert.ok(
      messages.every((m) => !m.includes('\u2060')),
      messages.join('\n'),
    );
    for (const shown of c.shown)
      assert.ok(
        messages.some((m) => m.includes(shown)),
        `${shown} in\n${messages.join('\n')}`,
      );
  });
}

test('names: a masked value is read back where it is unique, {{ … }} where places mask alike but read differently', () => {
  const text = 'a: {{ .Values.aa }}\nb: {{ .Values.bb }}\nc: {{ .Values.cc }}-x\n';
  const masked = maskTemplates(text);
  const valueAt = (line: number) => masked.split('\n')[line].slice(3);
  assert.equal(readable(text, valueAt(2)), '{{ .Values.cc }}-x');
  assert.equal(readable(text, valueAt(0)), '{{ … }}');
  assert.equal(readable(text, 'plain'), 'plain');
});

const wellFormed: Array<{ name: string; text: string }> = [
  {
    name: 'with … toYaml … end on one line under labels',
    text: deployment('web', 'web', '{{ with .Values.labels -}}{{ toYaml . | nindent 4 }}{{ end }}'),
  },
  {
    name: 'an action followed by a comment',
    text: deployment('web', 'web', '{{- if .Values.x }} # only when x\n    extra: "1"\n    {{- end }}'),
  },
  {
    name: 'include on its own line, nindent',
    text: deployment('web', 'web', '{{- include "app.labels" . | nindent 4 }}'),
  },
];

for (const c of wellFormed) {
  test(`syntax: ${c.name} is not BH001`, () => {
    const bh001 = findings(c.text).filter((f) => f.ruleId === 'BH001');
    assert.deepEqual(bh001, []);
  });
}

test('syntax: real YAML breakage in a template is still BH001', () => {
  const text = deployment('web', 'web', '{{- include "app.labels" . | nindent 4 }}').replace('  template:', '  template: [');
  assert.ok(findings(text).some((f) => f.ruleId === 'BH001'));
});
