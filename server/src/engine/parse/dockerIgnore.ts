// A .dockerignore as BuildKit reads and applies it, matched without building a RegExp from its text
// (a RegExp compiled from `**/**/…` backtracks for minutes, and `[z-a]` or `(` throws). Followed, from
// moby/patternmatcher v0.6 and tonistiigi/fsutil:
// - reading (ignorefile.ReadAll): a UTF-8 BOM is dropped; a line starting with `#` is a comment; lines
//   are trimmed and blank ones skipped; a leading `!` makes an exception; each pattern is cleaned like
//   Go's filepath.Clean and loses one leading `/`. A line over 64 KiB stops Go's line reader.
// - patterns (New, Pattern.compile): Go's filepath.Match syntax (`*` and `?` within a segment, `[…]`
//   classes, `\` escapes), plus `**`: `**/` or a `**` inside a pattern is any number of directories
//   (`(.*/)?`), a trailing `**` anything at all (`.*`), and a leading `**` before a literal rest any
//   suffix (`**.pyc` is every `.pyc` file: patternmatcher's suffixMatch). New rejects what Go's
//   filepath.Match rejects and a lone `!`; compiling rejects a backward range such as `[z-a]`. BuildKit
//   then fails the build; here such a line matches nothing and is listed in `invalid`.
// - applying (fsutil filterFS Walk and Open): patterns apply in order, each switching the path in or
//   out, and one that matches a directory holds for everything under it: a file is excluded when it or
//   a directory above it is, unless a later exception re-includes it (details at `ignores`).
// Not reproduced: BuildKit hands `|`, `{`, `}` and letter escapes (`\b`, `\d`) to Go's RegExp, where
// they mean alternation, repetition and classes; here, as in filepath.Match, they are plain characters.
// Matching runs each pattern as a state machine over the path's characters: no backtracking, at most
// pattern length × path length steps (path length squared for patterns longer than the path).
import { tokenize, type Token } from './pathPattern';

export type InvalidReason = 'syntax' | 'backwardRange' | 'loneExclamation' | 'tooLong';

/** A line BuildKit rejects (and fails the build on): `line` is 1-based, `text` as written, trimmed. */
export interface InvalidIgnoreLine {
  line: number;
  text: string;
  reason: InvalidReason;
}

export interface DockerIgnoreMatcher {
  /** Whether the builder leaves out `path` (relative to the context, `/`-separated); never the context itself. */
  ignores(path: string): boolean;
  invalid: readonly InvalidIgnoreLine[];
}

/** bufio.Scanner's limit: a longer line makes ReadAll fail with "token too long". */
const MAX_LINE_BYTES = 64 * 1024 - 1;
/** Answers remembered per matcher: the rules ask about the same paths on every keystroke. */
const REMEMBERED = 4_096;

export function parseDockerIgnore(text: string): DockerIgnoreMatcher {
  const { patterns, invalid } = readFile(text);
  const answers = new Map<string, boolean>();
  const ignores = (path: string): boolean => {
    let answer = answers.get(path);
    if (answer === undefined) {
      if (answers.size >= REMEMBERED) answers.clear();
      answers.set(path, (answer = patterns.ignores(path)));
    }
    return answer;
  };
  return { ignores, invalid };
}

function readFile(text: string): { patterns: CompiledPatterns; invalid: InvalidIgnoreLine[] } {
  const program = new Program();
  const invalid: InvalidIgnoreLine[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = index === 0 && raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
    const outcome = utf8Length(line) > MAX_LINE_BYTES ? 'tooLong' : read(line);
    if (outcome === undefined) return;
    if (typeof outcome === 'string') invalid.push({ line: index + 1, text: trimGoSpace(line), reason: outcome });
    else program.add(outcome);
  });
  return { patterns: program.finish(), invalid };
}

/** One line as ReadAll and New read it: undefined for a comment or blank line, or why BuildKit rejects it. */
function read(line: string): ReadPattern | InvalidReason | undefined {
  if (line.startsWith('#')) return undefined;
  let pattern = trimGoSpace(line);
  if (pattern === '') return undefined;
  // ReadAll cleans the pattern behind the `!`; New cleans the whole line again, `!` included.
  const bang = pattern.startsWith('!');
  if (bang) pattern = trimGoSpace(pattern.slice(1));
  if (pattern !== '') {
    pattern = cleanPath(pattern);
    if (pattern.length > 1 && pattern.startsWith('/')) pattern = pattern.slice(1);
  }
  pattern = cleanPath(bang ? `!${pattern}` : pattern);
  const exception = pattern.startsWith('!');
  if (exception) {
    if (pattern.length === 1) return 'loneExclamation';
    pattern = pattern.slice(1);
  }
  const tokens = tokenize(pattern);
  if (!tokens) return 'syntax';
  if (tokens.some((t) => t.kind === 'class' && t.ranges.some(([lo, hi]) => lo > hi))) return 'backwardRange';
  return { exception, pattern, tokens };
}

interface ReadPattern {
  exception: boolean;
  pattern: string;
  tokens: Token[];
}

