// The fuzz harness itself: the same seed gives the same inputs, and each kind of bug planted in an
// engine is found, classified and reduced to a small repro. The planted bugs sit in a stand-in
// engine that is otherwise silent, so these tests do not depend on what the real engine gets wrong.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { SourceFile, type AnalysisDetails, type Finding } from '../../server/src/engine/index';
import { Campaign } from './campaign';
import { applyMutations, LONG_SCALE, SHORT_SCALE } from './mutate';
import { checkCase, type Engine } from './oracle';
import { parseCacheSize } from '../../server/src/engine/parse/yamlCache';
import { documentFindingsSize } from '../../server/src/engine/documentFindings';
import { IsolatedOracle } from './isolate';
import { targets, type Target } from './targets';

const SEED = 42;
const all = targets(SHORT_SCALE, undefined);
const target = (name: string): Target => all.find((t) => t.name === name)!;

const parseError: Finding = {
  ruleId: 'BH001',
  messageId: 'parseError',
  data: {},
  severity: 'error',
  message: 'planted parse error',
  fixes: [],
  range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
};

/** A silent engine: no findings, no fixes. Planted bugs are layered over it. */
function engine(plant: { analyze?: (text: string) => Partial<AnalysisDetails> | void; fix?: (text: string) => string }): Engine {
  return {
    analyze: (input) => ({
      kind: 'dockerfile',
      findings: [],
      ruleErrors: [],
      dependencies: [],
      usesManifestIndex: false,
      src: new SourceFile(input.uri, input.text),
      ...plant.analyze?.(input.text),
    }),
    fixAll: (input) => ({ text: plant.fix?.(input.text) ?? input.text, applied: 0, remaining: [], outOfRoom: false }),
  };
}

function find(name: string, planted: Engine) {
  const campaign = new Campaign({ check: (c) => checkCase(c, planted), shrinkMs: 10_000, reduceMs: 10_000 });
  const found = campaign.run(target(name), SEED, 300);
  assert.ok(found, `the planted bug was not found in ${campaign.generated} ${name} inputs`);
  return { found, text: found.repro.files[found.repro.document] };
}

test('the same seed gives the same inputs, another seed other inputs', () => {
  for (const t of all) {
    const once = fc.sample(t.arbitrary, { seed: SEED, numRuns: 5 });
    assert.deepEqual(fc.sample(t.arbitrary, { seed: SEED, numRuns: 5 }), once, t.name);
    assert.notDeepEqual(fc.sample(t.arbitrary, { seed: SEED + 1, numRuns: 5 }), once, t.name);
  }
});

test('a run checks exactly the inputs fc.sample gives for its seed, so a run index replays an input', () => {
  const seen: string[] = [];
  const recording = engine({ analyze: (text) => void seen.push(text) });
  new Campaign({ check: (c) => checkCase(c, recording) }).run(target('compose'), SEED, 6);
  assert.deepEqual(
    seen,
    fc.sample(target('compose').arbitrary, { seed: SEED, numRuns: 6 }).map((c) => c.files[c.document]),
  );
});

test('a clean engine passes: no false alarm', () => {
  const silent = engine({});
  const campaign = new Campaign({ check: (c) => checkCase(c, silent) });
  for (const t of all) assert.equal(campaign.run(t, SEED, 20), undefined, t.name);
  assert.equal(campaign.generated, 20 * all.length);
});

test('a planted crash is found and reduced to its trigger', () => {
  const { found, text } = find(
    'dockerfile',
    engine({
      analyze: (t) => {
        if (/USER\s+root/.test(t)) throw new Error('planted crash');
      },
    }),
  );
  assert.equal(found.failure.kind, 'throw');
  assert.match(found.failure.detail, /planted crash/);
  assert.match(text, /USER\s+root/);
  assert.ok(text.length <= 12, `repro not reduced: ${JSON.stringify(text)}`);
});

