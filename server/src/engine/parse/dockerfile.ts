// The Dockerfile model rules read: stages, their base, the final stage, and each RUN's shell script.
import type { Range } from '../model';
import { SourceFile } from '../source';
import { parseShell, type ShellScript } from './shell';
import { readDockerfile } from './dockerfileReader';
import type { ShellParses } from './shellParses';
import type { Argument, Instruction } from './dockerfileInstruction';

export type { Instruction, Property } from './dockerfileInstruction';

export interface Stage {
  index: number;
  /** `AS name`, lower-cased as BuildKit compares it. */
  name?: string;
  from: Instruction;
  /** Instructions after FROM up to the next FROM (FROM itself excluded). */
  instructions: Instruction[];
  /** The image reference as written, variables expanded where the file defines them. */
  image: string;
  /** The earlier stage this one builds on (`FROM builder`), when there is one. */
  parent?: Stage;
  /** The stage at the start of the `FROM <stage>` chain, when it is not this one. */
  root?: Stage;
  /** The stage's USER instructions, in file order. */
  users: Instruction[];
  /** The USER in effect at the end of the stage, inherited through `FROM <stage>` chains. */
  lastUser?: Instruction;
}

export interface DockerfileModel {
  stages: Stage[];
  /** Instructions before the first FROM (ARGs, usually). */
  preamble: Instruction[];
  /** The stage that produces the image, or undefined when the file has no FROM. */
  finalStage?: Stage;
  /** Every instruction in file order, ONBUILD triggers excluded. */
  instructions: Instruction[];
  /** The stage each instruction after the first FROM belongs to (ONBUILD triggers belong to none). */
  stageOf: StageLookup;
  escapeChar: string;
  /** The file ends inside a heredoc no line closes (the builder rejects it): nothing can follow its last instruction. */
  endsInOpenHeredoc: boolean;
  /** Where RUN scripts are parsed when the file is analyzed version after version: its previous version's parses are reused. */
  shells?: ShellParses;
}

/**
 * The stage of an instruction, found by binary search over the stages and the stage's instructions
 * (both in file order) rather than kept in a map: a map entry per instruction cost a quarter of the
 * model of a file of many short instructions.
 */
class StageLookup {
  constructor(private readonly stages: Stage[]) {}

  get(ins: Instruction): Stage | undefined {
    const stage = this.stages[lastStartingBy(this.stages, (s) => s.from.start, ins.start)];
    const list = stage?.instructions;
    return list && list[lastStartingBy(list, (i) => i.start, ins.start)] === ins ? stage : undefined;
  }

  /** The stage a FROM starts. */
  from(ins: Instruction): Stage | undefined {
    const stage = this.stages[lastStartingBy(this.stages, (s) => s.from.start, ins.start)];
    return stage?.from === ins ? stage : undefined;
  }
}

