// Runs targets through the oracle with fast-check and keeps the figures: inputs run, failures found
// (shrunk by fast-check, then reduced by delta debugging, each with the seed and path that replay
// it), inputs over the slow threshold, peak RSS and heap.
import fc from 'fast-check';
import { checkCase, type Failure, type FuzzCase, type Outcome } from './oracle';
import { reduceCase } from './reduce';
import type { Target } from './targets';

export interface CampaignOptions {
  /** How one input is checked: the oracle in this thread by default; the long run isolates it in a worker. */
  check?: (c: FuzzCase) => Outcome;
  /** Inputs slower than this are listed (never a failure: timing on a shared machine is noise). */
  slowMs?: number;
  /** Time fast-check may spend shrinking one failure, and delta debugging reducing it afterwards. */
  shrinkMs?: number;
  reduceMs?: number;
  /** Let failures already found pass, so a long run looks for new bugs instead of re-finding one. */
  skipKnown?: boolean;
}

export interface Discovery {
  target: string;
  seed: number;
  /** fast-check's counterexample path: `--seed S --path P` replays the shrunk input. */
  path: string;
  /** The failure the reduced repro keeps. */
  failure: Failure;
  /** Every failure of the shrunk input. */
  failures: Failure[];
  repro: FuzzCase;
  /** Inputs that hit this signature (the long run keeps counting after the first). */
  hits: number;
  /** False when re-checking the shrunk input did not fail again (state leaking between inputs). */
  reproducible: boolean;
}

export interface SlowInput {
  target: string;
  seed: number;
  /** Run index: the input is `fc.sample(arbitrary, {seed, numRuns: index + 1})[index]`; undefined while shrinking. */ index?: number;
  ms: number;
  bytes: number;
  document: string;
}

/** Thrown inside the property so fast-check records the failures with the input. */
class PropertyFailure extends Error {
  constructor(readonly failures: Failure[]) {
    super(failures.map((f) => `${f.kind} in ${f.stage}: ${f.detail}`).join('\n'));
  }
}

/** fast-check records anything thrown in a property as a failure; only PropertyFailure is the engine's, the rest is a harness bug to surface. */
function harnessChecked<T extends { failed: boolean; errorInstance: unknown }>(details: T): T {
  if (details.failed && details.errorInstance && !(details.errorInstance instanceof PropertyFailure)) throw details.errorInstance;
  return details;
}

const MAX_SLOW_KEPT = 50;
/** Longer inputs (slow ones are kept unreduced) are cut in messages; the written repro has them whole. */
const MAX_SHOWN = 2000;
const RESOURCE_KINDS = new Set<Failure['kind']>(['slow', 'memory']);
const bytesOf = (c: FuzzCase) => Object.values(c.files).reduce((n, t) => n + t.length, 0);

export class Campaign {
  /** Every input checked, shrinking and reduction included. */
  executions = 0;
  /** Inputs fast-check generated (before any shrinking). */
  generated = 0;
  peakRss = 0;
  peakHeap = 0;
  slowCount = 0;
  /** The slowest inputs, slowest first. */
  readonly slow: SlowInput[] = [];
  /** The input during which the process reached its peak RSS (`ms` is its time). */
  peakInput?: SlowInput;
  readonly discoveries = new Map<string, Discovery>();
  private readonly options: Required<CampaignOptions>;

  constructor(options: CampaignOptions = {}) {
    this.options = { check: (c) => checkCase(c), slowMs: 1000, shrinkMs: 20_000, reduceMs: 20_000, skipKnown: false, ...options };
  }

  /** Checks one input and keeps its figures. */
  check(c: FuzzCase, where?: { target: string; seed: number; index?: number }): Outcome {
    const outcome = this.options.check(c);
    this.executions++;
    const rss = Math.max(outcome.peakRss ?? 0, process.memoryUsage.rss());
    if (rss > this.peakRss) this.peakInput = { target: where?.target ?? 'shrinking', seed: where?.seed ?? 0, index: where?.index, ms: Math.round(outcome.ms), bytes: bytesOf(c), document: c.document };
    this.peakRss = Math.max(this.peakRss, rss);
    this.peakHeap = Math.max(this.peakHeap, outcome.heapUsed);
    if (where && outcome.ms > this.options.slowMs) {
      this.slowCount++;
      this.slow.push({ ...where, ms: Math.round(outcome.ms), bytes: bytesOf(c), document: c.document });
      this.slow.sort((a, b) => b.ms - a.ms).splice(MAX_SLOW_KEPT);
    }
    return outcome;
  }