// The patterns of one file, encoded in one array of 32-bit words (a few bytes per pattern character,
// whatever the number of lines): the low 3 bits of a word are the step's kind, the rest its data (a
// character's code point; a class's negation bit and range count, its ranges in the next words).
const CHAR = 0;
/** `?`: one character but `/`. */
const ANY = 1;
const CLASS = 2;
/** `*`: any characters but `/`. */
const STAR = 3;
/** A `**` with more pattern after it: any number of whole directories, the RegExp `(.*\/)?`. */
const DIRS = 4;
/** Any characters, `/` included: a trailing `**`, or a leading one before a literal rest. */
const REST = 5;
const KIND_BITS = 3;
const KIND = (1 << KIND_BITS) - 1;

class Program {
  private readonly words: number[] = [];
  private readonly starts: number[] = [];
  private readonly exceptions: number[] = [];

  /**
   * Appends a pattern's steps: its tokens, with each `**` (two unescaped stars, paired from the left as
   * BuildKit's scanner does) as one loop, and each run of loops with nothing between them as at most
   * two that match the same: `*` then `*` is `*`, `**` then `**` is `**`, and a `**` followed by a `*`,
   * or a run holding a trailing `**`, is any string (`(.*\/)?[^/]*` splits at the last `/`). Then only the
   * steps up to the (c + 1)th character step can be live after c characters: a pass over a path costs
   * the path's length squared at most, however long the pattern.
   */
  add({ exception, pattern, tokens }: ReadPattern): void {
    const { words } = this;
    this.starts.push(words.length);
    this.exceptions.push(exception ? 1 : 0);
    let star = false;
    let dirs = false;
    let any = false;
    const endRun = (): void => {
      if (any) words.push(REST);
      else {
        if (star) words.push(STAR);
        if (dirs) words.push(DIRS);
      }
      star = dirs = any = false;
    };
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      if (token.kind === 'star') {
        let loop = STAR;
        if (tokens[i + 1]?.kind === 'star') {
          i++;
          const next = tokens[i + 1];
          if (next?.kind === 'char' && next.char === '/') i++;
          // patternmatcher: `**` at the end is `.*`; at the start before a literal rest (not `/`), any
          // path ending in that rest (suffixMatch); anywhere else `(.*\/)?`.
          const suffix = i === 1 && next?.kind === 'char' && next.char !== '/' && !/[*?[\]\\]/.test(pattern.slice(2));
          loop = i === tokens.length - 1 || suffix ? REST : DIRS;
        }
        if (loop === REST || (loop === STAR && dirs)) any = true;
        else if (loop === STAR) star = true;
        else dirs = true;
        continue;
      }
      endRun();
      if (token.kind === 'char') words.push((token.char.codePointAt(0)! << KIND_BITS) | CHAR);
      else if (token.kind === 'any') words.push(ANY);
      else {
        words.push((token.ranges.length << (KIND_BITS + 1)) | ((token.negated ? 1 : 0) << KIND_BITS) | CLASS);
        for (const [lo, hi] of token.ranges) words.push(lo, hi);
      }
    }
    endRun();
  }

  finish(): CompiledPatterns {
    return new CompiledPatterns(Uint32Array.from(this.words), Uint32Array.from([...this.starts, this.words.length]), Uint8Array.from(this.exceptions));
  }
}

class CompiledPatterns {
  /** Scratch for one pattern's states, sized for the longest. */
  private readonly states: StateSet;

  constructor(
    private readonly words: Uint32Array,
    private readonly starts: Uint32Array,
    private readonly exceptions: Uint8Array,
  ) {
    let longest = 0;
    for (let i = 0; i + 1 < starts.length; i++) longest = Math.max(longest, starts[i + 1] - starts[i]);
    this.states = new StateSet(2 * longest + 2);
  }

  /**
   * Whether the builder leaves the path out. fsutil sends a file when its walk of the context lists it
   * and then reads it through Open, and the two decide differently (each pattern is only tested when
   * it could change the answer: an exception once excluded, a pattern once kept):
   * - the walk (filterFS.Walk, MatchesUsingParentResults) goes from the top directory down, and a
   *   pattern that matched a directory holds for what is under it; a path it skips is not in the context;
   * - Open (filterFS.Open, MatchesOrParentMatches) lets a pattern match the path or any parent
   *   directory; a listed file it refuses reaches the builder empty.
   * A pattern that matches none of the path's directories nor the path itself changes neither answer.
   */
  ignores(path: string): boolean {
    const cleaned = cleanPath(`/${path}`).slice(1);
    if (cleaned === '') return false;
    const chars = Uint32Array.from(cleaned, (ch) => ch.codePointAt(0)!);
    const depth = cleaned.split('/').length;
    const relevant: Array<{ exception: boolean; matched: Uint8Array }> = [];
    for (let p = 0; p < this.exceptions.length; p++) {
      const matched = this.matchedPrefixes(p, chars, depth);
      if (matched) relevant.push({ exception: this.exceptions[p] === 1, matched });
    }
    let parent = new Uint8Array(relevant.length);
    let here = new Uint8Array(relevant.length);
    let walkExcludes = false;
    for (let k = 0; k < depth; k++) {
      walkExcludes = false;
      relevant.forEach(({ exception, matched }, j) => {
        const holds = parent[j] === 1 || (exception === walkExcludes && matched[k] === 1);
        here[j] = holds ? 1 : 0;
        if (holds) walkExcludes = !exception;
      });
      [parent, here] = [here, parent];
    }
    let openExcludes = false;
    for (const { exception } of relevant) if (exception === openExcludes) openExcludes = !exception;
    return walkExcludes || openExcludes;
  }