/** Index of the last item of `items` (ordered by `start`) whose start is at most `offset`; -1 when none is. */
function lastStartingBy<T>(items: T[], start: (item: T) => number, offset: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (start(items[mid]) <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

export function parseDockerfile(text: string, src = new SourceFile('Dockerfile', text), shells?: ShellParses): DockerfileModel {
  const { file, instructions, endsInOpenHeredoc } = readDockerfile(src);
  const stages: Stage[] = [];
  const preamble: Instruction[] = [];
  const byName = new Map<string, Stage>();
  let globals: Map<string, string | undefined> | undefined; // the preamble's ARG defaults, read at the first FROM
  for (let n = 0; n < instructions.length; n++) {
    const ins = instructions[n];
    if (ins.keyword === 'FROM') {
      globals ??= globalArgs(preamble);
      const image = expandImage(ins.image ?? '', globals);
      const name = ins.stageName?.toLowerCase();
      // A parent is always an earlier stage, so chains end and each stage's root is known when it is read.
      const parent = byName.get(image.toLowerCase());
      stages.push({ index: stages.length, name, from: ins, instructions: [], image, parent, root: parent && rootStage(parent), users: [], lastUser: undefined });
      if (name) byName.set(name, stages[stages.length - 1]);
    } else if (stages.length === 0) {
      preamble.push(ins);
    } else {
      const stage = stages[stages.length - 1];
      stage.instructions.push(ins);
      if (ins.keyword === 'USER') stage.users.push(ins);
    }
  }
  for (const stage of stages) stage.lastUser = stage.users[stage.users.length - 1] ?? stage.parent?.lastUser;
  const model: DockerfileModel = { stages, preamble, finalStage: stages[stages.length - 1], instructions, stageOf: new StageLookup(stages), escapeChar: file.escapeChar, endsInOpenHeredoc };
  if (shells) model.shells = shells;
  return model;
}

/**
 * What FROM's variables resolve to: the value of the last ARG before the first FROM that declares the
 * name. As in dockerfile-ast, an ARG declaring several names is not read, and one without a value hides
 * earlier ones.
 */
function globalArgs(preamble: Instruction[]): Map<string, string | undefined> {
  const values = new Map<string, string | undefined>();
  for (const ins of preamble) {
    const property = ins.keyword === 'ARG' ? ins.argProperty : undefined;
    if (property) values.set(property.name, property.value);
  }
  return values;
}

/** A `$NAME` or `${NAME…}` in an image reference: its name, what follows the name in braces (`:-default`), and where it is. */
export interface ImageVariable {
  name: string;
  modifier?: string;
  start: number;
  end: number;
}

const isNameStart = (c: string | undefined) => c !== undefined && ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c === '_');
const isNameChar = (c: string | undefined) => isNameStart(c) || (c !== undefined && c >= '0' && c <= '9');

/**
 * The variables of an image reference, in one pass: `$NAME`, `${NAME}`, and `${NAME<op>…}` or
 * `${NAME:<op>…}` where `<op>` is one of `operators` (`-+` for what BuildKit expands in FROM). A regular
 * expression retried at every `$` took quadratic time over many unclosed `${A:-`.
 */
export function imageVariables(image: string, operators: string): ImageVariable[] {
  const out: ImageVariable[] = [];
  const lastClose = image.lastIndexOf('}');
  for (let i = image.indexOf('$'); i !== -1; i = image.indexOf('$', i + 1)) {
    const braced = image[i + 1] === '{';
    const nameStart = braced ? i + 2 : i + 1;
    if (!isNameStart(image[nameStart])) continue;
    let nameEnd = nameStart + 1;
    while (isNameChar(image[nameEnd])) nameEnd++;
    const name = image.slice(nameStart, nameEnd);
    if (!braced) {
      out.push({ name, start: i, end: nameEnd });
      i = nameEnd - 1;
    } else if (image[nameEnd] === '}') {
      out.push({ name, start: i, end: nameEnd + 1 });
      i = nameEnd;
    } else {
      const op = image[nameEnd] === ':' ? nameEnd + 1 : nameEnd;
      // The modifier runs to the next `}`; past the last one there is none.
      const close = op < lastClose && operators.includes(image[op]) ? image.indexOf('}', op + 1) : -1;
      if (close === -1) continue;
      out.push({ name, modifier: image.slice(nameEnd, close), start: i, end: close + 1 });
      i = close;
    }
  }
  return out;
}

/** FROM's image with `${VAR}`/`$VAR` replaced by the default of a global ARG, when one exists. */
function expandImage(raw: string, globals: Map<string, string | undefined>): string {
  if (!raw.includes('$')) return raw;
  let out = '';
  let at = 0;
  for (const v of imageVariables(raw, '-+')) {
    const value = globals.get(v.name);
    if (value === undefined) continue;
    out += raw.slice(at, v.start) + value;
    at = v.end;
  }
  return out + raw.slice(at);
}

/** The stage a stage ultimately builds on from an external image (follows `FROM <stage>` chains). */
export function rootStage(stage: Stage): Stage {
  return stage.root ?? stage;
}

/**
 * Where each character of a script stands in the document. Characters that stand one after another
 * share a segment, so a script read from a few lines holds a few numbers, not one per character.
 * Segments are kept in a typed array (script index, document offset) the collector never copies: a RUN
 * of half a million continued lines has as many segments.
 */
export class ScriptOffsets {
  /** Where the script's first character is; the segment table exists only once there is a second segment. */
  private first = 0;
  /** Pairs of (script index where a segment starts, document offset of that character); `count` pairs in use. */
  private segments?: Int32Array;
  private count = 0;
  /** The last segment's start in the script and in the document. */
  private lastStart = 0;
  private lastAt = 0;
  private length = 0;
  /** The document offset of the end of the script. */
  end = 0;

  /** Appends `count` characters standing at document offsets `at`, `at + 1`, ... */
  add(count: number, at: number): void {
    if (count <= 0) return;
    if (this.length === 0) {
      this.first = at;
      this.lastAt = at;
    } else if (this.lastAt + (this.length - this.lastStart) !== at) {
      if (this.count === 0) this.push(0, this.first);
      this.push(this.length, at);
      this.lastStart = this.length;
      this.lastAt = at;
    }
    this.length += count;
  }

  private push(start: number, at: number): void {
    let segments = this.segments;
    if (!segments || segments.length < 2 * this.count + 2) {
      const grown = new Int32Array(Math.max(16, 4 * this.count));
      if (segments) grown.set(segments);
      this.segments = segments = grown;
    }
    segments[2 * this.count] = start;
    segments[2 * this.count + 1] = at;
    this.count++;
  }

  /** The document offset of script character `i`; the end for `i` past the last character. */
  at(i: number): number {
    if (i >= this.length) return this.end;
    const segments = this.segments;
    if (!segments) return this.first + i;
    let lo = 0;
    let hi = this.count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segments[2 * mid] <= i) lo = mid;
      else hi = mid - 1;
    }
    return segments[2 * lo + 1] + (i - segments[2 * lo]);
  }
}