test('a planted rule error is found', () => {
  const { found, text } = find('compose', engine({ analyze: (t) => (t.includes('privileged: true') ? { ruleErrors: ['DC001 no-privileged: TypeError: planted'] } : undefined) }));
  assert.equal(found.failure.kind, 'rule-error');
  assert.match(found.failure.signature, /^rule-error\/DC001\//);
  assert.equal(text, 'privileged: true');
});

/** A finding of `ruleId` with one safe fix (what the planted engines report). */
const fixableFinding = (ruleId: string): Finding => ({
  ...parseError,
  ruleId,
  messageId: 'planted',
  severity: 'warning',
  fixes: [{ title: 'planted', applicability: 'safe', edits: [{ range: parseError.range, newText: '#' }] }],
});

test('a planted fix that never settles is found', () => {
  const { found } = find('kubernetes', engine({ fix: (t) => (t.includes('hostPID: true') ? `${t}# fixed\n` : t) }));
  assert.equal(found.failure.kind, 'fix-not-idempotent');
});

test('a fix left over by a rule stopped at its findings limit (in the input or the fixed text) is no failure; one of a rule that was not stopped is', () => {
  const stoppedAt = (id: string): Finding => ({ ...parseError, ruleId: 'BH005', messageId: 'tooManyFindings', data: { id, name: 'planted', limit: '1000' }, severity: 'info' });
  const never = (ruleId: string, stopped: string) => engine({ analyze: () => ({ findings: [fixableFinding(ruleId), stoppedAt(stopped)] }), fix: (t) => `${t}#\n` });
  const c = { document: 'Dockerfile', files: { Dockerfile: 'FROM debian:9.13\n' } };
  assert.deepEqual(checkCase(c, never('DF040', 'DF040')).failures, []);
  // Stopped in the input, under the limit once fixed: ten passes of 1,000 fixes left fewer than 1,000.
  const stoppedBefore = engine({ analyze: (t) => ({ findings: t.endsWith('#\n') ? [fixableFinding('DF018')] : [fixableFinding('DF018'), stoppedAt('DF018')] }), fix: (t) => `${t}#\n` });
  assert.deepEqual(checkCase(c, stoppedBefore).failures, []);
  assert.deepEqual(
    checkCase(c, never('DF001', 'DF040')).failures.map((f) => f.kind),
    ['fix-not-idempotent'],
  );
});

test('a planted fix that breaks parsing is found', () => {
  const broken = '\nbroken: [';
  const { found } = find(
    'compose',
    engine({
      fix: (t) => (t.includes('cap_add') && !t.endsWith(broken) ? t + broken : t),
      analyze: (t) => (t.endsWith(broken) ? { findings: [parseError] } : undefined),
    }),
  );
  assert.equal(found.failure.kind, 'fix-breaks-parse');
});

test('a fix that makes the file too large to analyze is its own failure; the culprit search for a broken parse is bounded', () => {
  const c = { document: 'Dockerfile', files: { Dockerfile: 'FROM debian:9.13\n' } };
  const tooLarge: Finding = { ...parseError, ruleId: 'BH004', messageId: 'tooLarge', severity: 'info' };
  const grows = engine({ analyze: (t) => ({ findings: t.endsWith('#grown\n') ? [tooLarge] : [fixableFinding('DF001')] }), fix: (t) => `${t}#grown\n` });
  assert.deepEqual(
    checkCase(c, grows).failures.map((f) => f.kind),
    ['fix-too-large'],
  );
  let analyses = 0;
  const breaks = engine({
    analyze: (t) => {
      analyses++;
      return { findings: t.endsWith('#broken\n') ? [parseError] : Array.from({ length: 100 }, (_, i) => fixableFinding(`DF${i}`)) };
    },
    fix: (t) => (t.endsWith('#broken\n') ? t : `${t}#broken\n`),
  });
  assert.deepEqual(
    checkCase(c, breaks).failures.map((f) => f.kind),
    ['fix-breaks-parse'],
  );
  assert.ok(analyses <= 20, `${analyses} analyses for 100 fixes`);
});

test("a checked input leaves nothing in the engine's per-file caches: no input runs beside the ones before it", () => {
  const [parses, findings] = [parseCacheSize(), documentFindingsSize()];
  checkCase({
    document: 'k8s/pod.yaml',
    files: { 'k8s/pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: nginx}]\n', 'Dockerfile': 'FROM debian:12\n' },
  });
  assert.deepEqual([parseCacheSize(), documentFindingsSize()], [parses, findings]);
});

test('a slow input is reported, not failed', () => {
  const slow = engine({
    analyze: (t) => {
      if (t.includes('hostNetwork')) {
        const end = Date.now() + 30;
        while (Date.now() < end);
      }
    },
  });
  const campaign = new Campaign({ check: (c) => checkCase(c, slow), slowMs: 25 });
  assert.equal(campaign.run(target('kubernetes'), SEED, 40), undefined);
  assert.ok(campaign.slowCount > 0);
  const first = campaign.slow[campaign.slow.length - 1];
  const replayed = fc.sample(target('kubernetes').arbitrary, { seed: first.seed, numRuns: first.index! + 1 })[first.index!];
  assert.match(replayed.files[replayed.document], /hostNetwork/);
  assert.ok(checkCase(replayed, slow).ms >= 25);
});

test('the isolated runner stops an input at its time limit or memory cap, then carries on in a fresh worker', () => {
  const c = fc.sample(target('kubernetes').arbitrary, { seed: SEED, numRuns: 1 })[0];
  // A new worker loads the engine before checking anything: far longer than one 50 ms poll.
  const timed = new IsolatedOracle({ ms: 1, rssBytes: Infinity });
  const capped = new IsolatedOracle({ ms: Infinity, rssBytes: 1 });
  const roomy = new IsolatedOracle({ ms: 600_000, rssBytes: Infinity });
  try {
    assert.deepEqual(
      timed.check(c).failures.map((f) => f.kind),
      ['slow'],
    );
    assert.deepEqual(
      capped.check(c).failures.map((f) => f.kind),
      ['memory'],
    );
    assert.deepEqual(
      capped.check(c).failures.map((f) => f.kind),
      ['memory'],
    );
    const isolated = roomy.check(c);
    assert.deepEqual(isolated.failures, checkCase(c).failures);
    assert.ok(isolated.peakRss! > 0);
  } finally {
    for (const o of [timed, capped, roomy]) o.close();
  }
});

test('the largest repetitions stay within the size limit and do not overflow the stack', () => {
  const max = LONG_SCALE.maxRepeat;
  const text = applyMutations(
    'abcdefgh\n'.repeat(5),
    [
      { op: 'repeat', at: 0, len: 1, times: max },
      { op: 'repeat', at: 0, len: 5, times: max },
    ],
    () => '',
    LONG_SCALE,
  );
  assert.ok(text.length > LONG_SCALE.maxBytes / 2 && text.length <= LONG_SCALE.maxBytes, `${text.length} chars`);
});
