// A small POSIX-shell reader for RUN commands: enough structure for security rules (which commands
// run, how they are piped, what a `$(…)` or `<(…)` executes) with quoting respected and every word
// mapped back to its document offset. It does not evaluate anything.
import type { PackageCommand } from './packages';

export interface Word {
  /** The word with quotes and escapes removed. */
  value: string;
  /** Offsets in the script text, [start, end). */
  start: number;
  end: number;
  /** Whether any part was quoted (a quoted `|` is text, not a pipe). */
  quoted: boolean;
}

export interface SimpleCommand {
  words: Word[];
  /** Filled in by commandHead, which rules ask for every command. */
  head?: CommandHead;
  /** Filled in by packageCommand (null: not a package manager), which seven rules ask for every command. */
  packageCommand?: PackageCommand | null;
}
/** Commands joined by `|`, in order. */
export interface Pipeline {
  commands: SimpleCommand[];
}

export interface ShellScript {
  pipelines: Pipeline[];
  /** Scripts run by command or process substitution: `$(…)`, backticks, `<(…)`, `>(…)`. */
  substitutions: Array<{ kind: '$(' | '`' | '<(' | '>('; script: ShellScript; start: number; end: number }>;
  /** Filled in by allCommands, which every rule asks for. */
  commands?: SimpleCommand[];
}

// Character codes the reader compares: charCodeAt reads a number where indexing made a one-character string.
const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const DQUOTE = 34;
const HASH = 35;
const DOLLAR = 36;
const AMP = 38;
const SQUOTE = 39;
const LPAREN = 40;
const RPAREN = 41;
const SEMI = 59;
const LT = 60;
const GT = 62;
const BACKSLASH = 92;
const BACKTICK = 96;
const PIPE = 124;

const isBlank = (c: number) => c === SPACE || c === TAB || c === CR;
/** Characters that end a word and separate commands. */
const isOperator = (c: number) => c === PIPE || c === AMP || c === SEMI || c === LF || c === LPAREN || c === RPAREN;
/** Reserved words that may stand before a command (`for`/`case` are left alone: their words are data). */
const RESERVED_WORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', 'esac', '{', '}', '!']);

/**
 * How deep substitutions become scripts of their own. Deeper, `$(`, `<(`, `>(` and backticks only
 * separate commands, so what runs in there is still read (as commands of the deepest script) while
 * the reader's stack and work stay bounded: each level re-reads its body once.
 */
export const MAX_NESTING = 16;

type Substitution = ShellScript['substitutions'][number];

// The reader's results are class instances, not object literals: each kind has one shape from the start
// (a command's head and a script's command list are filled in later), and optimized code that creates
// them is not thrown away when V8 changes its mind about where a literal's objects should be allocated.
class ShellWord implements Word {
  constructor(
    readonly value: string,
    readonly start: number,
    readonly end: number,
    readonly quoted: boolean,
  ) {}
}

/**
 * A word far into a command of many words (`echo a a a ...` a million times) is an object literal: V8 then
 * allocates these straight into the old generation once it sees them survive, instead of copying each
 * through the young generation. Only such commands reach this literal, so the code that V8 throws away
 * when it changes that decision is never that of a file of ordinary commands.
 */
const bulkWord = (value: string, start: number, end: number, quoted: boolean): Word => ({ value, start, end, quoted });

/** A word of the current command: its `index` there says which of the two kinds it is made as. */
const makeWord = (index: number, value: string, start: number, end: number, quoted: boolean): Word =>
  index < HAND_OVER_WORDS ? new ShellWord(value, start, end, quoted) : bulkWord(value, start, end, quoted);

class ShellCommand implements SimpleCommand {
  head: CommandHead | undefined = undefined;
  packageCommand: PackageCommand | null | undefined = undefined;
  constructor(readonly words: Word[]) {}
}

class ShellPipeline implements Pipeline {
  constructor(readonly commands: SimpleCommand[]) {}
}

class Script implements ShellScript {
  commands: SimpleCommand[] | undefined = undefined;
  constructor(
    readonly pipelines: Pipeline[],
    readonly substitutions: Substitution[],
  ) {}
}

class ShellSubstitution {
  constructor(
    readonly kind: Substitution['kind'],
    readonly script: ShellScript,
    readonly start: number,
    readonly end: number,
  ) {}
}

/** Word count from which a command's word buffer becomes its word list (its spare room is then a small fraction). */
const HAND_OVER_WORDS = 256;