  /**
   * Failures a run stops at: all of them, or in a long run only the ones not found before; generated
   * inputs hitting a known one are counted (shrinking steps are not inputs).
   */
  private fresh(failures: Failure[], generated: boolean): Failure[] {
    if (!this.options.skipKnown) return failures;
    return failures.filter((f) => {
      const known = this.discoveries.get(f.signature);
      if (known && generated) known.hits++;
      return !known;
    });
  }

  /**
   * `numRuns` inputs of `target` from `seed` (stopping early at `timeLimitMs`); on the first failure,
   * shrinks and reduces it and returns it. Same seed, same inputs.
   */
  run(target: Target, seed: number, numRuns: number, timeLimitMs?: number): Discovery | undefined {
    let index = 0;
    let generating = true;
    const property = fc.property(target.arbitrary, (c) => {
      const outcome = this.check(c, { target: target.name, seed, index: generating ? index : undefined });
      if (generating) index++;
      const failures = this.fresh(outcome.failures, generating);
      if (failures.length) throw new PropertyFailure(failures);
    });
    const first = harnessChecked(fc.check(property, { seed, numRuns, endOnFailure: true, ...(timeLimitMs === undefined ? {} : { interruptAfterTimeLimit: timeLimitMs }) }));
    this.generated += index;
    if (!first.failed || first.counterexample === null || first.counterexamplePath === null) return undefined;
    generating = false;
    const firstFailures = (first.errorInstance as PropertyFailure).failures;
    // An input stopped at its time or memory limit would cost that limit per shrinking step: kept as found.
    if (firstFailures.every((f) => RESOURCE_KINDS.has(f.kind))) {
      return this.record({
        target: target.name,
        seed,
        path: first.counterexamplePath,
        failure: firstFailures[0],
        failures: firstFailures,
        repro: first.counterexample[0],
        hits: 1,
        reproducible: true,
      });
    }
    // Shrinking replays the failing path from the same seed, under its own time budget.
    const shrunk = harnessChecked(fc.check(property, { seed, path: first.counterexamplePath, interruptAfterTimeLimit: this.options.shrinkMs }));
    // Interrupted before its first step, shrinking has no counterexample: keep the one found.
    const settled = shrunk.failed && shrunk.counterexample && shrunk.counterexamplePath ? shrunk : first;
    const [best] = settled.counterexample!;
    const thrown = (settled.errorInstance as PropertyFailure).failures;
    const recheck = this.check(best).failures;
    const reproducible = recheck.some((f) => thrown.some((t) => t.signature === f.signature));
    const failures = reproducible ? recheck : thrown;
    const failure = failures.find((f) => !this.discoveries.has(f.signature)) ?? failures[0];
    const repro = reproducible ? reduceCase(best, (candidate) => this.check(candidate).failures.some((f) => f.signature === failure.signature), this.options.reduceMs) : best;
    return this.record({ target: target.name, seed, path: settled.counterexamplePath!, failure, failures, repro, hits: 1, reproducible });
  }

  private record(discovery: Discovery): Discovery {
    this.discoveries.set(discovery.failure.signature, discovery);
    return discovery;
  }
}

/** A discovery as people read it: kind, where, the seed and path that replay it, and the reduced input. */
export function describeDiscovery(d: Discovery): string {
  const shown = (t: string) => (t.length <= MAX_SHOWN ? JSON.stringify(t) : `${JSON.stringify(t.slice(0, MAX_SHOWN))}… (${t.length} chars in all)`);
  const files = Object.entries(d.repro.files).map(([p, t]) => `  ${p === d.repro.document ? '*' : ' '} ${p}: ${shown(t)}`);
  return [
    `${d.failure.kind} in ${d.failure.stage} [${d.target}, seed ${d.seed}, path ${d.path}${d.hits > 1 ? `, ${d.hits} hits` : ''}${d.reproducible ? '' : ', NOT reproducible on re-check'}]`,
    `  ${d.failure.detail}`,
    ...(d.repro.config ? [`  config: ${JSON.stringify(d.repro.config)}`] : []),
    ...files,
  ].join('\n');
}
