import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze, memoryHost, mergeConfig } from '../../../server/src/engine/index';
import rule from '../../../server/src/engine/rules/kubernetes/no-low-uid';
import { ruleTester } from '../../harness/ruleTester';

const pod = (spec: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${spec}`;

ruleTester(rule, {
  valid: [
    pod('  securityContext:\n    runAsUser: 10001\n  containers:\n    - name: a\n'),
    { name: "UID 0 is K8S003's", code: pod('  containers:\n    - name: a\n      securityContext: {runAsUser: 0}\n') },
    { name: 'user namespace', code: pod('  hostUsers: false\n  containers:\n    - name: a\n') },
  ],
  invalid: [
    {
      name: 'a pod-level value is one finding for every container',
      code: pod('  securityContext:\n    runAsUser: «1000»\n  containers:\n    - name: a\n    - name: b\n'),
      errors: [{ messageId: 'lowUid', data: { uid: '1000', container: 'a' } }],
      output: pod('  securityContext:\n    runAsUser: 10001\n  containers:\n    - name: a\n    - name: b\n'),
    },
    {
      name: 'unset',
      code: pod('  containers:\n    - name: «a»\n      image: x:1\n'),
      errors: [{ messageId: 'unset', data: { container: 'a' } }],
      output: pod('  containers:\n    - name: a\n      image: x:1\n      securityContext:\n        runAsUser: 10001\n'),
    },
  ],
});

test('two documents of the same text, analyzed whole in a workspace (as the CLI does): a finding in each', () => {
  const other = pod('  containers:\n    - name: a\n      securityContext:\n        privileged: true\n');
  const copy = pod('  securityContext:\n    runAsUser: 1000\n  containers:\n    - name: a\n');
  const text = [other, copy, copy, other].join('---\n');
  const lines = analyze({ uri: 'file:///ws/two.yaml', text, workspace: memoryHost({ '/ws/two.yaml': text }, '/ws'), incremental: false }, mergeConfig({ rules: { K8S023: 'info' } }))
    .findings.filter((f) => f.ruleId === 'K8S023' && f.messageId === 'lowUid')
    .map((f) => f.range.start.line);
  assert.deepEqual(lines, [16, 26]);
});
