// Go text/template syntax, as Helm charts write it: text, actions with pipelines, if/else/with/range,
// define, comments. Only the syntax: helmRender.ts evaluates it. Every node keeps its source offsets so
// what cannot be evaluated is copied out as written. Malformed input is an error result, never a throw.

/** An operand or a command of a pipeline. */
export type Term =
  | { type: 'field'; base: 'dot' | 'root' | string; path: string[] } // .a.b, $.a, $x.a (base: variable name)
  | { type: 'string'; value: string }
  | { type: 'number'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'nil' }
  | { type: 'call'; name: string; args: Term[] } // a function with its arguments
  | { type: 'pipe'; pipe: Pipeline }; // ( … ), possibly followed by .field

export interface Pipeline {
  /** `$x :=` or `$i, $v :=` declarations (or `=` assignments). */
  declare: string[];
  commands: Term[];
}

export interface Span {
  start: number;
  end: number;
}

/** An action's delimiters: `{{-` trims the text before it, `-}}` the text after. */
interface Delims extends Span {
  trimLeft: boolean;
  trimRight: boolean;
}

/** `if`, `with` or `range`, with its `else` (an `else if` is an `if` nested in the else body) and `end`. */
export interface BlockNode {
  type: 'if' | 'with' | 'range';
  pipe: Pipeline;
  open: Delims;
  body: TemplateNode[];
  elseAt?: Delims;
  elseBody?: TemplateNode[];
  close: Delims;
  start: number;
  end: number;
}

export type TemplateNode =
  | { type: 'text'; start: number; end: number }
  | ({ type: 'action'; pipe: Pipeline } & Delims)
  | ({ type: 'comment' } & Delims)
  | BlockNode
  | { type: 'define'; name: string; body: TemplateNode[]; start: number; end: number; open: Delims; close: Delims };

export interface ParsedTemplate {
  nodes: TemplateNode[];
  /** The first syntax error; the nodes are then incomplete. */
  error?: string;
}

/** Deeper nesting than this is hostile input: the parse stops with an error. */
const MAX_NESTING = 100;

class SyntaxError_ extends Error {}

interface RawAction extends Delims {
  body: string;
}

/** The actions of a text, in order; an unclosed `{{` ends the scan with an error. */
function scanActions(text: string): { actions: RawAction[]; error?: string } {
  const actions: RawAction[] = [];
  for (let open = text.indexOf('{{'); open >= 0;) {
    let inner = open + 2;
    const trimLeft = text.startsWith('- ', inner) || text.startsWith('-\t', inner) || text.startsWith('-\n', inner);
    if (trimLeft) inner += 1;
    // The closing `}}` outside quotes (a string may hold `}}`); a comment closes at `*/}}`.
    let at = inner;
    let close = -1;
    while (at < text.length) {
      const ch = text[at];
      if (ch === '"' || ch === '`' || ch === "'") {
        const end = ch === '`' ? text.indexOf('`', at + 1) : findQuoteEnd(text, at, ch);
        if (end < 0) break;
        at = end + 1;
      } else if (text.startsWith('/*', at)) {
        const end = text.indexOf('*/', at + 2);
        if (end < 0) break;
        at = end + 2;
      } else if (ch === '}' && text[at + 1] === '}') {
        close = at;
        break;
      } else at++;
    }
    if (close < 0) return { actions, error: 'unclosed action' };
    let bodyEnd = close;
    const trimRight = close - 2 >= inner && text[close - 1] === '-' && /\s/.test(text[close - 2]);
    if (trimRight) bodyEnd -= 1;
    actions.push({ start: open, end: close + 2, trimLeft, trimRight, body: text.slice(inner, bodyEnd).trim() });
    open = text.indexOf('{{', close + 2);
  }
  return { actions };
}

function findQuoteEnd(text: string, at: number, quote: string): number {
  for (let i = at + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === quote) return i;
    else if (text[i] === '\n') return -1;
  }
  return -1;
}

