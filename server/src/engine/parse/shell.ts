// A small POSIX-shell reader for RUN commands: enough structure for security rules (which commands
// run, how they are piped, what a `$(…)` or `<(…)` executes) with quoting respected and every word
// mapped back to its document offset. It does not evaluate anything.

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

/** Characters that end a word and separate commands (compared directly: this is asked of every character). */
const isOperator = (c: string) => c === '|' || c === '&' || c === ';' || c === '\n' || c === '(' || c === ')';
/** Reserved words that may stand before a command (`for`/`case` are left alone: their words are data). */
const RESERVED_WORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', 'esac', '{', '}', '!']);

/**
 * How deep substitutions become scripts of their own. Deeper, `$(`, `<(`, `>(` and backticks only
 * separate commands, so what runs in there is still read (as commands of the deepest script) while
 * the reader's stack and work stay bounded: each level re-reads its body once.
 */
export const MAX_NESTING = 16;

type Substitution = ShellScript['substitutions'][number];

/** Word count from which a command's word buffer becomes its word list (its spare room is then a small fraction). */
const HAND_OVER_WORDS = 256;

/** Parses a script; `base` is added to every offset (for nested scripts). Never throws. */
export function parseShell(text: string, base = 0): ShellScript {
  return readScript(text, 0, text.length, base, 0);
}

