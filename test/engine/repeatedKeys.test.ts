// The repeated-key rules (DC028, K8S085) on maps with very many copies: linear in the map, and capped
// in findings like every rule.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze, buildFixes, mergeConfig, SourceFile, type Finding } from '../../server/src/engine/index';
import { runRule } from '../../server/src/engine/analyze';
import { MAX_FINDINGS_PER_RULE } from '../../server/src/engine/rule';
import { parseYamlStream } from '../../server/src/engine/parse/yaml';
import { buildComposeModel } from '../../server/src/engine/parse/compose';
import { repeatedKeys } from '../../server/src/engine/parse/repeatedKeys';
import composeRule from '../../server/src/engine/rules/compose/no-duplicate-key';
import { assertNearLinear } from '../harness/complexity';

const uri = 'file:///ws/compose.yaml';
const service = (lines: string[]): string => `services:\n  web:\n    image: nginx:1.27\n${lines.map((l) => `    ${l}\n`).join('')}`;
/** One key written n times. */
const oneKeyRepeated = (n: number): string => service(Array.from({ length: n }, () => 'read_only: true'));
/** n keys each written twice, the copies far apart: a lookup of the copy read per key would be quadratic. */
const everyKeyTwice = (n: number): string => service([...Array.from({ length: n }, (_, i) => `x-k${i}: v`), ...Array.from({ length: n }, (_, i) => `x-k${i}: v`)]);

test('100,000 copies of a key: the rule stops at the findings cap and says so', () => {
  const { findings } = analyze({ uri, text: oneKeyRepeated(100_000) }, mergeConfig({}));
  assert.equal(findings.filter((f) => f.ruleId === composeRule.meta.id).length, MAX_FINDINGS_PER_RULE);
  assert.ok(findings.some((f) => f.ruleId === 'BH005' && f.data.id === composeRule.meta.id));
});

test('the copy read is the one YamlDocument.pair returns, with and without templates in the file', () => {
  for (const text of [service(['user: a', 'user: b', 'user: c']), service(['user: a', 'user: b', 'user: "{{c}}"'])]) {
    const [doc] = parseYamlStream(new SourceFile(uri, text)).documents;
    const found = [...repeatedKeys(doc)];
    assert.equal(found.length, 1);
    const { map, read } = found[0];
    assert.equal(read, doc.pair(map, 'user'));
  }
});

test('small maps are searched on their own: a key of the map searched before is no repeat, a key written twice is', () => {
  const keys = (n: number) => Array.from({ length: n }, (_, i) => `k${i}: ${i}`).join(', ');
  const text = `a: {${keys(15)}}\nb: {k14: 7, x: 1}\nc: {1: a, "1": b}\nd: {k1: 1, <<: {}, <<: {}, k2: 2}\ne: {${keys(15)}, k2: 3}\n`;
  const [doc] = parseYamlStream(new SourceFile('file:///ws/maps.yaml', text)).documents;
  assert.deepEqual(
    [...repeatedKeys(doc)].map(({ key, copies }) => [key, copies.length]),
    [
      ['1', 2],
      ['k2', 2],
    ],
  );
});

for (const [shape, make] of [
  ['one key written n times', oneKeyRepeated],
  ['n keys written twice', everyKeyTwice],
] as const) {
  test(`finding and fixing repeated keys takes time linear in the map: ${shape}`, () => {
    const config = mergeConfig({});
    const checks = {
      applicable: () => true,
      failed: (error: unknown) => {
        throw error;
      },
    };
    assertNearLinear(
      (n) => {
        const src = new SourceFile(uri, make(n));
        return { src, compose: buildComposeModel(parseYamlStream(src).documents) };
      },
      ({ src, compose }) => {
        const out: Finding[] = [];
        runRule(composeRule, 'error', src, config, { compose }, checks, out);
        assert.ok(buildFixes(out) > 0);
      },
      { n: 20_000, runs: 3 },
    );
  });
}
