import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import rule from '../../../server/src/engine/rules/kubernetes/no-duplicate-key';
import { analyze, mergeConfig } from '../../../server/src/engine/index';
import { dedent, ruleTester } from '../../harness/ruleTester';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n';
/** A Pod whose container's securityContext holds `lines` (its first at line 9, 0-based). */
const pod = (...lines: string[]): string => POD + lines.map((l) => `        ${l}\n`).join('');

const CHART = { 'chart/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n', 'chart/values.yaml': 'debug: false\nuid: 10001\n' };

ruleTester(rule, {
  valid: [
    pod('privileged: false'),
    {
      name: 'copies in the branches of a template if/else: one renders',
      code: pod('{{- if .Values.debug }}', 'privileged: true', '{{- else }}', 'privileged: false', '{{- end }}'),
    },
    {
      name: 'a chart template rendered with its values: one branch renders',
      fileName: 'chart/templates/pod.yaml',
      workspace: CHART,
      code: pod('{{- if .Values.debug }}', 'privileged: true', '{{- else }}', 'privileged: false', '{{- end }}'),
    },
    {
      name: 'the same key in two documents',
      code: `${pod('privileged: false')}---\n${pod('privileged: false')}`,
    },
  ],
  invalid: [
    {
      name: 'privileged: false above privileged: true: the last copy applies, and no fix picks a value',
      code: pod('«privileged»: false', 'runAsNonRoot: true', 'privileged: true'),
      errors: [{ messageId: 'repeated', data: { key: 'privileged', line: '12' } }],
    },
    {
      name: 'a copy written as the one that applies is removed',
      code: pod('«runAsNonRoot»: true', 'privileged: false', 'runAsNonRoot: true'),
      errors: [{ messageId: 'repeated', data: { key: 'runAsNonRoot', line: '12' } }],
      output: pod('privileged: false', 'runAsNonRoot: true'),
    },
    {
      name: 'a repeated name in a list item, in the second document',
      code: `${pod('privileged: false')}---\n${dedent`
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          «name»: builder
          namespace: ci
          name: deployer
      `}`,
      errors: [{ messageId: 'repeated', data: { key: 'name', line: '17' } }],
    },
    {
      name: 'in a file with templates the first copy is read, and copies no template separates both render',
      code: pod('privileged: false', '«privileged»: true', 'runAsUser: {{ .Values.uid }}'),
      errors: [{ messageId: 'repeated', data: { key: 'privileged', line: '10' } }],
    },
    {
      name: 'a chart template rendered with its values: copies that both render, the last applies',
      fileName: 'chart/templates/pod.yaml',
      workspace: CHART,
      code: pod('«privileged»: false', 'runAsUser: {{ .Values.uid }}', 'privileged: true'),
      errors: [{ messageId: 'repeated', data: { key: 'privileged', line: '12' } }],
    },
  ],
});

test('the copy named as applying is the one the other rules judge (privileged: true last)', () => {
  const text = pod('privileged: true', 'privileged: false');
  const { findings } = analyze({ uri: 'file:///ws/pod.yaml', text }, mergeConfig({}));
  // K8S001 reads the last copy, false: the first is only a reader's trap, which this rule reports.
  assert.equal(findings.filter((f) => f.ruleId === 'K8S001').length, 0);
  assert.deepEqual(
    findings.filter((f) => f.ruleId === rule.meta.id).map((f) => [f.range.start.line, f.data.line]),
    [[9, '11']],
  );
});