/** The shell text a RUN executes, with where each of its characters is in the document. */
export interface RunScript {
  text: string;
  offsets: ScriptOffsets;
}

/** Whether the character code `c` is one `\s` matches (NaN, past the end of a text, is not). */
function isSpaceCode(c: number): boolean {
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** A heredoc opened on a RUN line: its delimiter, whether its lines are the script, whether `<<-` strips leading tabs. */
interface Heredoc {
  name: string;
  script: boolean;
  strip: boolean;
}

/**
 * The heredoc openers of `text[from, to)` (`<<EOF`, `<<-EOF`, `<<"EOF"`, `<<'EOF'`), left to right as
 * `/<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g` matches them; `visit` gets each delimiter, where its `<<`
 * is and whether it strips tabs. Read by hand: a regular expression's match object per opener was most
 * of reading a RUN of half a million of them.
 */
function eachHeredocOpener(text: string, from: number, to: number, visit: (name: string, at: number, strip: boolean) => void): void {
  for (let at = text.indexOf('<<', from); at !== -1 && at + 2 < to; at = text.indexOf('<<', at + 1)) {
    let i = at + 2;
    const strip = text[i] === '-';
    if (strip) i++;
    const quote = text[i] === '"' || text[i] === "'" ? text[i] : '';
    if (quote) i++;
    const nameStart = i;
    if (i >= to || !isNameStart(text[i])) continue;
    while (i + 1 < to && isNameChar(text[i + 1])) i++;
    const nameEnd = i + 1;
    if (quote && (nameEnd >= to || text[nameEnd] !== quote)) continue;
    visit(text.slice(nameStart, nameEnd), at, strip);
    at = (quote ? nameEnd + 1 : nameEnd) - 1;
  }
}

/**
 * Extracts what a shell-form RUN runs: line continuations joined, comment lines inside them dropped,
 * heredoc bodies kept when the heredoc is the script (`RUN <<EOF`) and dropped when it is data fed to
 * a command (`RUN cat <<EOF > /etc/file`). JSON-form RUN gives its `sh -c` string, or its words.
 */
export function runScript(ins: Instruction, src: SourceFile, escapeChar: string): RunScript | undefined {
  const startOffset = ins.argumentsStart;
  if (startOffset === undefined) return undefined;
  const endOffset = ins.file.norm(ins.end);
  const raw = src.text.slice(startOffset, endOffset);
  // Text that is not a JSON array of strings runs in a shell, even when it starts with `[ -f x ]`.
  const json = raw.trimStart().startsWith('[') ? jsonScript(raw, startOffset, escapeChar) : undefined;
  if (json) return json;
  const script = new ShellLines(raw, startOffset);
  script.read(escapeChar);
  script.offsets.end = endOffset;
  return { text: script.text.build(), offsets: script.offsets };
}

/** Characters copied at a time by ScriptText (one buffer for every build: builds never interleave). */
const CHUNK = new Uint16Array(8192);
/** Pieces this long are appended as slices of the text rather than copied (a line of a real RUN usually is). */
const LONG_PIECE = 48;
/** Pieces appended as strings before short ones are copied: most RUNs are a line or a few. */
const FEW_PIECES = 16;

/**
 * A script built from pieces of a RUN's text and line breaks, joined once at the end (a flat string,
 * which the shell reader reads fastest). A few pieces, or long ones, are kept as slices; past those,
 * short pieces are copied a character at a time into CHUNK and converted a chunk at a time: a slice per
 * piece cost ten times as much for a RUN of half a million short continued lines.
 */
class ScriptText {
  private readonly parts: string[] = [];
  private pieces = 0;
  private used = 0;

  constructor(private readonly raw: string) {}

  range(from: number, to: number): void {
    if (to <= from) return;
    if (this.pieces++ >= FEW_PIECES && to - from < LONG_PIECE) {
      // Copied in this loop rather than a call per character: most of a long RUN's text comes through here.
      const raw = this.raw;
      let used = this.used;
      for (let i = from; i < to; i++) {
        if (used === CHUNK.length) {
          this.used = used;
          this.flush();
          used = 0;
        }
        CHUNK[used++] = raw.charCodeAt(i);
      }
      this.used = used;
      return;
    }
    this.flush();
    this.parts.push(this.raw.slice(from, to));
  }

  newline(): void {
    if (this.pieces++ >= FEW_PIECES) return this.put(10);
    this.flush();
    this.parts.push('\n');
  }

  build(): string {
    this.flush();
    return this.parts.length === 1 ? this.parts[0] : this.parts.join('');
  }

  private put(code: number): void {
    if (this.used === CHUNK.length) this.flush();
    CHUNK[this.used++] = code;
  }

  private flush(): void {
    if (this.used === 0) return;
    this.parts.push(String.fromCharCode.apply(null, CHUNK.subarray(0, this.used) as unknown as number[]));
    this.used = 0;
  }
}

/** Index just past the last character of `text[from, to)` that String.prototype.trimEnd would keep. */
function trimmedEnd(text: string, from: number, to: number): number {
  let end = to;
  while (end > from && isSpaceCode(text.charCodeAt(end - 1))) end--;
  return end;
}

const HASH = 35;

/** Whether the line `text[from, to)` is a comment line (`/^\s*#/`). */
function isCommentLine(text: string, from: number, to: number): boolean {
  let i = from;
  while (i < to && isSpaceCode(text.charCodeAt(i))) i++;
  return i < to && text.charCodeAt(i) === HASH;
}

/** Whether `text[from, to)` is blanks only (what String.prototype.trim removes entirely). */
function isAllSpace(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isSpaceCode(text.charCodeAt(i))) return false;
  return true;
}