  /**
   * Which of the path's prefixes (its first k + 1 segments) pattern p matches, or undefined for none:
   * one pass over the path carrying the set of steps reached. A state is a step's word offset times 2,
   * plus 1 for "inside the directories a `**` skips"; the pass stops when no state is left.
   */
  private matchedPrefixes(p: number, chars: Uint32Array, depth: number): Uint8Array | undefined {
    const { words, states } = this;
    const start = this.starts[p];
    const accept = 2 * (this.starts[p + 1] - start);
    const after = (state: number): number => {
      const word = words[start + (state >> 1)];
      return state + 2 + ((word & KIND) === CLASS ? 4 * (word >>> (KIND_BITS + 1)) : 0);
    };
    const enter = (state: number): void => {
      for (let s = state; states.add(s) && (s & 1) === 0 && s < accept; s = after(s)) {
        const kind = words[start + (s >> 1)] & KIND;
        if (kind === DIRS) states.add(s + 1);
        else if (kind !== STAR && kind !== REST) return; // only loops may match nothing
      }
    };
    states.next();
    enter(0);
    let matched: Uint8Array | undefined;
    let segment = 0;
    for (let c = 0; c <= chars.length; c++) {
      const ch = c < chars.length ? chars[c] : -1;
      if (ch === -1 || ch === SLASH) {
        if (states.has(accept)) (matched ??= new Uint8Array(depth))[segment] = 1;
        segment++;
      }
      if (ch === -1) break;
      const current = states.next();
      if (current.length === 0) break;
      for (const s of current) {
        if ((s & 1) === 1) {
          enter(s);
          if (ch === SLASH) enter(after(s - 1));
          continue;
        }
        if (s === accept) continue;
        const word = words[start + (s >> 1)];
        const kind = word & KIND;
        if (kind === STAR) {
          if (ch !== SLASH) enter(s);
        } else if (kind === REST) enter(s);
        else if (kind === ANY) {
          if (ch !== SLASH) enter(after(s));
        } else if (kind === CHAR) {
          if (word >>> KIND_BITS === ch) enter(after(s));
        } else if (kind === CLASS && inClass(words, start + (s >> 1), ch)) enter(after(s));
      }
    }
    return matched;
  }
}

const SLASH = 0x2f;

/** Whether the class whose header word is at `at` matches the code point (a class may match `/`, as in Go). */
function inClass(words: Uint32Array, at: number, ch: number): boolean {
  const header = words[at];
  const count = header >>> (KIND_BITS + 1);
  let inside = false;
  for (let r = 0; r < count && !inside; r++) inside = words[at + 1 + 2 * r] <= ch && ch <= words[at + 2 + 2 * r];
  return inside !== (((header >>> KIND_BITS) & 1) === 1);
}

/** A set of small integers, emptied in constant time: the states of one step of a pattern. */
class StateSet {
  private readonly marks: Uint32Array;
  private generation = 0;
  private members: number[] = [];
  constructor(size: number) {
    this.marks = new Uint32Array(size);
  }
  /** Adds `s`; false when it was already in. */
  add(s: number): boolean {
    if (this.marks[s] === this.generation) return false;
    this.marks[s] = this.generation;
    this.members.push(s);
    return true;
  }
  has(s: number): boolean {
    return this.marks[s] === this.generation;
  }
  /** Empties the set and returns what it held. */
  next(): number[] {
    const members = this.members;
    this.members = [];
    // Wrapping to 0 would make every old mark current again: clear them first.
    if (++this.generation === 0xffffffff) {
      this.marks.fill(0);
      this.generation = 1;
    }
    return members;
  }
}

/** Go's filepath.Clean on a `/`-separated path: no empty or `.` segments, `..` folded (never above `/`). */
export function cleanPath(path: string): string {
  const rooted = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (part !== '..' || !rooted) out.push(part);
  }
  const joined = (rooted ? '/' : '') + out.join('/');
  return joined === '' ? '.' : joined;
}

/** Characters Go's strings.TrimSpace removes (Unicode White_Space; unlike String.trim, not U+FEFF). */
const GO_SPACE = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000]);
const isGoSpace = (code: number): boolean => GO_SPACE.has(code) || (code >= 0x2000 && code <= 0x200a);

function trimGoSpace(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isGoSpace(s.charCodeAt(start))) start++;
  while (end > start && isGoSpace(s.charCodeAt(end - 1))) end--;
  return s.slice(start, end);
}

function utf8Length(s: string): number {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code >= 0xd800 && code < 0xdc00 ? 4 : code >= 0xdc00 && code < 0xe000 ? 0 : 3;
  }
  return bytes;
}
