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

export interface SimpleCommand { words: Word[] }
/** Commands joined by `|`, in order. */
export interface Pipeline { commands: SimpleCommand[] }

export interface ShellScript {
  pipelines: Pipeline[];
  /** Scripts run by command or process substitution: `$(…)`, backticks, `<(…)`, `>(…)`. */
  substitutions: Array<{ kind: '$(' | '`' | '<(' | '>('; script: ShellScript; start: number; end: number }>;
}

const OPERATOR_CHARS = new Set(['|', '&', ';', '\n', '(', ')']);

/** Parses a script; `base` is added to every offset (for nested scripts). Never throws. */
export function parseShell(text: string, base = 0): ShellScript {
  const pipelines: Pipeline[] = [];
  const substitutions: ShellScript['substitutions'] = [];
  let pipeline: Pipeline = { commands: [] };
  let command: SimpleCommand = { words: [] };
  let i = 0;

  const endCommand = () => {
    if (command.words.length) pipeline.commands.push(command);
    command = { words: [] };
  };
  const endPipeline = () => {
    endCommand();
    if (pipeline.commands.length) pipelines.push(pipeline);
    pipeline = { commands: [] };
  };

  /** Reads a balanced `(…)` body starting after the opening paren; returns the index after `)`. */
  const readParenBody = (from: number): number => {
    let depth = 1;
    let j = from;
    while (j < text.length && depth > 0) {
      const c = text[j];
      if (c === '\\') j += 2;
      else if (c === "'") j = skipSingle(text, j);
      else if (c === '"') j = skipDouble(text, j);
      else {
        if (c === '(') depth++;
        else if (c === ')') depth--;
        j++;
      }
    }
    return j;
  };

  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\r') { i++; continue; }
    if (c === '#' ) { while (i < text.length && text[i] !== '\n') i++; continue; }
    if (c === '\\' && text[i + 1] === '\n') { i += 2; continue; }
    if ((c === '<' || c === '>') && text[i + 1] === '(') {
      const end = readParenBody(i + 2);
      substitutions.push({ kind: c === '<' ? '<(' : '>(', script: parseShell(text.slice(i + 2, end - 1), base + i + 2), start: base + i, end: base + end });
      command.words.push({ value: text.slice(i, end), start: base + i, end: base + end, quoted: false });
      i = end;
      continue;
    }
    if (OPERATOR_CHARS.has(c)) {
      if (c === '|' && text[i + 1] !== '|') {
        endCommand();
        i += text[i + 1] === '&' ? 2 : 1;
        continue;
      }
      if (c === '(' || c === ')') { endPipeline(); i++; continue; }
      endPipeline();
      i += (c === '|' || c === '&') && text[i + 1] === c ? 2 : 1;
      continue;
    }
    // A word: runs until an unquoted blank or operator.
    const start = i;
    let value = '';
    let quoted = false;
    while (i < text.length) {
      const d = text[i];
      if (d === ' ' || d === '\t' || d === '\r' || OPERATOR_CHARS.has(d)) break;
      if (d === '\\') {
        if (text[i + 1] !== '\n') value += text[i + 1] ?? '';
        i += 2;
      } else if (d === "'") {
        const end = skipSingle(text, i);
        value += text.slice(i + 1, end - 1);
        quoted = true;
        i = end;
      } else if (d === '"') {
        const end = skipDouble(text, i);
        const inner = text.slice(i + 1, end - 1);
        collectSubstitutions(inner, base + i + 1, substitutions);
        value += inner.replace(/\\(["\\$`])/g, '$1');
        quoted = true;
        i = end;
      } else if (d === '$' && text[i + 1] === '(') {
        const end = readParenBody(i + 2);
        substitutions.push({ kind: '$(', script: parseShell(text.slice(i + 2, end - 1), base + i + 2), start: base + i, end: base + end });
        value += text.slice(i, end);
        i = end;
      } else if (d === '`') {
        let end = i + 1;
        while (end < text.length && text[end] !== '`') end += text[end] === '\\' ? 2 : 1;
        substitutions.push({ kind: '`', script: parseShell(text.slice(i + 1, end), base + i + 1), start: base + i, end: base + end + 1 });
        value += text.slice(i, end + 1);
        i = end + 1;
      } else {
        value += d;
        i++;
      }
    }
    if (i === start) { i++; continue; } // defensive: never loop without progress
    command.words.push({ value, start: base + start, end: base + i, quoted });
  }
  endPipeline();
  return { pipelines, substitutions };
}

/** `$(…)` and backticks inside double quotes still run. */
function collectSubstitutions(inner: string, base: number, out: ShellScript['substitutions']): void {
  for (let j = 0; j < inner.length; j++) {
    if (inner[j] === '\\') { j++; continue; }
    if (inner[j] === '$' && inner[j + 1] === '(') {
      let depth = 1;
      let k = j + 2;
      while (k < inner.length && depth > 0) {
        if (inner[k] === '(') depth++;
        else if (inner[k] === ')') depth--;
        k++;
      }
      out.push({ kind: '$(', script: parseShell(inner.slice(j + 2, k - 1), base + j + 2), start: base + j, end: base + k });
      j = k - 1;
    } else if (inner[j] === '`') {
      const k = inner.indexOf('`', j + 1);
      const end = k < 0 ? inner.length : k;
      out.push({ kind: '`', script: parseShell(inner.slice(j + 1, end), base + j + 1), start: base + j, end: base + end + 1 });
      j = end;
    }
  }
}

function skipSingle(text: string, i: number): number {
  const end = text.indexOf("'", i + 1);
  return end < 0 ? text.length : end + 1;
}

function skipDouble(text: string, i: number): number {
  let j = i + 1;
  while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
  return Math.min(j + 1, text.length);
}

const commandsCache = new WeakMap<ShellScript, SimpleCommand[]>();

/** Every simple command of a script, substitutions included, in source order (computed once per script). */
export function allCommands(script: ShellScript): SimpleCommand[] {
  let out = commandsCache.get(script);
  if (!out) {
    out = script.pipelines.flatMap((p) => p.commands);
    for (const s of script.substitutions) out.push(...allCommands(s.script));
    out.sort((a, b) => a.words[0].start - b.words[0].start);
    commandsCache.set(script, out);
  }
  return out;
}

/** Wrappers that run the rest of their words as a command. */
const PREFIX_COMMANDS = new Set(['sudo', 'doas', 'env', 'nice', 'nohup', 'time', 'exec', 'command', 'xargs', 'timeout', 'stdbuf']);

const nameCache = new WeakMap<SimpleCommand, { name: string; index: number } | undefined>();

/** The command name after leading assignments (`A=1 cmd`) and wrappers (`sudo -E cmd`); basename only. */
export function commandName(cmd: SimpleCommand): { name: string; index: number } | undefined {
  if (!nameCache.has(cmd)) nameCache.set(cmd, findCommandName(cmd));
  return nameCache.get(cmd);
}

function findCommandName(cmd: SimpleCommand): { name: string; index: number } | undefined {
  let i = 0;
  while (i < cmd.words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(cmd.words[i].value) && !cmd.words[i].quoted) i++;
  while (i < cmd.words.length) {
    const name = cmd.words[i].value.split('/').pop()!;
    if (!PREFIX_COMMANDS.has(name)) return { name, index: i };
    i++;
    // Skip the wrapper's options (and `-u user`, `timeout 10`).
    while (i < cmd.words.length && (cmd.words[i].value.startsWith('-') || /^\d+[smhd]?$/.test(cmd.words[i].value))) {
      if (['-u', '-g', '-C', '-n'].includes(cmd.words[i].value)) i++;
      i++;
    }
  }
  return undefined;
}

export const SHELLS = new Set(['sh', 'bash', 'dash', 'zsh', 'ash', 'ksh', 'fish', 'busybox']);
export const INTERPRETERS = new Set([...SHELLS, 'python', 'python2', 'python3', 'perl', 'ruby', 'node', 'php']);
