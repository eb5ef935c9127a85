// Applying fixes: the invariants a fix's edits keep (sorted, non-overlapping, in bounds), the choice of
// fixes that apply together, and the one fix loop (fixAll, Harden to restricted, the CLI's --fix).
import type { Applicability, FileEdit, Finding, Fix, Position, TextEdit } from '../model';
import { SourceFile } from '../source';
import { keepsTemplate } from './template';
import { applyEdits } from './text';

const before = (a: Position, b: Position): boolean => a.line < b.line || (a.line === b.line && a.character < b.character);

/** A fix's edits, or undefined when a builder refused one of them (see Report.fix): then none applies. */
export function builtEdits(fix: Array<TextEdit | undefined>): TextEdit[] | undefined {
  return fix.every((e): e is TextEdit => e !== undefined) ? fix : undefined;
}

/** A rule's edits for one fix; an undefined edit is one a builder refused (see Report.fix in rule.ts). */
export type FixEdits = Array<TextEdit | undefined>;

/** What a fix's edits must pass before they are offered, and where a fix that failed to build is told. */
export interface FixChecks {
  /** False: the fix is shown without edits (it would break a template, or edit YAML that does not parse). */
  applicable(edits: TextEdit[]): boolean;
  failed(error: unknown): void;
}

/**
 * A fix whose edits are built and checked on first use (a code action, fixAll, a report), then kept:
 * building YAML edits for every finding was a sixth of a manifest keystroke, and most fixes are never
 * asked for. `edits` (and `fileEdits`, when the rule gave some) are enumerable getters, so the fix
 * serialises (JSON, worker messages) like a plain one. A fix whose edits fail to build or to pass
 * `checkEdits` is shown without edits, and `checks.failed` hears why.
 */
export function lazyFix(src: SourceFile, title: string, applicability: Applicability, build: FixEdits | (() => FixEdits), fileEdits: FileEdit[] | undefined, checks: FixChecks): Fix {
  // Once built, the builder and the checks are dropped: they hold the file's parsed model.
  let pending: { build: FixEdits | (() => FixEdits); checks: FixChecks } | undefined = { build, checks };
  let built: { edits: TextEdit[]; applies: boolean } = { edits: [], applies: false };
  const outcome = (): { edits: TextEdit[]; applies: boolean } => {
    if (!pending) return built;
    const { build, checks } = pending;
    pending = undefined;
    try {
      const edits = builtEdits(typeof build === 'function' ? build() : build);
      const checked = edits ? checkEdits(src, edits) : [];
      const applies = edits !== undefined && checks.applicable(checked);
      built = { edits: applies ? checked : [], applies };
    } catch (error) {
      checks.failed(error);
    }
    return built;
  };
  // Getters written in the literal, not added by defineProperty: a runtime call per fix, for every finding.
  if (!fileEdits?.length)
    return {
      title,
      applicability,
      get edits() {
        return outcome().edits;
      },
    };
  // Other files are edited only together with this one: a fix that does not apply edits none.
  return {
    title,
    applicability,
    get edits() {
      return outcome().edits;
    },
    get fileEdits() {
      return outcome().applies ? fileEdits : undefined;
    },
  };
}

/**
 * Builds every fix of `findings` now, for a host that keeps findings long (a CLI scan reports at the
 * end), so that the parsed files their builders hold can be freed. Returns how many edits they hold.
 */
export function buildFixes(findings: Finding[]): number {
  let edits = 0;
  for (const f of findings) for (const fix of f.fixes) edits += fix.edits.length;
  return edits;
}

/** Sorts edits and throws when they overlap or leave the document: a broken fix must never ship. */
export function checkEdits(src: SourceFile, edits: TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((x, y) => src.offsetAt(x.range.start) - src.offsetAt(y.range.start));
  let lastEnd = -1;
  for (const e of sorted) {
    const s = src.offsetAt(e.range.start);
    const t = src.offsetAt(e.range.end);
    if (before(e.range.end, e.range.start)) throw new Error('edit range ends before it starts');
    if (e.range.start.line >= src.lineCount && e.range.start.character > 0) throw new Error('edit outside the document');
    if (s < lastEnd) throw new Error('overlapping edits');
    lastEnd = t;
  }
  return sorted;
}

/** Offsets [start, end] of a stretch of a file, both ends included. */
export type Span = [number, number];

/**
 * Whether an edit reaches into one of `spans` (in order, disjoint); an edit at a span's edge counts,
 * since an insertion there may land in it. Binary search: a bundle may have many spans and many fixes.
 */
export function touchesSpans(src: SourceFile, edits: TextEdit[], spans: Span[]): boolean {
  if (spans.length === 0) return false;
  return edits.some((e) => {
    const [s, t] = [src.offsetAt(e.range.start), src.offsetAt(e.range.end)];
    let lo = 0;
    let hi = spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (spans[mid][1] < s) lo = mid + 1;
      else hi = mid;
    }
    return lo < spans.length && spans[lo][0] <= t;
  });
}

/**
 * Picks fixes whose edits neither overlap nor touch each other's and keep templates intact, in document
 * order. Touching edits clash too: each was built against the text the other changes (`, x` inserted
 * after an item another fix removes leaves `{, x}`); the later one waits for the next pass. A fix that
 * would grow the text past `room` more characters is left out (`outOfRoom` counts them).
 */
