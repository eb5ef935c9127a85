// Complexity tests: the time for an input of size 2n over the time for size n. A linear path gives a
// ratio near 2 and a quadratic one near 4, whatever the machine's speed, so the bound holds on a loaded
// CI runner where an absolute time would not. Each size is timed several times, alternating, and the
// fastest run counts: noise only ever adds time. Time is the process's CPU time, not the wall clock: on
// a loaded machine a run can lose the CPU for longer than it computes, and wall-clock ratios then swing
// from 1.8 to 6 for the same linear work.
import * as assert from 'node:assert/strict';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { cpuMsOf } from './cpuClock';

// A collection before each timed run, so a run never pays for the garbage of the runs before it: the
// larger size crossing a heap threshold otherwise adds a major collection to its time alone.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

export interface GrowthOptions {
  /** The smaller size to start from; doubled while one run of it takes under MIN_RUN_MS. */
  n: number;
  /** Largest accepted time(2n) / time(n); 3 separates linear (2) from quadratic (4) with margin. */
  maxRatio?: number;
  /** Runs per size; the fastest counts. */
  runs?: number;
}

/** CPU time of `repeat` calls of `run`, after a collection. */
function timed(run: () => void, repeat: number): number {
  collectGarbage();
  return cpuMsOf(() => {
    for (let i = 0; i < repeat; i++) run();
  });
}

/**
 * Runs per timing so the small input takes at least MIN_TIMED_MS: process CPU time includes the
 * compiler's background threads, which add a few milliseconds at random, enough to swing the ratio of
 * two 10 ms runs from 0.6 to 6.
 */
const MIN_TIMED_MS = 40;
const MAX_REPEAT = 64;

/**
 * The least time one run of the smaller input takes. Below it the ratio measures the caches and the
 * collector as much as the code: a rule taking 1 ms read 3.3 for n → 2n on a CI machine, every attempt,
 * and 2.1 for 16n → 32n. Larger inputs also leave less to the compiler threads' random milliseconds.
 */
const MIN_RUN_MS = 10;
/** How far the size may be doubled towards MIN_RUN_MS, so a test's input stays within memory. */
const MAX_GROWTH = 64;

export interface Growth {
  /** time(2n) / time(n). */
  ratio: number;
  /** The smaller size measured, after growing towards MIN_RUN_MS. */
  n: number;
}

/** Measures `work(make(n))` against `work(make(2n))`, n grown until one run is long enough to time. */
export function growthRatio<T>(make: (n: number) => T, work: (input: T) => unknown, options: GrowthOptions): Growth {
  const runs = options.runs ?? 5;
  let n = options.n;
  let small = make(n);
  work(small); // warm-up: the first call pays for compilation
  while (n < options.n * MAX_GROWTH && timed(() => work(small), 1) < MIN_RUN_MS) {
    n *= 2;
    small = make(n);
    work(small);
  }
  const large = make(2 * n);
  let repeat = 1;
  while (repeat < MAX_REPEAT && timed(() => work(small), repeat) < MIN_TIMED_MS) repeat *= 2;
  // One untimed run of the larger input, so every timed run starts from the other size's state: a cache
  // keeping only a file's latest version (the YAML parses of an edited file) would otherwise serve the
  // first timed small run alone, and the fastest-run rule would compare a cached small with an uncached large.
  work(large);
  // Sizes alternate, so a busy spell of the machine slows both rather than only one of them.
  let t1 = Infinity;
  let t2 = Infinity;
  for (let i = 0; i < runs; i++) {
    t1 = Math.min(
      t1,
      timed(() => work(small), repeat),
    );
    t2 = Math.min(
      t2,
      timed(() => work(large), repeat),
    );
  }
  return { ratio: t2 / Math.max(t1, 0.01), n };
}

/** Measurements before a ratio above the bound fails the test. */
const ATTEMPTS = 5;

/**
 * Fails when doubling the input more than `maxRatio`-folds the time (super-linear growth). A ratio
 * above the bound is measured again, up to ATTEMPTS times, each with more runs than the last, and the
 * lowest counts: noise only ever raises one (on a loaded machine the larger input also loses more to
 * the shared caches), while a quadratic path stays near 4 on every attempt.
 */
export function assertNearLinear<T>(make: (n: number) => T, work: (input: T) => unknown, options: GrowthOptions): void {
  const max = options.maxRatio ?? 3;
  const runs = options.runs ?? 5;
  // Each size is made once for every attempt: making a large input can cost more than measuring it.
  const inputs = new Map<number, T>();
  const input = (size: number): T => {
    if (!inputs.has(size)) inputs.set(size, make(size));
    return inputs.get(size)!;
  };
  let lowest: Growth = { ratio: Infinity, n: options.n };
  for (let attempt = 0; attempt < ATTEMPTS && lowest.ratio >= max; attempt++) {
    const growth = growthRatio(input, work, { ...options, runs: runs * (attempt + 1) });
    if (growth.ratio < lowest.ratio) lowest = growth;
  }
  assert.ok(lowest.ratio < max, `time(2n)/time(n) = ${lowest.ratio.toFixed(2)} for n = ${lowest.n} (lowest of ${ATTEMPTS}); expected < ${max} (linear ≈ 2, quadratic ≈ 4)`);
}