/**
 * Reads the shell-form text of a RUN/COPY/ADD as the builder does: the continued line first (its comment
 * lines dropped), then the bodies of its heredocs one after another, into the script the shell runs and
 * the document offset of each of its characters (a heredoc body only when the heredoc is the script:
 * `RUN <<EOF`). A class, not closures over the reading state: a RUN is read once, mostly by unoptimized
 * code, where closures and the variables they share were allocations per RUN and slower to reach.
 */
class ShellLines {
  readonly text: ScriptText;
  readonly offsets = new ScriptOffsets();
  private readonly heredocs: Heredoc[] = [];
  /** Nothing but blanks put so far: a heredoc opened now is the script itself. */
  private blank = true;

  /** `base` is the document offset of `raw`. */
  constructor(
    private readonly raw: string,
    private readonly base: number,
  ) {
    this.text = new ScriptText(raw);
  }

  private put(from: number, to: number): void {
    if (this.blank && !isAllSpace(this.raw, from, to)) this.blank = false;
    this.text.range(from, to);
    this.offsets.add(to - from, this.base + from);
  }

  /** A line break of the script, standing at `at` in `raw`. */
  private newline(at: number): void {
    this.text.newline();
    this.offsets.add(1, this.base + at);
  }

  /** The line `raw[from, end)` and its line break, which the shell reads as `\n` (a `\r\n` too). */
  private putLine(from: number, end: number, lineBreak: number): void {
    if (lineBreak === end && end < this.raw.length) {
      this.put(from, end + 1);
    } else {
      this.put(from, end);
      this.newline(end);
    }
  }

