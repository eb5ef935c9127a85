// Compose rules on large files take time linear in the file: what a rule works out per service or per
// variable is not worked out again for each of its findings.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { ALL_METAS, analyze, memoryHost, mergeConfig, type EngineConfig } from '../../server/src/engine/index';
import { MAX_FINDINGS_PER_RULE } from '../../server/src/engine/rule';
import { assertNearLinear } from '../harness/complexity';

/** Only rule `id` on: the time measured is the rule's and the file's parse (the sizes alternate on one file, whose latest parse alone is kept). */
const only = (id: string): EngineConfig => mergeConfig({ rules: Object.fromEntries(ALL_METAS.map((m) => [m.id, m.id === id ? 'error' : 'off'])) });

/** `compose.yaml` analyzed in a workspace holding it: the fixes that write other files are planned. */
const inWorkspace = (config: EngineConfig) => (text: string) => analyze({ uri: 'file:///ws/compose.yaml', text, workspace: memoryHost({ '/ws/compose.yaml': text }, '/ws') }, config);

test('DC005: one service writing many credentials among many other variables, each credential moved to a secret of its own', () => {
  // Each move checked that no NAME_FILE was set by listing the service's whole environment again.
  const variables = (n: number) =>
    Array.from({ length: n }, (_, i) => `      DB_PASSWORD_${i}: hunter2-${i}\n${Array.from({ length: 20 }, (_, j) => `      OPTION_${i}_${j}: on\n`).join('')}`).join('');
  const compose = (n: number) => `services:\n  db:\n    image: postgres:16\n    environment:\n${variables(n)}`;
  const dc005 = inWorkspace(only('DC005'));
  assert.deepEqual(
    dc005(compose(3)).findings.map((f) => f.fixes[0].fileEdits?.map((e) => e.path)),
    [0, 1, 2].map((i) => [`/ws/secrets/db_password_${i}.txt`, '/ws/.gitignore']),
  );
  // From n = 250: at 2n still within MAX_FINDINGS_PER_RULE credentials, every one of which is moved.
  assertNearLinear(compose, dc005, { n: 250, runs: 3 });
});

test('DC005: many services merging an environment anchor at the end of a long chain of anchors: the chain is read once, not once per service', () => {
  // Each environment walked every map of its merge chain: n services merging a chain of n anchors that
  // rewrite the same variable read n² maps for n variables.
  const anchors = (n: number) => Array.from({ length: n }, (_, i) => `x-e${i}: &e${i}\n${i > 0 ? `  <<: *e${i - 1}\n` : ''}  LOG_LEVEL: info\n`).join('');
  const services = (n: number) => Array.from({ length: n }, (_, i) => `  s${i}:\n    image: app:1.${i}\n    environment:\n      <<: *e${n - 1}\n      SERVICE_ID: "${i}"\n`).join('');
  const compose = (n: number) => `${anchors(n)}services:\n${services(n)}`;
  const dc005 = inWorkspace(only('DC005'));
  assert.deepEqual(dc005(compose(3)).ruleErrors, []);
  assertNearLinear(compose, dc005, { n: 2000, runs: 2 });
});

test('DC005: past MAX_FINDINGS_PER_RULE credentials no move is planned; the .gitignore edit names only the files reported fixes write', () => {
  const count = MAX_FINDINGS_PER_RULE + 50;
  const text = `services:\n  db:\n    image: postgres:16\n    environment:\n${Array.from({ length: count }, (_, i) => `      DB_PASSWORD_${i}: hunter2-${i}\n`).join('')}`;
  const findings = inWorkspace(only('DC005'))(text).findings;
  const moves = findings.filter((f) => f.ruleId === 'DC005');
  assert.equal(moves.length, MAX_FINDINGS_PER_RULE);
  const ignored = moves[0].fixes[0].fileEdits!.find((e) => e.path === '/ws/.gitignore')!;
  const ignoredLines = ignored.edits
    .map((e) => e.newText)
    .join('')
    .split('\n')
    .filter((l) => l !== '');
  assert.deepEqual(
    ignoredLines,
    Array.from({ length: MAX_FINDINGS_PER_RULE }, (_, i) => `/secrets/db_password_${i}.txt`),
  );
});

test('DC005: past MAX_FINDINGS_PER_RULE credentials, a credential found before still names every service sharing it', () => {
  // No new credential is judged past the limit, but a later service merging one found before joins its finding.
  const services = Array.from({ length: MAX_FINDINGS_PER_RULE + 50 }, (_, i) => `  s${i}:\n    image: a\n    environment:\n      TOKEN_${i}: hunter2-${i}\n`).join('');
  const text = `x-env: &env\n  DB_PASSWORD: hunter2hunter2\nservices:\n  first:\n    environment:\n      <<: *env\n${services}  last:\n    environment:\n      <<: *env\n`;
  const shared = inWorkspace(only('DC005'))(text).findings.find((f) => f.ruleId === 'DC005' && f.range.start.line === 1)!;
  assert.match(shared.message, /^Service "first", "last" sets DB_PASSWORD/);
  assert.deepEqual(
    shared.related?.map((r) => r.message),
    ['Inherited by service "first".', 'Inherited by service "last".'],
  );
});
