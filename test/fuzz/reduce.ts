// Text reduction after fast-check's shrinking: fast-check shrinks the generator's choices (fewer
// mutations, smaller numbers), but a mutated 300-line corpus file stays 300 lines. Delta debugging
// (Zeller's ddmin, greedy variant) then drops workspace files, lines and characters while the same
// failure signature persists, within a time budget.
import { performance } from 'node:perf_hooks';
import type { FuzzCase } from './oracle';

/** Removes chunks of `units` (halving the chunk size down to one) while `keeps` holds. */
function ddmin<T>(units: T[], keeps: (candidate: T[]) => boolean, outOfTime: () => boolean): T[] {
  let current = units;
  for (let size = Math.max(1, Math.floor(current.length / 2)); size >= 1 && !outOfTime(); size = Math.floor(size / 2)) {
    for (let at = 0; at < current.length && !outOfTime();) {
      const candidate = [...current.slice(0, at), ...current.slice(at + size)];
      if (candidate.length < current.length && keeps(candidate)) current = candidate;
      else at += size;
    }
  }
  return current;
}

/** The smallest case found within `budgetMs` that still fails with `fails`. */
export function reduceCase(c: FuzzCase, fails: (candidate: FuzzCase) => boolean, budgetMs: number): FuzzCase {
  const deadline = performance.now() + budgetMs;
  const outOfTime = () => performance.now() > deadline;
  let current = c;
  const withFiles = (files: Record<string, string>): FuzzCase => ({ ...current, files });
  const withText = (text: string): FuzzCase => withFiles({ ...current.files, [current.document]: text });

  const others = Object.keys(current.files).filter((p) => p !== current.document);
  const keptOthers = ddmin(others, (kept) => fails(withFiles(Object.fromEntries([current.document, ...kept].map((p) => [p, current.files[p]])))), outOfTime);
  current = withFiles(Object.fromEntries([current.document, ...keptOthers].map((p) => [p, current.files[p]])));

  const lines = current.files[current.document].split('\n');
  current = withText(ddmin(lines, (kept) => fails(withText(kept.join('\n'))), outOfTime).join('\n'));
  // Characters last, and only for short texts: one check per character would not finish otherwise.
  if (current.files[current.document].length <= 4000) {
    current = withText(ddmin([...current.files[current.document]], (kept) => fails(withText(kept.join(''))), outOfTime).join(''));
  }
  return current;
}
