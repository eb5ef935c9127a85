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
// Matching runs the pattern as a state machine over the path's characters: at most pattern × path steps.
import { matchesOne, tokenize, type Token } from './pathPattern';

/** What a pattern step matches: one character, or a loop that a `*` or `**` stands for. */
type Step =
  | Token
  /** `**` followed by more pattern: any number of whole directories (the RegExp `(.*\/)?`). */
  | { kind: 'dirs' }
  /** A trailing `**`, or a leading one before a literal rest: any characters, `/` included. */
  | { kind: 'rest' };

interface Pattern { exception: boolean; steps: Step[] }

export type InvalidReason = 'syntax' | 'backwardRange' | 'loneExclamation' | 'tooLong';

/** A line BuildKit rejects (and fails the build on): `line` is 1-based, `text` as written, trimmed. */
export interface InvalidIgnoreLine { line: number; text: string; reason: InvalidReason }

export interface DockerIgnoreMatcher {
  /** Whether the builder leaves out `path` (relative to the context, `/`-separated); never the context itself. */
  ignores(path: string): boolean;
  invalid: readonly InvalidIgnoreLine[];
}

/** bufio.Scanner's limit: a longer line makes ReadAll fail with "token too long". */
const MAX_LINE_BYTES = 64 * 1024 - 1;

export function parseDockerIgnore(text: string): DockerIgnoreMatcher {
  const patterns: Pattern[] = [];
  const invalid: InvalidIgnoreLine[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = index === 0 && raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
    const outcome = utf8Length(line) > MAX_LINE_BYTES ? 'tooLong' : compile(line);
    if (outcome === undefined) return;
    if (typeof outcome === 'string') invalid.push({ line: index + 1, text: trimGoSpace(line), reason: outcome });
    else patterns.push(outcome);
  });
  return { ignores: (path) => ignores(patterns, path), invalid };
}

/** One line as ReadAll and New read it: undefined for a comment or blank line, or why BuildKit rejects it. */
function compile(line: string): Pattern | InvalidReason | undefined {
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
  return { exception, steps: steps(tokens, pattern) };
}

/** The tokens with each `**` (two unescaped stars, paired from the left as BuildKit's scanner does) folded into one step. */
function steps(tokens: Token[], pattern: string): Step[] {
  const out: Step[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.kind !== 'star' || tokens[i + 1]?.kind !== 'star') {
      out.push(token);
      continue;
    }
    i++;
    const next = tokens[i + 1];
    if (next?.kind === 'char' && next.char === '/') i++;
    const last = i === tokens.length - 1;
    // patternmatcher's suffixMatch: a leading `**` before a literal rest (not `/`) matches any path ending in that rest.
    const suffix = out.length === 0 && next?.kind === 'char' && next.char !== '/' && !/[*?[\]\\]/.test(pattern.slice(2));
    out.push({ kind: last || suffix ? 'rest' : 'dirs' });
  }
  return out;
}

/**
 * Whether the builder leaves the path out. fsutil sends a file when its walk of the context lists it
 * and then reads it through Open, and the two decide differently (each pattern is only tested when it
 * could change the answer: an exception once excluded, a pattern once kept):
 * - the walk (filterFS.Walk, MatchesUsingParentResults) goes from the top directory down, and a pattern
 *   that matched a directory holds for what is under it; a path it skips is not in the context;
 * - Open (filterFS.Open, MatchesOrParentMatches) lets a pattern match the path or any parent directory;
 *   a listed file it refuses reaches the builder empty.
 */
function ignores(patterns: Pattern[], path: string): boolean {
  const cleaned = cleanPath(`/${path}`).slice(1);
  if (cleaned === '' || patterns.length === 0) return false;
  const chars = Array.from(cleaned);
  const depth = cleaned.split('/').length;
  const prefixes = new Map<Pattern, boolean[]>();
  /** Which of the path's prefixes (its first k + 1 segments) the pattern matches, computed once per pattern. */
  const matchedBy = (p: Pattern): boolean[] => {
    let matched = prefixes.get(p);
    if (!matched) prefixes.set(p, (matched = matchedPrefixes(p.steps, chars, depth)));
    return matched;
  };
  let parent: boolean[] | undefined;
  let walkExcludes = false;
  for (let k = 0; k < depth; k++) {
    walkExcludes = false;
    parent = patterns.map((p, i) => {
      let matched = parent?.[i] ?? false;
      if (!matched && p.exception === walkExcludes) matched = matchedBy(p)[k];
      if (matched) walkExcludes = !p.exception;
      return matched;
    });
  }
  let openExcludes = false;
  for (const p of patterns) {
    if (p.exception === openExcludes && matchedBy(p).includes(true)) openExcludes = !p.exception;
  }
  return walkExcludes || openExcludes;
}

/**
 * For each k, whether the pattern matches the path's first k + 1 segments: one pass over the path,
 * carrying the set of pattern positions reached (each `**` step has a second state, "inside the
 * directories it skips"). Positions only move forward or stay, so a step costs at most the pattern's length.
 */
function matchedPrefixes(pattern: Step[], chars: string[], depth: number): boolean[] {
  const matched = new Array<boolean>(depth).fill(false);
  const states = new StateSet(2 * pattern.length + 2);
  const accept = 2 * pattern.length;
  // An even state 2i waits at step i; an odd state 2i + 1 is inside the directories a `dirs` step i skips.
  const enter = (state: number): void => {
    for (let s = state; states.add(s) && s % 2 === 0 && s < accept; s += 2) {
      const kind = pattern[s / 2].kind;
      if (kind === 'dirs') states.add(s + 1);
      else if (kind !== 'star' && kind !== 'rest') return; // only loops may match nothing
    }
  };
  enter(0);
  let segment = 0;
  for (let c = 0; c <= chars.length; c++) {
    const ch = chars[c];
    if (ch === undefined || ch === '/') matched[segment++] = states.has(accept);
    if (ch === undefined) break;
    const current = states.next();
    if (current.length === 0) break;
    for (const s of current) {
      const step = pattern[s >> 1];
      if (s % 2 === 1) {
        enter(s);
        if (ch === '/') enter(s + 1);
      } else if (s === accept) continue;
      else if (step.kind === 'star') { if (ch !== '/') enter(s); }
      else if (step.kind === 'rest') enter(s);
      else if (step.kind === 'any') { if (ch !== '/') enter(s + 2); }
      else if (step.kind !== 'dirs' && matchesOne(step, ch)) enter(s + 2);
    }
  }
  return matched;
}

/** A set of small integers, emptied in constant time: the states of one step of the pattern. */
class StateSet {
  private readonly marks: Uint32Array;
  private generation = 1;
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
    this.generation++;
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