/** Parses a script; `base` is added to every offset (for nested scripts). Never throws. */
export function parseShell(text: string, base = 0): ShellScript {
  return readScript(text, 0, text.length, base, 0);
}

/** Reads `text[from, to)` at nesting `depth`; offsets are `base` plus the index in `text`. */
function readScript(text: string, from: number, to: number, base: number, depth: number): ShellScript {
  return new ScriptReader(text, to, base, depth).read(from);
}

/**
 * Reads one script (its substitutions with readers of their own). The current command's words and the
 * current pipeline's commands are gathered in buffers and copied out when they end: an array filled by
 * push keeps room for 16 elements, which for a file of short RUNs was most of the memory the analysis
 * held. Each buffer's count says how much of it is current (emptying an array by setting its length
 * costs a runtime call per command).
 */
class ScriptReader {
  private readonly pipelines: Pipeline[] = [];
  private readonly substitutions: Substitution[] = [];
  private words: Word[] = [];
  private wordCount = 0;
  private readonly commands: SimpleCommand[] = [];
  private commandCount = 0;
  /** Whether substitutions become scripts of their own (below MAX_NESTING) or only separate commands. */
  private readonly nests: boolean;

  constructor(
    private readonly text: string,
    private readonly to: number,
    private readonly base: number,
    private readonly depth: number,
  ) {
    this.nests = depth < MAX_NESTING;
  }

  /** The character code at `k`, or -1 at and past the end of the script. */
  private code(k: number): number {
    return k < this.to ? this.text.charCodeAt(k) : -1;
  }

  /** Whether `$(`, `<(`, `>(` or a backtick starts at `k`. */
  private opensSubstitution(k: number): boolean {
    const c = this.code(k);
    return c === BACKTICK || ((c === DOLLAR || c === LT || c === GT) && this.code(k + 1) === LPAREN);
  }

  read(from: number): ShellScript {
    const to = this.to;
    const text = this.text;
    let i = from;
    while (i < to) {
      const c = text.charCodeAt(i);
      if (isBlank(c)) i++;
      else if (c === HASH) {
        // A bounded scan, not indexOf: that would search past the end of a nested script, once per script.
        while (i < to && text.charCodeAt(i) !== LF) i++;
      } else if (c === BACKSLASH && this.code(i + 1) === LF) i += 2;
      else if (!this.nests && this.opensSubstitution(i)) {
        this.endPipeline();
        i += c === BACKTICK ? 1 : 2;
      } else if ((c === LT || c === GT) && this.code(i + 1) === LPAREN) {
        const end = this.parenSubstitution(c === LT ? '<(' : '>(', i);
        const index = this.wordCount++;
        this.words[index] = makeWord(index, text.slice(i, end), this.base + i, this.base + end, false);
        i = end;
      } else if (c === PIPE && this.code(i + 1) !== PIPE) {
        this.endCommand();
        i += this.code(i + 1) === AMP ? 2 : 1;
      } else if (c === LPAREN || c === RPAREN) {
        this.endPipeline();
        i++;
      } else if (isOperator(c)) {
        this.endPipeline();
        i += (c === PIPE || c === AMP) && this.code(i + 1) === c ? 2 : 1;
      } else i = this.word(i);
    }
    this.endPipeline();
    const subs = this.substitutions;
    return new Script(this.pipelines, subs.length ? subs.slice() : subs);
  }