  read(escapeChar: string): void {
    const raw = this.raw;
    const heredocs = this.heredocs;
    let bodyOf = 0; // the heredoc whose body the next line belongs to
    let lineEnded = false;
    let first = true;
    let opener = -2; // the next `<<` at or after the current line (-1: none left), found lazily so the search stays linear
    let lineStart = 0;
    do {
      const lineBreak = raw.indexOf('\n', lineStart);
      const next = lineBreak === -1 ? raw.length : lineBreak + 1;
      // The line without its `\n` or `\r\n`.
      const end = lineBreak === -1 ? raw.length : lineBreak > lineStart && raw[lineBreak - 1] === '\r' ? lineBreak - 1 : lineBreak;
      const start = lineStart;
      lineStart = next;
      if (lineEnded && bodyOf < heredocs.length) {
        const heredoc = heredocs[bodyOf];
        let from = start;
        if (heredoc.strip) while (from < end && raw[from] === '\t') from++;
        if (end - from === heredoc.name.length && raw.startsWith(heredoc.name, from)) {
          bodyOf++;
          this.newline(end);
        } else if (heredoc.script) {
          this.putLine(start, end, lineBreak);
        }
        continue;
      }
      if (!first && isCommentLine(raw, start, end)) continue; // comment lines inside a continued RUN are not part of it
      first = false;
      if (opener !== -1 && opener < start) opener = raw.indexOf('<<', start);
      if (opener !== -1 && opener < end) {
        eachHeredocOpener(raw, opener, end, (name, at, strip) => {
          heredocs.push({ name, script: heredocs.length === 0 && this.blank && isAllSpace(raw, start, at), strip });
        });
      }
      const trimmed = trimmedEnd(raw, start, end);
      lineEnded = !(trimmed > start && raw[trimmed - 1] === escapeChar);
      if (lineEnded) this.putLine(start, end, lineBreak);
      else this.put(start, trimmed - 1);
    } while (lineStart < raw.length);
  }
}

/** A JSON string of an exec-form instruction, decoded, with the document offset of each character. */
interface JsonString {
  value: string;
  offsets: ScriptOffsets;
  open: number;
  close: number;
}

const JSON_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * The strings of a JSON array as the builder reads it: line continuations removed, escapes decoded.
 * Undefined when the text is not a JSON array of strings (the builder then runs it in a shell).
 */