/** Reads `text[from, to)` at nesting `depth`; offsets are `base` plus the index in `text`. */
function readScript(text: string, from: number, to: number, base: number, depth: number): ShellScript {
  const pipelines: Pipeline[] = [];
  const substitutions: Substitution[] = [];
  const nests = depth < MAX_NESTING;
  // The current command's words and the current pipeline's commands are gathered in buffers and copied
  // out when they end: an array filled by push keeps room for 16 elements, which for a file of short
  // RUNs was most of the memory the analysis held. Each buffer's count says how much of it is current
  // (emptying an array by setting its length costs a runtime call per command).
  let words: Word[] = [];
  let wordCount = 0;
  const commands: SimpleCommand[] = [];
  let commandCount = 0;
  let i = from;
  const at = (k: number) => (k < to ? text[k] : '');
  const opensSubstitution = (k: number) => at(k) === '`' || ((at(k) === '$' || at(k) === '<' || at(k) === '>') && at(k + 1) === '(');

  /** The current command's words: copied out when few, handed over whole when many (copying a million cost a tenth of reading them). */
  const takeWords = (): Word[] => {
    if (wordCount < HAND_OVER_WORDS) return words.slice(0, wordCount);
    const taken = words;
    if (taken.length > wordCount) taken.length = wordCount;
    words = [];
    return taken;
  };
  const endCommand = () => {
    if (wordCount) commands[commandCount++] = { words: takeWords(), head: undefined };
    wordCount = 0;
  };
  const endPipeline = () => {
    endCommand();
    if (commandCount) pipelines.push({ commands: commands.slice(0, commandCount) });
    commandCount = 0;
  };
  /** Records the `(…)` substitution opened at `start` (its body starts at start + 2); returns its end. */
  const parenSubstitution = (kind: '$(' | '<(' | '>(', start: number): number => {
    const close = findCloseParen(text, start + 2, to, MAX_NESTING - depth - 1);
    const end = close < to ? close + 1 : to;
    substitutions.push({ kind, script: readScript(text, start + 2, close, base, depth + 1), start: base + start, end: base + end });
    return end;
  };

  while (i < to) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < to && text[i] !== '\n') i++;
      continue;
    }
    if (c === '\\' && at(i + 1) === '\n') {
      i += 2;
      continue;
    }
    if (!nests && opensSubstitution(i)) {
      endPipeline();
      i += c === '`' ? 1 : 2;
      continue;
    }
    if ((c === '<' || c === '>') && at(i + 1) === '(') {
      const end = parenSubstitution(c === '<' ? '<(' : '>(', i);
      words[wordCount++] = { value: text.slice(i, end), start: base + i, end: base + end, quoted: false };
      i = end;
      continue;
    }
    if (isOperator(c)) {
      if (c === '|' && at(i + 1) !== '|') {
        endCommand();
        i += at(i + 1) === '&' ? 2 : 1;
        continue;
      }
      if (c === '(' || c === ')') {
        endPipeline();
        i++;
        continue;
      }
      endPipeline();
      i += (c === '|' || c === '&') && at(i + 1) === c ? 2 : 1;
      continue;
    }
    // A word: runs until an unquoted blank or operator. Plain characters are taken a run at a time.
    const start = i;
    let value = '';
    let run = -1;
    let quoted = false;
    while (i < to) {
      const d = text[i];
      if (d === ' ' || d === '\t' || d === '\r' || isOperator(d) || (!nests && opensSubstitution(i))) break;
      const plain = d !== '\\' && d !== "'" && d !== '"' && d !== '`' && !(d === '$' && at(i + 1) === '(');
      if (plain) {
        if (run === -1) run = i;
        i++;
        continue;
      }
      if (run !== -1) {
        value += text.slice(run, i);
        run = -1;
      }
      if (d === '\\') {
        if (at(i + 1) !== '\n') value += at(i + 1);
        i = Math.min(i + 2, to);
      } else if (d === "'") {
        const close = findSingleClose(text, i + 1, to);
        value += text.slice(i + 1, close);
        quoted = true;
        i = Math.min(close + 1, to);
      } else if (d === '"') {
        const close = findDoubleClose(text, i + 1, to, MAX_NESTING - depth);
        collectSubstitutions(text, i + 1, close, base, depth, substitutions);
        value += text.slice(i + 1, close).replace(/\\(["\\$`])/g, '$1');
        quoted = true;
        i = Math.min(close + 1, to);
      } else if (d === '$' && at(i + 1) === '(') {
        const end = parenSubstitution('$(', i);
        value += text.slice(i, end);
        i = end;
      } else if (d === '`') {
        const close = findBacktickClose(text, i + 1, to);
        const end = Math.min(close + 1, to);
        substitutions.push({ kind: '`', script: readScript(text, i + 1, close, base, depth + 1), start: base + i, end: base + end });
        value += text.slice(i, end);
        i = end;
      }
    }
    if (run !== -1) value += text.slice(run, i);
    if (i === start) {
      i++;
      continue;
    } // defensive: never loop without progress
    // `if`, `then`, `{` … open or close a compound command; the word after them starts the command.
    if (wordCount === 0 && !quoted && RESERVED_WORDS.has(value)) continue;
    words[wordCount++] = { value, start: base + start, end: base + i, quoted };
  }
  endPipeline();
  return { pipelines, substitutions: substitutions.length ? substitutions.slice() : substitutions, commands: undefined };
}

/**
 * `$(…)` and backticks inside double quotes (`text[from, to)`) still run. Past the nesting bound their
 * bodies are read at the same depth: there quotes no longer nest, so this recurses no further.
 */
function collectSubstitutions(text: string, from: number, to: number, base: number, depth: number, out: Substitution[]): void {
  const inner = Math.min(depth + 1, MAX_NESTING);
  for (let j = from; j < to; j++) {
    if (text[j] === '\\') {
      j++;
      continue;
    }
    if (text[j] === '$' && j + 1 < to && text[j + 1] === '(') {
      const close = findCloseParen(text, j + 2, to, MAX_NESTING - inner);
      const end = close < to ? close + 1 : to;
      out.push({ kind: '$(', script: readScript(text, j + 2, close, base, inner), start: base + j, end: base + end });
      j = end - 1;
    } else if (text[j] === '`') {
      const close = findBacktickClose(text, j + 1, to);
      out.push({ kind: '`', script: readScript(text, j + 1, close, base, inner), start: base + j, end: base + Math.min(close + 1, to) });
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
    const c = text[j];
    if (c === '\\') j += 2;
    else if (c === "'") j = findSingleClose(text, j + 1, to) + 1;
    else if (c === '"') j = findDoubleClose(text, j + 1, to, levels) + 1;
    else if (c === '(') {
      level++;
      j++;
    } else if (c === ')') {
      if (--level === 0) return j;
      j++;
    } else j++;
  }
  return to;
}

/** Index of the `'` closing a single-quoted string whose text starts at `from`, or `to`. */
function findSingleClose(text: string, from: number, to: number): number {
  let j = from;
  while (j < to && text[j] !== "'") j++;
  return j;
}

/**
 * Index of the unescaped `"` closing a double-quoted string whose text starts at `from`, or `to`. A
 * `$(…)` or backtick inside runs a script of its own, whose quotes do not close this string
 * (`"$(cmd "a b")"`): followed for `levels` more levels, after which quotes simply alternate.
 */
function findDoubleClose(text: string, from: number, to: number, levels: number): number {
  let j = from;
  while (j < to && text[j] !== '"') {
    if (text[j] === '\\') j += 2;
    else if (levels > 0 && text[j] === '$' && text[j + 1] === '(') j = findCloseParen(text, j + 2, to, levels - 1) + 1;
    else if (levels > 0 && text[j] === '`') j = findBacktickClose(text, j + 1, to) + 1;
    else j++;
  }
  return Math.min(j, to);
}

/** Index of the backtick closing a substitution whose text starts at `from`, or `to`. */
function findBacktickClose(text: string, from: number, to: number): number {
  let j = from;
  while (j < to && text[j] !== '`') j += text[j] === '\\' ? 2 : 1;
  return Math.min(j, to);
}

/** Every simple command of a script, substitutions included, in source order (computed once per script). */
export function allCommands(script: ShellScript): SimpleCommand[] {
  if (script.commands) return script.commands;
  const scripts = scriptsWithin(script);
  if (scripts.length === 1 && script.pipelines.length === 1) return (script.commands = script.pipelines[0].commands);
  const out: SimpleCommand[] = [];
  for (const s of scripts) for (const p of s.pipelines) for (const c of p.commands) out.push(c);
  // Commands of one script are read in order; substitutions interleave with them.
  if (scripts.length > 1) out.sort((a, b) => a.words[0].start - b.words[0].start);
  return (script.commands = out);
}

/** A script and every script nested in it (substitutions at any depth), without recursion. */
export function scriptsWithin(script: ShellScript): ShellScript[] {
  const out = [script];
  for (let k = 0; k < out.length; k++) for (const s of out[k].substitutions) out.push(s.script);
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

function findCommandHead(cmd: SimpleCommand): CommandHead {
  const words = cmd.words;
  const wrappers: Wrapper[] = [];
  let i = 0;
  while (isAssignment(words[i])) i++;
  while (i < words.length) {
    const word = words[i].value;
    const name = word.slice(word.lastIndexOf('/') + 1);
    const spec = WRAPPERS.get(name);
    if (!spec) return { wrappers: wrappers.length ? wrappers : NO_WRAPPERS, command: { name, index: i } };
    const wrapper: Wrapper = { name, index: i, options: [], next: i + 1 };
    i = readWrapperOptions(words, i + 1, spec, wrapper.options);
    for (let k = 0; k < (spec.operands ?? 0) && i < words.length; k++) i++;
    wrapper.next = i;
    wrappers.push(wrapper);
    if (spec.assignments) while (isAssignment(words[i])) i++;
  }
  return { wrappers };
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