  /** Reads the word starting at `start` (up to an unquoted blank or operator); returns where it ends. */
  private word(start: number): number {
    const text = this.text;
    const to = this.to;
    let i = start;
    let value = '';
    let run = -1; // start of the current run of plain characters, taken a run at a time
    let quoted = false;
    while (i < to) {
      const d = text.charCodeAt(i);
      if (isBlank(d) || isOperator(d) || (!this.nests && this.opensSubstitution(i))) break;
      if (d !== BACKSLASH && d !== SQUOTE && d !== DQUOTE && d !== BACKTICK && !(d === DOLLAR && this.code(i + 1) === LPAREN)) {
        if (run === -1) run = i;
        i++;
        continue;
      }
      if (run !== -1) {
        value += text.slice(run, i);
        run = -1;
      }
      if (d === BACKSLASH) {
        if (i + 1 < to && text.charCodeAt(i + 1) !== LF) value += text[i + 1];
        i = Math.min(i + 2, to);
      } else if (d === SQUOTE) {
        const close = findSingleClose(text, i + 1, to);
        value += text.slice(i + 1, close);
        quoted = true;
        i = Math.min(close + 1, to);
      } else if (d === DQUOTE) {
        const close = findDoubleClose(text, i + 1, to, MAX_NESTING - this.depth);
        collectSubstitutions(text, i + 1, close, this.base, this.depth, this.substitutions);
        value += unescapeDoubleQuoted(text, i + 1, close);
        quoted = true;
        i = Math.min(close + 1, to);
      } else if (d === DOLLAR) {
        const end = this.parenSubstitution('$(', i);
        value += text.slice(i, end);
        i = end;
      } else {
        const close = findBacktickClose(text, i + 1, to);
        const end = Math.min(close + 1, to);
        this.substitutions.push(new ShellSubstitution('`', readScript(text, i + 1, close, this.base, this.depth + 1), this.base + i, this.base + end));
        value += text.slice(i, end);
        i = end;
      }
    }
    if (run !== -1) value += text.slice(run, i);
    if (i === start) return i + 1; // defensive: never loop without progress
    // `if`, `then`, `{` … open or close a compound command; the word after them starts the command.
    if (this.wordCount === 0 && !quoted && RESERVED_WORDS.has(value)) return i;
    const index = this.wordCount++;
    this.words[index] = makeWord(index, value, this.base + start, this.base + i, quoted);
    return i;
  }

  /** Records the `(...)` substitution opened at `start` (its body starts at start + 2); returns its end. */
  private parenSubstitution(kind: '$(' | '<(' | '>(', start: number): number {
    const to = this.to;
    const close = findCloseParen(this.text, start + 2, to, MAX_NESTING - this.depth - 1);
    const end = close < to ? close + 1 : to;
    this.substitutions.push(new ShellSubstitution(kind, readScript(this.text, start + 2, close, this.base, this.depth + 1), this.base + start, this.base + end));
    return end;
  }

  /** The current command's words: copied out when few, handed over whole when many (copying a million cost a tenth of reading them). */
  private takeWords(): Word[] {
    const count = this.wordCount;
    if (count < HAND_OVER_WORDS) return this.words.slice(0, count);
    const taken = this.words;
    if (taken.length > count) taken.length = count;
    this.words = [];
    return taken;
  }

  private endCommand(): void {
    if (this.wordCount) this.commands[this.commandCount++] = new ShellCommand(this.takeWords());
    this.wordCount = 0;
  }

  private endPipeline(): void {
    this.endCommand();
    if (this.commandCount) this.pipelines.push(new ShellPipeline(this.commands.slice(0, this.commandCount)));
    this.commandCount = 0;
  }
}