/** Parses a template; never throws. */
export function parseTemplate(text: string): ParsedTemplate {
  const { actions, error } = scanActions(text);
  let next = 0;
  let textAt = 0;
  const parseList = (depth: number, stopAt: (word: string) => boolean): { nodes: TemplateNode[]; stop?: RawAction & { word: string } } => {
    if (depth > MAX_NESTING) throw new SyntaxError_('template nests too deeply');
    const nodes: TemplateNode[] = [];
    while (next < actions.length) {
      const a = actions[next++];
      if (a.start > textAt) nodes.push({ type: 'text', start: textAt, end: a.start });
      textAt = a.end;
      const delims: Delims = { start: a.start, end: a.end, trimLeft: a.trimLeft, trimRight: a.trimRight };
      if (a.body.startsWith('/*')) {
        nodes.push({ type: 'comment', ...delims });
        continue;
      }
      const word = /^(\w+)/.exec(a.body)?.[1] ?? '';
      if (stopAt(word)) return { nodes, stop: { ...a, word } };
      if (word === 'end' || word === 'else') throw new SyntaxError_(`unexpected {{ ${word} }}`);
      if (word === 'if' || word === 'with' || word === 'range') {
        nodes.push(parseBlock(word, a.body.slice(word.length), delims, depth));
      } else if (word === 'define' || word === 'block') {
        const name = parsePipeline(a.body.slice(word.length)).commands[0];
        const inner = parseList(depth + 1, (w) => w === 'end');
        if (!inner.stop) throw new SyntaxError_(`{{ ${word} }} without {{ end }}`);
        if (name?.type !== 'string') throw new SyntaxError_(`{{ ${word} }} without a name`);
        const close: Delims = { start: inner.stop.start, end: inner.stop.end, trimLeft: inner.stop.trimLeft, trimRight: inner.stop.trimRight };
        nodes.push({ type: 'define', name: name.value, body: inner.nodes, start: a.start, end: close.end, open: delims, close });
      } else nodes.push({ type: 'action', pipe: readPipeline(a.body), ...delims });
    }
    return { nodes };
  };
  const parseBlock = (word: 'if' | 'with' | 'range', rest: string, open: Delims, depth: number): BlockNode => {
    const pipe = readPipeline(rest);
    const body = parseList(depth + 1, (w) => w === 'end' || w === 'else');
    if (!body.stop) throw new SyntaxError_(`{{ ${word} }} without {{ end }}`);
    const toDelims = (s: RawAction): Delims => ({ start: s.start, end: s.end, trimLeft: s.trimLeft, trimRight: s.trimRight });
    if (body.stop.word === 'end') return { type: word, pipe, open, body: body.nodes, close: toDelims(body.stop), start: open.start, end: body.stop.end };
    const elseAt = toDelims(body.stop);
    const elseRest = body.stop.body.slice(4).trim();
    const chained = /^(if|with)\b/.exec(elseRest);
    if (chained) {
      // `else if c` is `else` then an `if c … end` sharing this block's `end`.
      const nested = parseBlock(chained[1] as 'if' | 'with', elseRest.slice(chained[1].length), elseAt, depth + 1) as BlockNode;
      return { type: word, pipe, open, body: body.nodes, elseAt, elseBody: [{ ...nested, open: { ...elseAt, trimLeft: false } }], close: nested.close, start: open.start, end: nested.end };
    }
    const elseBody = parseList(depth + 1, (w) => w === 'end');
    if (!elseBody.stop) throw new SyntaxError_(`{{ ${word} }} without {{ end }}`);
    return { type: word, pipe, open, body: body.nodes, elseAt, elseBody: elseBody.nodes, close: toDelims(elseBody.stop), start: open.start, end: elseBody.stop.end };
  };
  try {
    const { nodes, stop } = parseList(0, () => false);
    if (stop) return { nodes, error: `unexpected {{ ${stop.word} }}` };
    if (textAt < text.length && !error) nodes.push({ type: 'text', start: textAt, end: text.length });
    return error ? { nodes, error } : { nodes };
  } catch (e) {
    if (e instanceof SyntaxError_) return { nodes: [], error: e.message };
    throw e;
  }
}

// ---------------------------------------------------------------- pipelines

/** A pipeline this reader cannot parse evaluates to unknown: the template around it still renders. */
const UNREADABLE: Pipeline = { declare: [], commands: [{ type: 'call', name: '__unreadable', args: [] }] };

/**
 * Pipelines read, by their text: charts repeat the same few (`.Values.x`, `include "app.fullname" .`) in
 * every object, and every keystroke parses the template again. Pipelines are never changed once read.
 */
const pipelines = new Map<string, Pipeline>();
const MAX_PIPELINES = 10_000;
/** Longer pipelines are rare and not kept: the table stays within a few megabytes. */
const MAX_KEPT_PIPELINE = 200;

