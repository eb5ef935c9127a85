// The in-repository corpus (test/corpus: real files of every kind) against its committed snapshot of
// findings, so a change in what Bulkhead reports on real files is seen in review. The snapshot is written
// by the same code as scripts/corpusFindings: `npm run snapshot:update`.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describeDifferences, readLines, SNAPSHOT, snapshotLines } from '../../scripts/corpusFindings';

test('findings on test/corpus are the ones in its snapshot', async () => {
  const differences = describeDifferences(readLines(SNAPSHOT), await snapshotLines());
  const where = path.relative(process.cwd(), SNAPSHOT);
  if (differences)
    assert.fail(
      `findings on test/corpus differ from ${where} (- in the snapshot only, + found only now):\n${differences}\nIf the change is intended, run npm run snapshot:update and commit ${where}.`,
    );
});

test('the snapshot is of the whole corpus: every kind, alone and as one workspace', () => {
  const lines = readLines(SNAPSHOT);
  for (const folder of ['dockerfiles/', 'compose/', 'k8s/', 'k8s-helm-templates/'])
    assert.ok(
      lines.some((l) => l.startsWith(folder)),
      folder,
    );
  assert.ok(
    lines.some((l) => l.endsWith('\tworkspace only')),
    'cross-file findings of the workspace run',
  );
});

test('differences are shown as lines gone and lines new, counted as multisets', () => {
  const before = ['a\tDF001', 'a\tDF001', 'b\tDC001\twarning', 'c\tK8S001'];
  const after = ['a\tDF001', 'b\tDC001\terror', 'c\tK8S001', 'd\tK8S002'];
  assert.equal(describeDifferences(before, after), '- a\tDF001\n+ b\tDC001\terror\n- b\tDC001\twarning\n+ d\tK8S002\n2 lines gone, 2 lines new');
  assert.equal(describeDifferences(before, [...before].reverse()), '');
  assert.match(describeDifferences([], ['x', 'y', 'z'], 2), /^\+ x\n\+ y\n {2}… and 1 more\n0 lines gone, 3 lines new$/);
});