function nonOverlapping(src: SourceFile, fixes: Fix[], room: number): { edits: TextEdit[]; outOfRoom: number } {
  const chosen: Array<[number, number]> = [];
  const edits: TextEdit[] = [];
  let outOfRoom = 0;
  for (const fix of fixes) {
    if (!keepsTemplate(src, fix.edits)) continue;
    const spans = fix.edits.map((e) => [src.offsetAt(e.range.start), src.offsetAt(e.range.end)] as [number, number]);
    const clash = spans.some(([s, t]) => chosen.some(([a, b]) => s <= b && a <= t));
    if (clash) continue;
    const growth = fix.edits.reduce((n, e, i) => n + e.newText.length - (spans[i][1] - spans[i][0]), 0);
    if (growth > room) {
      outOfRoom++;
      continue;
    }
    room -= growth;
    chosen.push(...spans);
    edits.push(...fix.edits);
  }
  return { edits, outOfRoom };
}

export const MAX_FIX_PASSES = 10;

/** What a fix loop applies: of each finding's fixes, the first that `accept`s (a finding offers its best fix first). */
export function firstFixes(findings: Finding[], accept: (fix: Fix) => boolean): Fix[] {
  return findings.flatMap((f) => f.fixes.filter(accept).slice(0, 1));
}

export interface FixPasses<T> {
  text: string;
  applied: number;
  found: T;
  /** Fixes were left out because the text would have grown past `maxLength`. */
  outOfRoom: boolean;
}

export interface FixLoopOptions<T> {
  /** What `find` reports on the text, when the caller has it already. */
  known?: { found: T };
  /**
   * The longest text the loop may produce: fixes that would grow it further are left out. fixAll passes
   * the size past which the engine refuses to analyze a file, so fixing never makes a file unanalyzable.
   */
  maxLength?: number;
}

/**
 * The one fix loop (ESLint's approach: a fix may enable or invalidate another): applies the fixes
 * `fixesOf` picks from what `find` reports on the text, re-running `find` after each pass, until no fix
 * is left or nothing changes, at most MAX_FIX_PASSES times. `found` is what `find` reports on the result.
 *
 * A pass whose fixes also edit other files (a secret moved to its own file) yields those edits, at most
 * one per file (each was computed against that file's current text), and applies none of its text edits:
 * the host writes them, then `find` re-runs against the files as written. The host answers whether they
 * were written; once they were not, fixes with file edits are no longer tried. Pure callers drive the loop
 * with `fixInPasses`, the CLI with `fixInPassesWriting`. `known`: what `find` reports on `text`, when the
 * caller has it already (the CLI analyzed the file to report it): the loop does not find it again.
 */
export function* fixPasses<T>(
  uri: string,
  text: string,
  find: (text: string) => T,
  fixesOf: (found: T) => Fix[],
  { known, maxLength = Infinity }: FixLoopOptions<T> = {},
): Generator<FileEdit[], FixPasses<T>, boolean> {
  let applied = 0;
  let found = known ? known.found : find(text);
  let filesWritable = true;
  let outOfRoom = false;
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const fixes = fixesOf(found).filter((x) => filesWritable || !x.fileEdits?.length);
    if (fixes.length === 0) break;
    const fileEdits = fixes.flatMap((x) => x.fileEdits ?? []).filter((e, i, all) => all.findIndex((o) => o.path === e.path) === i);
    if (fileEdits.length > 0) {
      filesWritable = yield fileEdits;
      if (filesWritable) applied += fixes.filter((x) => x.fileEdits?.length).length;
    } else {
      const pass = nonOverlapping(new SourceFile(uri, text), fixes, maxLength - text.length);
      outOfRoom ||= pass.outOfRoom > 0;
      const next = applyEdits(text, pass.edits);
      if (next === text) break;
      applied += fixes.length - pass.outOfRoom;
      text = next;
    }
    found = find(text);
  }
  return { text, applied, found, outOfRoom };
}

/**
 * The fix loop, synchronous: `write` writes other files' edits (false when it could not); without one,
 * `fixesOf` must not pick fixes that edit other files.
 */
export function fixInPasses<T>(uri: string, text: string, find: (text: string) => T, fixesOf: (found: T) => Fix[], write?: (edits: FileEdit[]) => boolean, options?: FixLoopOptions<T>): FixPasses<T> {
  const loop = fixPasses(uri, text, find, fixesOf, options);
  let step = loop.next();
  while (!step.done) {
    if (!write) throw new Error('fixInPasses: a picked fix edits other files and no writer was given');
    step = loop.next(write(step.value));
  }
  return step.value;
}

/** The fix loop with a host that writes other files' edits (`write` resolves false when it could not). */
export async function fixInPassesWriting<T>(
  uri: string,
  text: string,
  find: (text: string) => T,
  fixesOf: (found: T) => Fix[],
  write: (edits: FileEdit[]) => Promise<boolean>,
  options?: FixLoopOptions<T>,
): Promise<FixPasses<T>> {
  const loop = fixPasses(uri, text, find, fixesOf, options);
  let step = loop.next();
  while (!step.done) step = loop.next(await write(step.value));
  return step.value;
}