function jsonStrings(raw: string, base: number, escapeChar: string): JsonString[] | undefined {
  const out: JsonString[] = [];
  let expectValue = true;
  let i = raw.indexOf('[') + 1;
  const continuation = (j: number) => raw[j] === escapeChar && /^\r?\n/.test(raw.slice(j + 1, j + 3));
  const skipContinuation = (j: number) => j + (raw[j + 1] === '\r' ? 3 : 2);
  // The string being read: plain characters are taken a run at a time (a slice, one offset segment), not one by one.
  let chars: string[] = [];
  let str: JsonString | undefined;
  let run = -1;
  const endRun = (at: number) => {
    if (run === -1) return;
    chars.push(raw.slice(run, at));
    str!.offsets.add(at - run, base + run);
    run = -1;
  };
  for (; i < raw.length; i++) {
    const c = raw[i];
    if (continuation(i)) {
      i = skipContinuation(i) - 1;
      continue;
    }
    if (/\s/.test(c)) continue;
    if (c === ']') return expectValue && out.length > 0 ? undefined : raw.slice(i + 1).trim() === '' ? out : undefined;
    if (c === ',' && !expectValue) {
      expectValue = true;
      continue;
    }
    if (c !== '"' || !expectValue) return undefined;
    chars = [];
    str = { value: '', offsets: new ScriptOffsets(), open: base + i, close: -1 };
    for (i++; i < raw.length && raw[i] !== '"'; i++) {
      if (continuation(i)) {
        endRun(i);
        i = skipContinuation(i) - 1;
        continue;
      }
      if (raw[i] !== '\\') {
        if (run === -1) run = i;
        continue;
      }
      endRun(i);
      const at = base + i;
      const e = raw[++i];
      if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(raw.slice(i + 1, i + 5))) {
        chars.push(String.fromCharCode(parseInt(raw.slice(i + 1, i + 5), 16)));
        i += 4;
      } else if (e !== undefined && e in JSON_ESCAPES) chars.push(JSON_ESCAPES[e]);
      else return undefined;
      str.offsets.add(1, at);
    }
    if (i >= raw.length) return undefined;
    endRun(i);
    str.value = chars.length === 1 ? chars[0] : chars.join('');
    str.close = base + i;
    str.offsets.end = str.close;
    out.push(str);
    expectValue = false;
  }
  return undefined;
}

function jsonScript(raw: string, base: number, escapeChar: string): RunScript | undefined {
  const list = jsonStrings(raw, base, escapeChar);
  if (!list) return undefined;
  // ["sh", "-c", "script"]: the script is what runs.
  const c = list.findIndex((s) => s.value === '-c');
  if (c >= 1 && c === list.length - 2) return { text: list[c + 1].value, offsets: list[c + 1].offsets };
  // Exec form: the words run directly; quote them so the shell reader sees the same words. Quotes map
  // to the JSON quotes and the blank between words to the character before the next string, so a
  // range from one word to the next covers `"word", ` in the document.
  const pieces: string[] = [];
  const offsets = new ScriptOffsets();
  list.forEach((s, k) => {
    if (k > 0) {
      pieces.push(' ');
      offsets.add(1, s.open - 1);
    }
    pieces.push("'");
    offsets.add(1, s.open);
    // A `'` is written `'\\''`, its four characters at the quote's place; the text between quotes is copied whole.
    let from = 0;
    for (let quote = s.value.indexOf("'"); from < s.value.length; quote = s.value.indexOf("'", from)) {
      const to = quote === -1 ? s.value.length : quote;
      if (to > from) pieces.push(s.value.slice(from, to));
      for (let j = from; j < to; j++) offsets.add(1, s.offsets.at(j));
      if (quote === -1) break;
      pieces.push("'\\''");
      const at = s.offsets.at(quote);
      for (let n = 0; n < 4; n++) offsets.add(1, at);
      from = quote + 1;
    }
    pieces.push("'");
    offsets.add(1, s.close);
  });
  offsets.end = list.length ? list[list.length - 1].close + 1 : base;
  return { text: pieces.join(''), offsets };
}

/** A RUN instruction with its parsed shell script and a way back to document ranges. */
export class ParsedRun {
  constructor(
    readonly instruction: Instruction,
    readonly stage: Stage | undefined,
    readonly script: ShellScript,
    private readonly src: SourceFile,
    private readonly offsets: ScriptOffsets,
  ) {}

  /** Document range of script offsets [start, end). */
  rangeOf(start: number, end: number): Range {
    const from = this.offsets.at(start);
    return this.src.rangeOf(from, end > start ? this.offsets.at(end - 1) + 1 : from);
  }
}

const runCache = new WeakMap<DockerfileModel, ParsedRun[]>();

