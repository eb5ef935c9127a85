// The short deterministic fuzz run of `npm test`: every target with a fixed seed and input count
// (about a minute in all on a 2-core machine), then the recorded regressions. A failure prints the
// reduced input and the seed and path that replay it; `npm run fuzz` is the long run.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Campaign, describeDiscovery } from './campaign';
import { CORPUS_DIR, loadCorpus } from './corpus';
import { SHORT_SCALE } from './mutate';
import { analyze } from '../../server/src/engine/index';
import { checkCase, fuzzConfig, inputOf, type FuzzCase } from './oracle';
import { targets } from './targets';

const SHORT_SEED = 20_250_901;

/** Inputs per target, sized by each target's cost so the whole run takes about a minute. */
const SHORT_RUNS: Record<string, number> = {
  dockerfile: 250,
  compose: 300,
  kubernetes: 180,
  helm: 80,
  kustomize: 60,
  workspace: 250,
  'mutated-generated': 100,
  'mutated-corpus': 350,
};

const REGRESSIONS = path.resolve(__dirname, '..', '..', '..', 'test', 'fuzz', 'regressions');
const MB = 1024 * 1024;

const corpus = loadCorpus();
if (!corpus) test('mutation of real files', { skip: `corpus not found at ${CORPUS_DIR}` }, () => {});

for (const target of targets(SHORT_SCALE, corpus)) {
  const runs = SHORT_RUNS[target.name];
  test(`fuzz ${target.name}: ${runs} inputs, seed ${SHORT_SEED}`, (t) => {
    const campaign = new Campaign({ shrinkMs: 15_000, reduceMs: 15_000 });
    const found = campaign.run(target, SHORT_SEED, runs);
    const slowest = campaign.slow[0];
    t.diagnostic(
      `${campaign.generated} inputs; ${campaign.slowCount} over 1 s${slowest ? ` (slowest ${slowest.ms} ms, ${slowest.bytes} chars, run ${slowest.index})` : ''}; peak RSS ${Math.round(campaign.peakRss / MB)} MB`,
    );
    if (found) assert.fail(describeDiscovery(found));
  });
}

/**
 * A recorded failure: a small synthetic input and what it once broke. A `growth` regression is an
 * input that was slow: `unit` repeated `n` and `2n` times between `before` and `after` must not more
 * than triple the analysis output (findings plus fix edits), a deterministic stand-in for time and
 * memory that noise cannot flake.
 */
interface Regression extends FuzzCase {
  note: string;
  growth?: { before: string; unit: string; after: string; n: number };
}

/** Findings plus their fix edits: what analysis builds and every client receives. */
function analysisSize(c: FuzzCase): number {
  const { findings } = analyze(inputOf(c), fuzzConfig(c));
  return findings.reduce((n, f) => n + 1 + f.fixes.reduce((m, x) => m + x.edits.length + (x.fileEdits ?? []).reduce((k, e) => k + e.edits.length, 0), 0), 0);
}

for (const file of fs
  .readdirSync(REGRESSIONS)
  .filter((f) => f.endsWith('.json'))
  .sort()) {
  const regression = JSON.parse(fs.readFileSync(path.join(REGRESSIONS, file), 'utf8')) as Regression;
  const { growth } = regression;
  test(`regression ${file}: ${regression.note}`, () => {
    if (growth) {
      const sized = (n: number): FuzzCase => ({ ...regression, files: { ...regression.files, [regression.document]: growth.before + growth.unit.repeat(n) + growth.after } });
      const [small, large] = [analysisSize(sized(growth.n)), analysisSize(sized(2 * growth.n))];
      assert.ok(large <= 3 * small, `doubling the input took the analysis from ${small} to ${large} findings and edits (linear ≈ 2×, quadratic ≈ 4×)`);
    }
    const { failures } = checkCase(regression);
    assert.deepEqual(
      failures.map((f) => `${f.kind} in ${f.stage}: ${f.detail}`),
      [],
    );
  });
}
