// Where an RE2 pattern matches, for the Kubernetes regex library's `find` and `findAll`: Go's
// FindString and FindAllString (leftmost-first, as Perl and Go choose among alternatives and
// repetitions). @bufbuild/re2 answers only whether a string matches, so its compiled program is run here
// by a Pike VM (Go's regexp/exec.go design): every thread advances one character at a time, so the
// time is linear in the text times the program, whatever the pattern; each step is charged to the
// evaluation's cost budget.
import { RE2JS } from '@bufbuild/re2';
import { charge } from './budget';
import { lazy } from '../../lazy';

type Program = ReturnType<RE2JS['re2']>['prog'];
type Instruction = Program['inst'][number];

type Opcodes = Record<'ALT' | 'ALT_MATCH' | 'CAPTURE' | 'EMPTY_WIDTH' | 'FAIL' | 'MATCH' | 'NOP' | 'RUNE_ANY' | 'RUNE_ANY_NOT_NL', number> & { isRuneOp(op: number): boolean };

/** The instruction codes, read from the library's own instruction class rather than copied (on first use: it compiles a pattern). */
const opcodes = lazy(() => RE2JS.compile('a').re2().prog.inst[0].constructor as unknown as Opcodes);

// Zero-width assertions an EMPTY_WIDTH instruction requires (its `arg`), as RE2 numbers them.
const BEGIN_LINE = 0x01;
const END_LINE = 0x02;
const BEGIN_TEXT = 0x04;
const END_TEXT = 0x08;
const WORD_BOUNDARY = 0x10;
const NO_WORD_BOUNDARY = 0x20;

/** Thread steps per cost unit: a 100,000-character text through a 20-instruction pattern costs a few thousand. */
const STEPS_PER_UNIT = 64;

const isWordRune = (r: number): boolean => (r >= 0x30 && r <= 0x39) || (r >= 0x41 && r <= 0x5a) || (r >= 0x61 && r <= 0x7a) || r === 0x5f;

/** The assertions that hold between rune `before` and rune `after` (-1 past either end of the text). */
function contextOf(before: number, after: number): number {
  let flags = 0;
  if (before < 0) flags |= BEGIN_TEXT | BEGIN_LINE;
  else if (before === 0x0a) flags |= BEGIN_LINE;
  if (after < 0) flags |= END_TEXT | END_LINE;
  else if (after === 0x0a) flags |= END_LINE;
  return flags | (isWordRune(before) !== isWordRune(after) ? WORD_BOUNDARY : NO_WORD_BOUNDARY);
}

/** The rune at `pos` and its width in UTF-16 units; [-1, 0] at the end. */
function runeAt(text: string, pos: number): [number, number] {
  if (pos >= text.length) return [-1, 0];
  const r = text.codePointAt(pos)!;
  return [r, r > 0xffff ? 2 : 1];
}

/** The rune that ends at `pos`; -1 at the start. */
function runeBefore(text: string, pos: number): number {
  if (pos <= 0) return -1;
  const low = text.charCodeAt(pos - 1);
  return low >= 0xdc00 && low <= 0xdfff && pos >= 2 ? text.codePointAt(pos - 2)! : low;
}

/** The threads at one position, in priority order: each waits on a rune or a match, with where its match began. */
class ThreadList {
  readonly pcs: number[] = [];
  readonly starts: number[] = [];
  private readonly seen: Uint32Array;
  private generation = 1;

  constructor(size: number) {
    this.seen = new Uint32Array(size);
  }

  clear(): void {
    this.pcs.length = 0;
    this.starts.length = 0;
    this.generation++;
  }

  /** Follows the program from `pc` through the instructions that consume nothing, adding the threads it reaches. */
  add(prog: Program, pc: number, start: number, context: number): void {
    // An explicit stack, `out` before `arg`: the order of a recursive walk, which is the threads' priority.
    const stack = [pc];
    const OP = opcodes();
    while (stack.length) {
      const at = stack.pop()!;
      if (this.seen[at] === this.generation) continue;
      this.seen[at] = this.generation;
      const inst: Instruction = prog.inst[at];
      switch (inst.op) {
        case OP.FAIL:
          break;
        case OP.ALT:
        case OP.ALT_MATCH:
          stack.push(inst.arg, inst.out);
          break;
        case OP.EMPTY_WIDTH:
          if ((inst.arg & ~context) === 0) stack.push(inst.out);
          break;
        case OP.NOP:
        case OP.CAPTURE: // submatches are not asked for: only where the whole match begins and ends
          stack.push(inst.out);
          break;
        default:
          this.pcs.push(at);
          this.starts.push(start);
      }
    }
  }
}

function consumes(inst: Instruction, rune: number): boolean {
  if (rune < 0) return false;
  const OP = opcodes();
  if (inst.op === OP.RUNE_ANY) return true;
  if (inst.op === OP.RUNE_ANY_NOT_NL) return rune !== 0x0a;
  return inst.matchRune(rune);
}

/** The leftmost-first match of `re` in `text` at or after `from`: [start, end], or undefined. */
export function firstMatch(re: RE2JS, text: string, from: number): [number, number] | undefined {
  const prog = re.re2().prog;
  const OP = opcodes();
  let current = new ThreadList(prog.inst.length);
  let next = new ThreadList(prog.inst.length);
  let match: [number, number] | undefined;
  let steps = 0;
  let before = runeBefore(text, from);
  for (let pos = from; ;) {
    if (match && current.pcs.length === 0) break;
    const [rune, width] = runeAt(text, pos);
    // A new thread starts at each position until a match is found: later starts rank below it.
    if (!match) current.add(prog, prog.start, pos, contextOf(before, rune));
    const afterContext = contextOf(rune, runeAt(text, pos + width)[0]);
    next.clear();
    for (let i = 0; i < current.pcs.length; i++) {
      const inst = prog.inst[current.pcs[i]];
      if (inst.op === OP.MATCH) {
        // Leftmost-first: this thread outranks every one after it, which are dropped.
        match = [current.starts[i], pos];
        break;
      }
      if (OP.isRuneOp(inst.op) && consumes(inst, rune)) next.add(prog, inst.out, current.starts[i], afterContext);
    }
    steps += current.pcs.length + 1;
    if (steps >= STEPS_PER_UNIT) {
      charge(Math.floor(steps / STEPS_PER_UNIT));
      steps %= STEPS_PER_UNIT;
    }
    if (width === 0) break;
    pos += width;
    before = rune;
    [current, next] = [next, current];
  }
  // The rest, rounded up: every search costs at least one unit, however short.
  charge(Math.ceil(steps / STEPS_PER_UNIT));
  return match;
}

/** Go's FindString: the first match, or '' when there is none. */
export function findFirst(re: RE2JS, text: string): string {
  const m = firstMatch(re, text, 0);
  return m ? text.slice(m[0], m[1]) : '';
}

/**
 * Go's FindAllString: successive non-overlapping matches, at most `limit` (all when negative). An empty
 * match right after the previous match is skipped, and the search moves one character past an empty one.
 */
export function findAll(re: RE2JS, text: string, limit: number): string[] {
  const out: string[] = [];
  let previousEnd = -1;
  for (let pos = 0; (limit < 0 || out.length < limit) && pos <= text.length;) {
    const m = firstMatch(re, text, pos);
    if (!m) break;
    let accept = true;
    if (m[1] === pos) {
      if (m[0] === previousEnd) accept = false;
      const width = runeAt(text, pos)[1];
      pos += width > 0 ? width : 1;
    } else pos = m[1];
    previousEnd = m[1];
    if (accept) out.push(text.slice(m[0], m[1]));
  }
  return out;
}
