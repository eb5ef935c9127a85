// Fixes are built when first used, not on every analysis: the same checks apply then, once.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { lazyFix, type FixChecks } from '../../server/src/engine/edits/fixes';
import { SourceFile } from '../../server/src/engine/source';
import { analyze, mergeConfig, type FileEdit, type TextEdit } from '../../server/src/engine/index';

const src = new SourceFile('file:///w/a.yaml', 'a: 1\nb: 2\n');
const at = (line: number, from: number, to: number, newText: string): TextEdit => ({ range: { start: { line, character: from }, end: { line, character: to } }, newText });
const ignore: FileEdit[] = [{ path: '/w/.gitignore', create: true, edits: [at(0, 0, 0, 'x\n')] }];

function checks(applicable = true): FixChecks & { failures: unknown[] } {
  const failures: unknown[] = [];
  return { failures, applicable: () => applicable, failed: (e) => void failures.push(e) };
}

test('the edits are built on first use, once, and sorted', () => {
  let builds = 0;
  const fix = lazyFix(
    src,
    'Fix',
    'safe',
    () => {
      builds++;
      return [at(1, 3, 4, '3'), at(0, 3, 4, '0')];
    },
    undefined,
    checks(),
  );
  assert.equal(builds, 0);
  assert.deepEqual(
    fix.edits.map((e) => e.newText),
    ['0', '3'],
  );
  assert.equal(fix.edits.length, 2);
  assert.equal(builds, 1);
});

test('a fix that throws or overlaps has no edits, and the failure is told', () => {
  const thrown = checks();
  const fix = lazyFix(
    src,
    'Fix',
    'safe',
    () => {
      throw new Error('boom');
    },
    ignore,
    thrown,
  );
  assert.deepEqual(fix.edits, []);
  assert.equal(fix.fileEdits, undefined);
  assert.match(String(thrown.failures[0]), /boom/);
  const overlapping = checks();
  assert.deepEqual(lazyFix(src, 'Fix', 'safe', [at(0, 0, 3, 'x'), at(0, 1, 2, 'y')], undefined, overlapping).edits, []);
  assert.match(String(overlapping.failures[0]), /overlapping/);
});

test('a fix that does not apply edits neither this file nor others; a refused edit leaves it without edits', () => {
  const refused = lazyFix(src, 'Fix', 'safe', [at(0, 3, 4, '0')], ignore, checks(false));
  assert.deepEqual([refused.edits, refused.fileEdits], [[], undefined]);
  const unbuilt = lazyFix(src, 'Fix', 'safe', () => [undefined], ignore, checks());
  assert.deepEqual([unbuilt.edits, unbuilt.fileEdits], [[], undefined]);
  const applies = lazyFix(src, 'Fix', 'safe', () => [], ignore, checks());
  assert.deepEqual([applies.edits, applies.fileEdits], [[], ignore]);
});

test('a lazy fix serialises like a plain one (JSON reports, worker messages)', () => {
  const fix = lazyFix(src, 'Fix', 'unsafe', () => [at(0, 3, 4, '0')], ignore, checks());
  const plain = { title: 'Fix', applicability: 'unsafe', edits: [at(0, 3, 4, '0')], fileEdits: ignore };
  assert.deepEqual(JSON.parse(JSON.stringify(fix)), plain);
  assert.deepEqual(structuredClone(fix), plain);
});

test('analysis leaves YAML fixes unbuilt until asked, and then builds the same edits', () => {
  const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n';
  const result = analyze({ uri: 'file:///w/pod.yaml', text }, mergeConfig({ rules: { K8S026: 'warning' } }));
  const fix = result.findings.find((f) => f.ruleId === 'K8S026' && f.messageId === 'containerMissing')?.fixes[0];
  assert.ok(fix, 'K8S026 reports the container, with its YAML fix');
  const edits = Object.getOwnPropertyDescriptor(fix, 'edits');
  assert.ok(edits?.get && edits.enumerable, 'edits is an enumerable getter until used');
  assert.ok(fix.edits.length > 0);
  assert.deepEqual(result.ruleErrors, []);
});
