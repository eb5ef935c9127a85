// A rule stops at MAX_FINDINGS_PER_RULE findings in one file, and the file says so (BH005): a generated
// file with a finding per line must not cost seconds and megabytes of diagnostics.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze, mergeConfig } from '../../server/src/engine/index';
import { MAX_FINDINGS_PER_RULE } from '../../server/src/engine/rule';

const config = mergeConfig({ rules: { DF007: 'warning' } });
const dockerfile = (runs: number) => `FROM alpine:3.20\n${'RUN sudo ls\n'.repeat(runs)}USER 10001\n`;
const count = (runs: number) => {
  const { findings, ruleErrors } = analyze({ uri: 'file:///w/Dockerfile', text: dockerfile(runs) }, config);
  assert.deepEqual(ruleErrors, []);
  return { sudo: findings.filter((f) => f.ruleId === 'DF007').length, stopped: findings.filter((f) => f.ruleId === 'BH005') };
};

test('a rule reports up to the limit and no BH005 when it stays within it', () => {
  assert.deepEqual(count(MAX_FINDINGS_PER_RULE), { sudo: MAX_FINDINGS_PER_RULE, stopped: [] });
});

test('past the limit the rule stops, and one BH005 names it and the limit', () => {
  const { sudo, stopped } = count(MAX_FINDINGS_PER_RULE * 3);
  assert.equal(sudo, MAX_FINDINGS_PER_RULE);
  assert.deepEqual(
    stopped.map((f) => [f.messageId, f.data.id, f.data.limit]),
    [['tooManyFindings', 'DF007', String(MAX_FINDINGS_PER_RULE)]],
  );
  assert.match(stopped[0].message, /DF007 \(no-sudo\) stopped after 1000 findings/);
});