function readPipeline(body: string): Pipeline {
  let pipe = pipelines.get(body);
  if (pipe) return pipe;
  try {
    pipe = parsePipeline(body);
  } catch (e) {
    if (!(e instanceof SyntaxError_)) throw e;
    pipe = UNREADABLE;
  }
  if (body.length > MAX_KEPT_PIPELINE) return pipe;
  // Oldest out first: a template of unique actions cannot grow the table past its bound.
  if (pipelines.size >= MAX_PIPELINES) pipelines.delete(pipelines.keys().next().value!);
  pipelines.set(body, pipe);
  return pipe;
}

const TOKEN = /\s*(?:("(?:[^"\\]|\\.)*")|(`[^`]*`)|('(?:[^'\\]|\\.)')|(:=|=|\||\(|\)|,)|(\$\w*(?:\.\w+)*)|(\.(?:\w+(?:\.\w+)*)?)|(-?\d+(?:\.\d+)?)|(\w+)((?:\.\w+)*))/y;

/** Parses `a | b c | d` with `$x :=` declarations; an unparseable pipeline is a syntax error. */
function parsePipeline(body: string): Pipeline {
  const tokens: string[] = [];
  /** Whether blanks come before each token: `(x).a` reads a field of x, `(x) .a` is a second operand. */
  const spaced: boolean[] = [];
  TOKEN.lastIndex = 0;
  let at = 0;
  while (at < body.length) {
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(body);
    if (!m) {
      if (body.slice(at).trim() === '') break;
      throw new SyntaxError_(`cannot read "${body.slice(at, at + 20)}"`);
    }
    tokens.push(m[0].trim());
    spaced.push(/^\s/.test(m[0]));
    at = TOKEN.lastIndex;
  }
  let i = 0;
  let parens = 0;
  const declare: string[] = [];
  const assign = tokens.findIndex((t) => t === ':=' || t === '=');
  if (assign > 0 && tokens.slice(0, assign).every((t) => t === ',' || /^\$\w*$/.test(t))) {
    declare.push(...tokens.slice(0, assign).filter((t) => t !== ','));
    i = assign + 1;
  }
  const pipeline = (): Term[] => {
    const commands: Term[] = [];
    for (;;) {
      commands.push(command());
      if (tokens[i] !== '|') return commands;
      i++;
    }
  };
  const command = (): Term => {
    const head = operand();
    if (head.type === 'call' && head.args.length === 0) {
      const args: Term[] = [];
      while (i < tokens.length && tokens[i] !== '|' && tokens[i] !== ')') args.push(operand());
      return { type: 'call', name: head.name, args };
    }
    if (i < tokens.length && tokens[i] !== '|' && tokens[i] !== ')') throw new SyntaxError_(`unexpected "${tokens[i]}"`);
    return head;
  };
  const operand = (): Term => {
    const t = tokens[i++];
    if (t === undefined) throw new SyntaxError_('missing operand');
    if (t === '(') {
      if (++parens > MAX_NESTING) throw new SyntaxError_('parentheses nest too deeply');
      const inner = pipeline();
      if (tokens[i++] !== ')') throw new SyntaxError_('unclosed (');
      // `(…).field`: the field tokens follow as a separate `.a.b` token.
      if (tokens[i]?.startsWith('.') && tokens[i].length > 1 && !spaced[i]) {
        const path = tokens[i++].slice(1).split('.');
        return { type: 'call', name: '__field', args: [{ type: 'pipe', pipe: { declare: [], commands: inner } }, ...path.map((p): Term => ({ type: 'string', value: p }))] };
      }
      return { type: 'pipe', pipe: { declare: [], commands: inner } };
    }
    if (t.startsWith('"')) return { type: 'string', value: JSON.parse(t) as string };
    if (t.startsWith('`')) return { type: 'string', value: t.slice(1, -1) };
    if (t.startsWith("'")) return { type: 'number', value: t.charCodeAt(1) };
    if (t === '.') return { type: 'field', base: 'dot', path: [] };
    if (t.startsWith('.')) return { type: 'field', base: 'dot', path: t.slice(1).split('.') };
    if (t.startsWith('$')) {
      const [name, ...path] = t.split('.');
      return { type: 'field', base: name === '$' ? 'root' : name, path };
    }
    if (/^-?\d/.test(t)) return { type: 'number', value: Number(t) };
    if (t === 'true' || t === 'false') return { type: 'bool', value: t === 'true' };
    if (t === 'nil') return { type: 'nil' };
    if (/^\w/.test(t)) return { type: 'call', name: t, args: [] };
    throw new SyntaxError_(`unexpected "${t}"`);
  };
  const commands = i < tokens.length ? pipeline() : [];
  if (i < tokens.length) throw new SyntaxError_(`unexpected "${tokens[i]}"`);
  return { declare, commands };
}