/** The text of a double-quoted string `text[from, to)` with its escapes (`\"`, `\\`, `\$`, `` \` ``) removed. */
function unescapeDoubleQuoted(text: string, from: number, to: number): string {
  const body = text.slice(from, to);
  return body.includes('\\') ? body.replace(/\\(["\\$`])/g, '$1') : body;
}

/**
 * `$(…)` and backticks inside double quotes (`text[from, to)`) still run. Past the nesting bound their
 * bodies are read at the same depth: there quotes no longer nest, so this recurses no further.
 */
function collectSubstitutions(text: string, from: number, to: number, base: number, depth: number, out: Substitution[]): void {
  const inner = Math.min(depth + 1, MAX_NESTING);
  for (let j = from; j < to; j++) {
    const c = text.charCodeAt(j);
    if (c === BACKSLASH) {
      j++;
    } else if (c === DOLLAR && j + 1 < to && text.charCodeAt(j + 1) === LPAREN) {
      const close = findCloseParen(text, j + 2, to, MAX_NESTING - inner);
      const end = close < to ? close + 1 : to;
      out.push(new ShellSubstitution('$(', readScript(text, j + 2, close, base, inner), base + j, base + end));
      j = end - 1;
    } else if (c === BACKTICK) {
      const close = findBacktickClose(text, j + 1, to);
      out.push(new ShellSubstitution('`', readScript(text, j + 1, close, base, inner), base + j, base + Math.min(close + 1, to)));
      j = close;
    }
  }
}

/**
 * Index of the `)` that closes a body starting at `from`, or `to`: quotes and escapes are skipped, and
 * `$(…)` inside double quotes nests for `levels` more levels.
 */
function findCloseParen(text: string, from: number, to: number, levels: number): number {
  let level = 1;
  let j = from;
  while (j < to) {
    const c = text.charCodeAt(j);
    if (c === BACKSLASH) j += 2;
    else if (c === SQUOTE) j = findSingleClose(text, j + 1, to) + 1;
    else if (c === DQUOTE) j = findDoubleClose(text, j + 1, to, levels) + 1;
    else if (c === LPAREN) {
      level++;
      j++;
    } else if (c === RPAREN) {
      if (--level === 0) return j;
      j++;
    } else j++;
  }
  return to;
}

/** Index of the `'` closing a single-quoted string whose text starts at `from`, or `to`. */
function findSingleClose(text: string, from: number, to: number): number {
  let j = from;
  while (j < to && text.charCodeAt(j) !== SQUOTE) j++;
  return j;
}

/**
 * Index of the unescaped `"` closing a double-quoted string whose text starts at `from`, or `to`. A
 * `$(…)` or backtick inside runs a script of its own, whose quotes do not close this string
 * (`"$(cmd "a b")"`): followed for `levels` more levels, after which quotes simply alternate.
 */
function findDoubleClose(text: string, from: number, to: number, levels: number): number {
  let j = from;
  while (j < to) {
    const c = text.charCodeAt(j);
    if (c === DQUOTE) break;
    if (c === BACKSLASH) j += 2;
    else if (levels > 0 && c === DOLLAR && text.charCodeAt(j + 1) === LPAREN) j = findCloseParen(text, j + 2, to, levels - 1) + 1;
    else if (levels > 0 && c === BACKTICK) j = findBacktickClose(text, j + 1, to) + 1;
    else j++;
  }
  return Math.min(j, to);
}

/** Index of the backtick closing a substitution whose text starts at `from`, or `to`. */
function findBacktickClose(text: string, from: number, to: number): number {
  let j = from;
  while (j < to) {
    const c = text.charCodeAt(j);
    if (c === BACKTICK) break;
    j += c === BACKSLASH ? 2 : 1;
  }
  return Math.min(j, to);
}

/** Every simple command of a script, substitutions included, in source order (computed once per script). */
export function allCommands(script: ShellScript): SimpleCommand[] {
  if (script.commands) return script.commands;
  const scripts = scriptsWithin(script);
  if (scripts.length === 1 && script.pipelines.length === 1) return (script.commands = script.pipelines[0].commands);
  const out: SimpleCommand[] = [];
  // Indexed loops: for-of allocates a step result in unoptimized code, and this runs once per script.
  for (let k = 0; k < scripts.length; k++) {
    const pipelines = scripts[k].pipelines;
    for (let p = 0; p < pipelines.length; p++) {
      const commands = pipelines[p].commands;
      for (let c = 0; c < commands.length; c++) out.push(commands[c]);
    }
  }
  // Commands of one script are read in order; substitutions interleave with them.
  if (scripts.length > 1) out.sort((a, b) => a.words[0].start - b.words[0].start);
  return (script.commands = out);
}

/** A script and every script nested in it (substitutions at any depth), without recursion. */
export function scriptsWithin(script: ShellScript): ShellScript[] {
  const out = [script];
  for (let k = 0; k < out.length; k++) {
    const substitutions = out[k].substitutions;
    for (let s = 0; s < substitutions.length; s++) out.push(substitutions[s].script);
  }
  return out;
}

/** Options of a wrapper command that take a value, so the value is not mistaken for the command. */
interface WrapperSpec {
  /** Short option letters that take a value (`-u app`, `-uapp`, last letter of `-iu app`). */
  short: string;
  /** Long options that take a value (`--user app` or `--user=app`). */
  long: readonly string[];
  /** Operands before the command (`timeout 10 cmd`). */
  operands?: number;
  /** Whether `NAME=value` words may follow the options (`env A=1 cmd`, `sudo A=1 cmd`). */
  assignments?: boolean;
}

/** Wrappers that run the rest of their words as a command (a Map: a command named `constructor` is no wrapper). */
const WRAPPERS = new Map<string, WrapperSpec>(
  Object.entries({
    sudo: { short: 'ugCDhprtTU', long: ['--user', '--group', '--close-from', '--chdir', '--host', '--prompt', '--role', '--type', '--command-timeout', '--other-user'], assignments: true },
    doas: { short: 'uC', long: [] },
    env: { short: 'uCS', long: ['--unset', '--chdir', '--split-string'], assignments: true },
    nice: { short: 'n', long: ['--adjustment'] },
    nohup: { short: '', long: [] },
    time: { short: 'fo', long: ['--format', '--output'] },
    exec: { short: 'a', long: [] },
    command: { short: '', long: [] },
    xargs: { short: 'adEILnPs', long: ['--arg-file', '--delimiter', '--max-args', '--max-procs', '--max-chars', '--process-slot-var'] },
    timeout: { short: 'sk', long: ['--signal', '--kill-after'], operands: 1 },
    stdbuf: { short: 'ioe', long: ['--input', '--output', '--error'] },
  } satisfies Record<string, WrapperSpec>),
);

export interface WrapperOption {
  /** `-u` for short options (also when clustered), `--user` for long ones. */
  flag: string;
  value?: string;
}

/** A wrapper in front of a command (`sudo -E`), with the options it was given. */
export interface Wrapper {
  name: string;
  /** Index of the wrapper word in the command. */
  index: number;
  options: WrapperOption[];
  /** Index of the first word after the wrapper's options and operands (`NAME=value` words it passes on start here). */
  next: number;
}

export interface CommandHead {
  wrappers: readonly Wrapper[];
  /** The command that finally runs, basename only; undefined when the words end first (`sudo -s`). */
  command?: { name: string; index: number };
}

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
const isAssignment = (w: Word | undefined) => !!w && !w.quoted && ASSIGNMENT.test(w.value);

/** The wrappers (`sudo -E`, `env A=1`, `timeout 10`) and the command they run, computed once per command. */
export function commandHead(cmd: SimpleCommand): CommandHead {
  return (cmd.head ??= findCommandHead(cmd));
}

/** The command name after leading assignments (`A=1 cmd`) and wrappers (`sudo -E cmd`); basename only. */
export function commandName(cmd: SimpleCommand): { name: string; index: number } | undefined {
  return commandHead(cmd).command;
}

/** Most commands have no wrapper: they share one empty list. */
const NO_WRAPPERS: readonly Wrapper[] = Object.freeze([]);

/** A command's head, one shape for every command (kept on the command: every rule asks). */
class Head implements CommandHead {
  constructor(
    readonly wrappers: readonly Wrapper[],
    readonly command: { name: string; index: number } | undefined,
  ) {}
}

function findCommandHead(cmd: SimpleCommand): CommandHead {
  const words = cmd.words;
  let wrappers: Wrapper[] | undefined; // made for the first wrapper: most commands have none
  let i = 0;
  while (isAssignment(words[i])) i++;
  while (i < words.length) {
    const word = words[i].value;
    const name = word.slice(word.lastIndexOf('/') + 1);
    const spec = WRAPPERS.get(name);
    if (!spec) return new Head(wrappers ?? NO_WRAPPERS, { name, index: i });
    const wrapper: Wrapper = { name, index: i, options: [], next: i + 1 };
    i = readWrapperOptions(words, i + 1, spec, wrapper.options);
    for (let k = 0; k < (spec.operands ?? 0) && i < words.length; k++) i++;
    wrapper.next = i;
    (wrappers ??= []).push(wrapper);
    if (spec.assignments) while (isAssignment(words[i])) i++;
  }
  return new Head(wrappers ?? NO_WRAPPERS, undefined);
}

/** Reads options from `from` up to the first operand (or past `--`); returns the index after them. */
function readWrapperOptions(words: Word[], from: number, spec: WrapperSpec, out: WrapperOption[]): number {
  let i = from;
  while (i < words.length) {
    const value = words[i].value;
    if (value === '--') return i + 1;
    if (!value.startsWith('-') || value === '-') return i;
    i++;
    if (value.startsWith('--')) {
      const eq = value.indexOf('=');
      const flag = eq > 0 ? value.slice(0, eq) : value;
      if (eq > 0) out.push({ flag, value: value.slice(eq + 1) });
      else if (spec.long.includes(flag) && i < words.length) out.push({ flag, value: words[i++].value });
      else out.push({ flag });
      continue;
    }
    // A cluster such as `-Eu app` or `-uapp`: the first letter that takes a value ends it.
    for (let k = 1; k < value.length; k++) {
      const flag = `-${value[k]}`;
      if (!spec.short.includes(value[k])) {
        out.push({ flag });
        continue;
      }
      if (k + 1 < value.length) out.push({ flag, value: value.slice(k + 1) });
      else out.push({ flag, value: i < words.length ? words[i++].value : undefined });
      break;
    }
  }
  return i;
}

export const SHELLS = new Set(['sh', 'bash', 'dash', 'zsh', 'ash', 'ksh', 'fish', 'busybox']);
export const INTERPRETERS = new Set([...SHELLS, 'python', 'python2', 'python3', 'perl', 'ruby', 'node', 'php']);
