// How a CEL expression's verdict reads in a hover: failing subjects linked to their line, capped with
// "and N more"; "passes on all", "matches no object", or why it is not evaluated otherwise.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { labelInFolders, renderVerdict, VERDICT_LIST_LIMIT } from '../../server/src/lsp/hover';
import type { ExpressionVerdict } from '../../server/src/engine/index';

const at = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 4 } });
const verdict = (evaluated: number, failing: number, extra: Partial<ExpressionVerdict> = {}): ExpressionVerdict => ({
  where: 'validations[0].expression of policy "p"',
  range: at(0),
  evaluated,
  failing: Array.from({ length: failing }, (_, i) => ({ label: `Deployment default/d${i}`, path: `/ws/apps/d${i}.yaml`, range: at(i), ...(i === 0 ? { reason: 'no such key: spec' } : {}) })),
  ...extra,
});
const label = labelInFolders(['/ws']);

test('failing subjects are listed with their file and line as links, then counted past the limit', () => {
  const md = renderVerdict(verdict(20, VERDICT_LIST_LIMIT + 3), 'markdown', label).split('\n');
  assert.equal(md[0], `**validations\\[0\\].expression of policy "p"**: fails on ${VERDICT_LIST_LIMIT + 3} of 20 matched objects`);
  assert.equal(md[2], '- Deployment default/d0 in [apps/d0.yaml:1](file:///ws/apps/d0.yaml#L1) (no such key: spec)');
  assert.equal(md.filter((l) => l.startsWith('- Deployment')).length, VERDICT_LIST_LIMIT);
  assert.equal(md.at(-1), '- and 3 more');
  const plain = renderVerdict(verdict(2, 1), 'plaintext', label).split('\n');
  assert.deepEqual(plain, [
    'validations[0].expression of policy "p": fails on 1 of 2 matched objects',
    '',
    '- Deployment default/d0 in apps/d0.yaml:1 (no such key: spec): file:///ws/apps/d0.yaml#L1',
  ]);
});

test('an expression that fails nothing, matches nothing or does not compile says so', () => {
  assert.equal(renderVerdict(verdict(1, 0), 'plaintext', label), 'validations[0].expression of policy "p": passes on all 1 matched object');
  assert.equal(renderVerdict(verdict(7, 0), 'plaintext', label), 'validations[0].expression of policy "p": passes on all 7 matched objects');
  assert.equal(renderVerdict(verdict(0, 0), 'plaintext', label), 'validations[0].expression of policy "p": matches no object in the workspace');
  assert.equal(
    renderVerdict(verdict(0, 0, { problem: 'syntax error: mismatched input' }), 'plaintext', label),
    'validations[0].expression of policy "p": not evaluated: syntax error: mismatched input',
  );
  assert.equal(labelInFolders(['/other'])('/ws/a.yaml'), '/ws/a.yaml', 'outside every folder: the path');
});
