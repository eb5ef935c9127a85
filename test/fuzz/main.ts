// `npm run fuzz -- [--minutes 15] [--seed N] [--out DIR] [--limit-seconds 30] [--max-rss-mb 3072]`:
// the long run, round-robin over the targets in chunks until the time is up, looking for new
// failures (ones already found are counted, not re-shrunk). Each input runs in a worker thread and is
// stopped at the time limit or memory cap (a `slow` or `memory` failure). Prints inputs run, failures
// with their reduced repro and replay seed, inputs over one second, and peak RSS; writes each failure
// as a regression-shaped JSON file to DIR.
// `npm run fuzz -- --replay TARGET:SEED:INDEX [--short]` re-runs one generated input (of the long
// run, or with --short of the short run's sizes) and prints it with its outcome.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { Campaign, describeDiscovery } from './campaign';
import { loadCorpus, CORPUS_DIR } from './corpus';
import { LONG_SCALE, SHORT_SCALE } from './mutate';
import { checkCase } from './oracle';
import { IsolatedOracle } from './isolate';
import { targets } from './targets';

/** Inputs per round: small enough to rotate targets often, large enough that a round is not all overhead. */
const CHUNK = 20;
const MB = 1024 * 1024;

const { values: args } = parseArgs({
  options: {
    minutes: { type: 'string', default: '15' },
    seed: { type: 'string' },
    out: { type: 'string' },
    'limit-seconds': { type: 'string', default: '30' },
    'max-rss-mb': { type: 'string', default: '3072' },
    replay: { type: 'string' },
    short: { type: 'boolean', default: false },
  },
});

/** A different, reproducible seed per round, from the run's seed. */
const roundSeed = (seed: number, round: number) => (Math.imul(seed ^ 0x9e3779b9, 2654435761) + Math.imul(round + 1, 40503)) | 0;

function replay(spec: string, all: ReturnType<typeof targets>): void {
  const [name, seed, index] = spec.split(':');
  const target = all.find((t) => t.name === name);
  if (!target) throw new Error(`unknown target ${name}; targets: ${all.map((t) => t.name).join(', ')}`);
  const c = fc.sample(target.arbitrary, { seed: Number(seed), numRuns: Number(index) + 1 })[Number(index)];
  const outcome = checkCase(c);
  console.log(JSON.stringify(c, null, 2));
  console.log(`${Math.round(outcome.ms)} ms; failures: ${outcome.failures.length ? outcome.failures.map((f) => `\n  ${f.kind} in ${f.stage}: ${f.detail}`).join('') : 'none'}`);
}

function main(): void {
  const corpus = loadCorpus();
  if (args.replay) return replay(args.replay, targets(args.short ? SHORT_SCALE : LONG_SCALE, corpus));
  const all = targets(LONG_SCALE, corpus);

  const minutes = Number(args.minutes);
  const seed = Number(args.seed ?? Date.now() % 2 ** 31);
  const limits = { ms: Number(args['limit-seconds']) * 1000, rssBytes: Number(args['max-rss-mb']) * MB };
  const outDir = path.resolve(args.out ?? path.join(__dirname, '..', '..', 'fuzz-findings'));
  console.log(`fuzz: ${minutes} min, seed ${seed}, targets ${all.map((t) => t.name).join(', ')}; per input at most ${limits.ms / 1000} s and ${limits.rssBytes / MB} MB RSS`);
  if (!corpus) console.log(`fuzz: corpus not found at ${CORPUS_DIR}: mutation of real files skipped`);

  const oracle = new IsolatedOracle(limits);
  const campaign = new Campaign({ check: (c) => oracle.check(c), skipKnown: true, shrinkMs: 30_000, reduceMs: 30_000 });
  const start = performance.now();
  const deadline = start + minutes * 60_000;
  let round = 0;
  const harnessErrors: string[] = [];
  for (; performance.now() < deadline; round++) {
    const target = all[round % all.length];
    try {
      const found = campaign.run(target, roundSeed(seed, round), CHUNK, deadline - performance.now());
      if (found) console.log(`\nNEW ${describeDiscovery(found)}`);
    } catch (e) {
      // A bug of the harness itself: shown, counted, and the run goes on with the next round.
      harnessErrors.push(`round ${round} (${target.name}, seed ${roundSeed(seed, round)}): ${(e as Error).stack ?? e}`);
      console.log(`\nHARNESS ERROR ${harnessErrors[harnessErrors.length - 1]}`);
    }
    if (round % all.length === all.length - 1) {
      const elapsed = (performance.now() - start) / 60_000;
      process.stdout.write(
        `[${elapsed.toFixed(1)} min] ${campaign.generated} inputs, ${campaign.discoveries.size} distinct failures, peak RSS ${Math.round(campaign.peakRss / MB)} MB, RSS now ${Math.round(process.memoryUsage.rss() / MB)} MB (this thread's heap ${Math.round(process.memoryUsage().heapUsed / MB)} MB)\n`,
      );
    }
  }

  const found = [...campaign.discoveries.values()];
  console.log(`\n=== fuzz summary (seed ${seed}, ${round} rounds of ${CHUNK}, ${((performance.now() - start) / 60_000).toFixed(1)} min) ===`);
  console.log(`inputs run: ${campaign.generated} generated, ${campaign.executions} checks with shrinking and reduction`);
  console.log(`distinct failures: ${found.length}`);
  const byKind = new Map<string, number>();
  for (const d of found) byKind.set(d.failure.kind, (byKind.get(d.failure.kind) ?? 0) + 1);
  for (const [kind, n] of byKind) console.log(`  ${kind}: ${n}`);
  for (const d of found) console.log(`\n${describeDiscovery(d)}`);
  console.log(`\ninputs over 1 s: ${campaign.slowCount}`);
  for (const s of campaign.slow.slice(0, 10))
    console.log(`  ${s.ms} ms  ${s.target} ${s.document} ${s.bytes} chars${s.index === undefined ? ' (while shrinking)' : `  replay: --replay ${s.target}:${s.seed}:${s.index}`}`);
  const at = campaign.peakInput;
  const where =
    at && `${at.target} ${at.document} ${at.bytes} chars, ${at.ms} ms${at.index === undefined ? ' (while shrinking or reducing)' : `, replay: --replay ${at.target}:${at.seed}:${at.index}`}`;
  console.log(`peak RSS: ${Math.round(campaign.peakRss / MB)} MB${where ? ` (reached during ${where})` : ''}; peak heap used: ${Math.round(campaign.peakHeap / MB)} MB`);
  console.log(`harness errors: ${harnessErrors.length}`);

  if (found.length) {
    fs.mkdirSync(outDir, { recursive: true });
    found.forEach((d, i) =>
      fs.writeFileSync(
        path.join(outDir, `${String(i + 1).padStart(2, '0')}-${d.failure.kind}.json`),
        `${JSON.stringify({ note: `${d.failure.kind} in ${d.failure.stage}: ${d.failure.detail}`, ...d.repro }, null, 2)}\n`,
      ),
    );
    console.log(`repros written to ${outDir}`);
  }
  oracle.close();
}

main();