/** Every RUN of the file (ONBUILD RUN triggers included), parsed once per model (a script once per version, see shellParses.ts). */
export function parsedRuns(model: DockerfileModel, src: SourceFile): ParsedRun[] {
  const cached = runCache.get(model);
  if (cached) return cached;
  const runs: ParsedRun[] = [];
  const instructions = model.instructions;
  for (let n = 0; n < instructions.length; n++) {
    const ins = instructions[n];
    const target = ins.keyword === 'ONBUILD' ? ins.trigger : ins;
    if (!target || target.keyword !== 'RUN') continue;
    const run = runScript(target, src, model.escapeChar);
    if (run) runs.push(new ParsedRun(target, model.stageOf.get(ins), model.shells ? model.shells.parse(run.text) : parseShell(run.text), src, run.offsets));
  }
  runCache.set(model, runs);
  return runs;
}

/** Where a line's trailing line continuation starts, as BuildKit reads it (`a \`, not `a \\`); -1 when it has none. */
export function continuationAt(line: string, escapeChar: string): number {
  let end = line.length;
  while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
  if (end === 0 || line[end - 1] !== escapeChar) return -1;
  return end === 1 || line[end - 2] !== escapeChar ? end - 1 : -1;
}

/** An image a Dockerfile pulls: a FROM base or a `COPY --from` source. */
export interface ImageReference {
  image: string;
  range: Range;
  instruction: Instruction;
}

/**
 * Every external image the build pulls, in file order. Stage names are not images: FROM may name an
 * earlier stage, `COPY --from` any stage or a stage index; `scratch` is no image at all. Read from
 * `model.instructions`, so that a model of some instructions (perInstructionRules.ts) gives theirs.
 */
export function externalImages(model: DockerfileModel): readonly ImageReference[] {
  let images = imageCache.get(model);
  if (!images) imageCache.set(model, (images = readExternalImages(model)));
  return images;
}

/** The images of a model, computed once: four rules ask. */
const imageCache = new WeakMap<DockerfileModel, ImageReference[]>();

function readExternalImages(model: DockerfileModel): ImageReference[] {
  // The first stage of each name: a FROM names a stage before its own, `COPY --from` any stage.
  const firstNamed = new Map<string, number>();
  for (const stage of model.stages) if (stage.name && !firstNamed.has(stage.name)) firstNamed.set(stage.name, stage.index);
  const out: ImageReference[] = [];
  const add = (image: string, range: Range | undefined, instruction: Instruction, stagesBefore: number) => {
    const lower = image.toLowerCase();
    const stage = firstNamed.get(lower);
    if (range && lower !== 'scratch' && !(stage !== undefined && stage < stagesBefore) && !/^\d+$/.test(image)) out.push({ image, range, instruction });
  };
  const instructions = model.instructions;
  for (let n = 0; n < instructions.length; n++) {
    const ins = instructions[n];
    if (ins.keyword === 'FROM') {
      const stage = model.stageOf.from(ins);
      if (stage) add(stage.image, ins.imageRange, ins, stage.index);
      continue;
    }
    const from = ins.fromFlag;
    if (from?.value && model.stageOf.get(ins)) add(from.value, from.valueRange, ins, Infinity);
  }
  return out;
}

export interface InstructionArgument {
  readonly value: string;
  readonly range: Range;
}

const builderArguments = new WeakMap<Instruction, Argument[]>();

/**
 * The arguments of an instruction as the builder sees them, flags (`--chown=…`) excluded: the
 * unquoted strings of the JSON form (`COPY ["a b", "/x/"]`), or the words of the plain form (computed
 * once per instruction: several rules ask).
 */
export function instructionArguments(ins: Instruction): InstructionArgument[] {
  let args = builderArguments.get(ins);
  if (!args) {
    const json = ins.jsonArguments;
    // The builder removes quotes in plain form too (`ADD "file.tgz" /src/`).
    args = json.length > 0 ? json : ins.arguments.filter((a) => !a.value.startsWith('--')).map((a) => a.withValue(a.value.replace(/^(["'])(.*)\1$/, '$2')));
    builderArguments.set(ins, args);
  }
  return args;
}
