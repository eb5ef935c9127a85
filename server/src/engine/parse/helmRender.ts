// Renders a Helm template against its chart's values, the forms charts use for security fields only
// (see goFunctions below). No maintained Go-template/Sprig implementation exists on npm, so this is a
// small bounded evaluator: what it cannot evaluate is *unknown* and copied out as written, so the
// engine's masking treats it as it treats any template (unknown, never missing). Every piece of the
// output remembers where it came from: the template's text, an action, or a line of a values file.
import { isMap, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import { isTooDeep, parseYamlDocument } from './yamlDocument';
import { parseTemplate, type BlockNode, type Pipeline, type Term, type TemplateNode } from './goTemplate';

/** Where a value was set: a values file, its line (0-based) and the key path as written (`a.b[0]`). */
export interface ValueOrigin {
  path: string;
  line: number;
  key: string;
}

/** One or more values files merged in order (later wins, maps merged key by key, as Helm does). */
export interface ChartValues {
  values: Record<string, unknown>;
  /** Per key path (joined by NUL), where its value was last set. */
  origins: Map<string, ValueOrigin>;
}

/** A stretch of the output and where it came from. */
export interface RenderedPiece {
  text: string;
  /** Template offset of the text's first character, when it is the template's own text. */
  src?: number;
  /** The action (or block) that produced it, when it was generated. */
  action?: { start: number; end: number };
  /** The values line it shows, when it came from a values file. */
  origin?: ValueOrigin;
  /** The values key path of the whole value its action printed (`toYaml .Values.securityContext`), when it is one. */
  valuePath?: readonly string[];
}

/** A piece while rendering: the values key path it shows, resolved to a line (`origin`) at the end. */
type Piece = RenderedPiece & { at?: string[] };

export interface Rendered {
  text: string;
  pieces: RenderedPiece[];
  /** Whether anything was evaluated; false when the output is the template as written. */
  evaluated: boolean;
  /** Why nothing was rendered (a limit was hit, the template is malformed); the caller analyzes the template as written. */
  failure?: string;
  /** Template offsets of the first construct left unknown (copied as written), when one was. */
  unevaluated?: { start: number; end: number };
}

/** Helm's documented placeholders for `helm template` without a release. */
const RELEASE = { Name: 'release-name', Namespace: 'default', Service: 'Helm', IsInstall: true, IsUpgrade: false, Revision: 1 };

/** Limits: evaluation steps, nested include/tpl depth, output size relative to the template. */
const MAX_STEPS = 200_000;
const MAX_DEPTH = 20;
const MAX_OUTPUT = 2_000_000;
const MAX_VALUE_NODES = 200_000;

const UNKNOWN = Symbol('unknown');

/** A value in evaluation, with the values key path it was read from (for findings in values files). */
interface Ev {
  v: unknown;
  at?: string[];
  /** Output lines of `toYaml`/`include`, with the values key path each shows. */
  lines?: Array<string[] | undefined>;
}

class Limit extends Error {}

const keyOf = (path: readonly string[]) => path.join('\u0000');

// ---------------------------------------------------------------- values

/** A values file; `prefix` is where in it the chart's values sit (a parent chart's values.yaml holds a subchart's under its name). */
export interface ValuesFile {
  path: string;
  text: string;
  prefix?: readonly string[];
}

/** The key path in `file` that sets the chart's value at `path`: `global` keys are at the top of every file. */
export function keyPathIn(file: ValuesFile, path: readonly string[]): string[] {
  return file.prefix?.length && path[0] !== 'global' ? [...file.prefix, ...path] : [...path];
}

/**
 * Reads values files in order into one tree with origins; a file that does not parse adds nothing. A
 * file with a prefix adds its values under the prefix, and its top-level `global:` over theirs (Helm
 * passes a parent's globals down to every subchart).
 */
export function readValues(files: readonly ValuesFile[]): ChartValues {
  const origins = new Map<string, ValueOrigin>();
  let values: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  let budget = MAX_VALUE_NODES;
  for (const file of files) {
    const doc = parseYamlDocument(file.text, { uniqueKeys: false });
    if (isTooDeep(doc) || doc.errors.length) continue;
    const lineStarts = [0];
    for (let i = file.text.indexOf('\n'); i >= 0; i = file.text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
    const lineOf = (offset: number) => {
      let lo = 0;
      let hi = lineStarts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (lineStarts[mid] <= offset) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    };
    const toJs = (node: unknown, path: string[], keyNode: unknown, depth: number): unknown => {
      if (--budget < 0 || depth > 64) return UNKNOWN;
      const at = (keyNode as YamlNode | undefined)?.range?.[0] ?? (node as YamlNode | undefined)?.range?.[0];
      if (at !== undefined && path.length) origins.set(keyOf(path), { path: file.path, line: lineOf(at), key: describeKey(keyPathIn(file, path)) });
      if (isMap(node)) {
        const out = Object.create(null) as Record<string, unknown>;
        for (const pair of node.items) {
          const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
          if (key !== undefined) out[key] = toJs(pair.value, [...path, key], pair.key, depth + 1);
        }
        return out;
      }
      if (isSeq(node)) return node.items.map((item, i) => toJs(item, [...path, String(i)], undefined, depth + 1));
      if (isScalar(node)) return node.value;
      return node === null || node === undefined ? null : UNKNOWN; // an alias: not followed
    };
    const prefix = file.prefix ?? [];
    const own = entryAt(doc.contents, prefix);
    const tree = own ? toJs(own.value, [], own.key, 0) : undefined;
    if (isObject(tree)) values = merge(values, tree);
    const global = prefix.length ? entryAt(doc.contents, ['global']) : undefined;
    const globals = global ? toJs(global.value, ['global'], global.key, 1) : undefined;
    if (isObject(globals)) values = merge(values, { global: globals });
  }
  // Helm gives every chart a `global` map, set or not: `.Values.global.x` is then nil, not a failure.
  if (!Object.hasOwn(values, 'global')) values.global = Object.create(null);
  return { values, origins };
}

/** The value at a key path of a values document, with its key node; undefined where a map is missing. */
function entryAt(root: unknown, path: readonly string[]): { value: unknown; key?: unknown } | undefined {
  let entry: { value: unknown; key?: unknown } = { value: root };
  for (const key of path) {
    const pair = isMap(entry.value) ? entry.value.items.find((p) => isScalar(p.key) && String(p.key.value) === key) : undefined;
    if (!pair) return undefined;
    entry = { value: pair.value, key: pair.key };
  }
  return entry;
}

function describeKey(path: readonly string[]): string {
  return path.map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Helm's merge of values files: maps key by key, anything else replaced; `null` removes the key. */
function merge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out = Object.assign(Object.create(null) as Record<string, unknown>, base);
  for (const key of Object.keys(over)) {
    const v = over[key];
    if (v === null) delete out[key];
    else out[key] = isObject(v) && isObject(out[key]) ? merge(out[key] as Record<string, unknown>, v) : v;
  }
  return out;
}

// ---------------------------------------------------------------- rendering

export interface RenderInput {
  template: string;
  /** Texts of the chart's other templates and `_helpers.tpl`: their `define`s are `include`d. */
  helpers: readonly string[];
  values: ChartValues;
  /** Chart.yaml's fields (name, version, appVersion …). */
  chart: Record<string, unknown>;
  /** Path of the template relative to the chart's parent, for `.Template.Name`. */
  templateName: string;
}

/** Renders a template; never throws (a failure is reported in `failure`, with the template as written). */
export function renderTemplate(input: RenderInput): Rendered {
  const asWritten: Rendered = { text: input.template, pieces: [{ text: input.template, src: 0 }], evaluated: false };
  const parsed = parseTemplate(input.template);
  if (parsed.error) return { ...asWritten, failure: parsed.error };
  const defines = new Map<string, Define>();
  for (const text of input.helpers) for (const [name, define] of helperDefines(text)) defines.set(name, define);
  collectDefines(parsed.nodes, input.template, defines);
  const renderer = new Renderer(input, defines);
  try {
    const out = new Output();
    renderer.nodes(parsed.nodes, input.template, out, rootScope(input), 0);
    // In place: a copy per piece was a tenth of the rendering.
    for (const piece of out.pieces) {
      const origin = piece.at && input.values.origins.get(keyOf(piece.at));
      if (origin) piece.origin = origin;
    }
    const unevaluated = renderer.unevaluated ? { unevaluated: renderer.unevaluated } : {};
    return { text: out.pieces.map((p) => p.text).join(''), pieces: out.pieces, evaluated: renderer.evaluated, ...unevaluated };
  } catch (e) {
    if (e instanceof Limit) return { ...asWritten, failure: e.message };
    throw e;
  }
}

/** A `define`d template: its body, the text it is in, and whether its delimiters trim the body's ends. */
interface Define {
  nodes: TemplateNode[];
  text: string;
  trimStart: boolean;
  trimEnd: boolean;
}

/**
 * The defines of helper texts, parsed once per text: every keystroke in a template renders with the same
 * helpers. Bounded by the text held (a parse is some ten times its text), oldest dropped first.
 */
const helperCache = new Map<string, ReadonlyMap<string, Define>>();
const HELPER_CACHE_CHARS = 4 * 1024 * 1024;
let helperCacheChars = 0;

function helperDefines(text: string): ReadonlyMap<string, Define> {
  let defines = helperCache.get(text);
  if (!defines) {
    const parsed = parseTemplate(text);
    const collected = new Map<string, Define>();
    if (!parsed.error) collectDefines(parsed.nodes, text, collected);
    defines = collected;
    if (text.length > HELPER_CACHE_CHARS) return defines;
    for (const old of helperCache.keys()) {
      if (helperCacheChars + text.length <= HELPER_CACHE_CHARS) break;
      helperCache.delete(old);
      helperCacheChars -= old.length;
    }
    helperCache.set(text, defines);
    helperCacheChars += text.length;
  }
  return defines;
}

function collectDefines(nodes: TemplateNode[], text: string, into: Map<string, Define>): void {
  for (const n of nodes) if (n.type === 'define') into.set(n.name, { nodes: n.body, text, trimStart: n.open.trimRight, trimEnd: n.close.trimLeft });
}

interface Scope {
  dot: Ev;
  root: Ev;
  vars: Map<string, Ev>;
}

function rootScope(input: RenderInput): Scope {
  const chart = Object.create(null) as Record<string, unknown>;
  // Chart.yaml keys are lower camel case; templates read them capitalised (.Chart.Name, .Chart.AppVersion).
  for (const [k, v] of Object.entries(input.chart)) chart[k.charAt(0).toUpperCase() + k.slice(1)] = v;
  const root = {
    v: {
      Values: input.values.values,
      Chart: chart,
      Release: RELEASE,
      Template: { Name: input.templateName, BasePath: input.templateName.replace(/\/[^/]*$/, '') },
      Capabilities: UNKNOWN,
      Files: UNKNOWN,
    },
  };
  return { dot: root, root, vars: new Map([['$', root]]) };
}

/** The output being built, piece by piece; `{{-` trims what was written, `-}}` what comes next. */
class Output {
  pieces: Piece[] = [];
  size = 0;
  trimNext = false;

  add(piece: Piece): void {
    if (this.trimNext) {
      const trimmed = piece.text.trimStart();
      if (trimmed === '') return;
      this.trimNext = false;
      if (trimmed.length < piece.text.length) piece = { ...piece, text: trimmed, ...(piece.src !== undefined ? { src: piece.src + piece.text.length - trimmed.length } : {}) };
    }
    if (piece.text === '') return;
    this.size += piece.text.length;
    if (this.size > MAX_OUTPUT) throw new Limit('output too large');
    this.pieces.push(piece);
  }

  trimEnd(): void {
    while (this.pieces.length) {
      const last = this.pieces[this.pieces.length - 1];
      const trimmed = last.text.trimEnd();
      if (trimmed !== '') {
        this.pieces[this.pieces.length - 1] = { ...last, text: trimmed };
        return;
      }
      this.pieces.pop();
    }
  }

  /** Text copied as written (text nodes, and whatever could not be evaluated). */
  copy(text: string, start: number, end: number): void {
    this.add({ text: text.slice(start, end), src: start });
  }
}

class Renderer {
  evaluated = false;
  /** The first construct of the template left unknown: a block by its opening action. */
  unevaluated?: { start: number; end: number };
  private steps = 0;
  /**
   * What each define rendered for a given dot: a define depends on its dot only, and charts include the
   * same helpers (names, labels) with the same root in every object of a template.
   */
  private readonly included = new Map<Define, WeakMap<object, Ev>>();

  constructor(
    private readonly input: RenderInput,
    private readonly defines: Map<string, Define>,
  ) {}

  private step(): void {
    if (++this.steps > MAX_STEPS) throw new Limit('template takes too many steps');
  }

  nodes(nodes: TemplateNode[], text: string, out: Output, scope: Scope, depth: number): void {
    for (const node of nodes) this.node(node, text, out, scope, depth);
  }

  /** `ownText`: the node's template is the one analyzed, so its pieces map back to it. */
  private node(node: TemplateNode, text: string, out: Output, scope: Scope, depth: number): void {
    this.step();
    const own = text === this.input.template;
    const delims = (d: { trimLeft: boolean; trimRight: boolean }, body: () => void) => {
      if (d.trimLeft) out.trimEnd();
      out.trimNext = false;
      body();
      if (d.trimRight) out.trimNext = true;
    };
    switch (node.type) {
      case 'text':
        if (own) out.copy(text, node.start, node.end);
        else out.add({ text: text.slice(node.start, node.end) });
        return;
      case 'comment':
      case 'define':
        delims(node.type === 'define' ? node.open : node, () => {});
        if (node.type === 'define') delims(node.close, () => {});
        return;
      case 'action': {
        const value = this.pipeline(node.pipe, scope, depth);
        if (value.v === UNKNOWN) {
          for (const name of node.pipe.declare) scope.vars.set(name, { v: UNKNOWN });
          return this.unknown(node, text, out);
        }
        this.evaluated = true;
        delims(node, () => {
          if (node.pipe.declare.length === 0) this.emit(value, own ? { start: node.start, end: node.end } : undefined, out);
        });
        return;
      }
      default:
        return this.block(node, text, out, scope, depth);
    }
  }

  /** What cannot be evaluated is copied as written, its trim markers left to the masking. */
  private unknown(node: { start: number; end: number; open?: { start: number; end: number } }, text: string, out: Output): void {
    out.trimNext = false;
    if (text !== this.input.template) throw new Limit('unknown construct in an included template'); // an include is then unknown as a whole
    out.copy(text, node.start, node.end);
    this.unevaluated ??= { start: node.start, end: node.open?.end ?? node.end };
  }

  private block(node: BlockNode, text: string, out: Output, scope: Scope, depth: number): void {
    // Variables a block's pipeline declares are the block's own.
    const value = this.pipeline(node.pipe, node.pipe.declare.length ? { ...scope, vars: new Map(scope.vars) } : scope, depth);
    if (value.v === UNKNOWN) return this.unknown(node, text, out);
    this.evaluated = true;
    const inner = (dot: Ev, vars: Map<string, Ev> = new Map(scope.vars)): Scope => ({ dot, root: scope.root, vars });
    const runElse = () => {
      if (!node.elseAt) return;
      if (node.elseAt.trimLeft) out.trimEnd();
      out.trimNext = node.elseAt.trimRight;
      this.nodes(node.elseBody ?? [], text, out, inner(scope.dot), depth);
    };
    if (node.open.trimLeft) out.trimEnd();
    out.trimNext = node.open.trimRight;
    const body = (s: Scope) => {
      this.nodes(node.body, text, out, s, depth);
      if (node.elseAt?.trimLeft) out.trimEnd(); // the else marker trims the end of the body too
    };
    if (node.type === 'if') {
      if (truthy(value.v)) body(inner(scope.dot));
      else runElse();
    } else if (node.type === 'with') {
      if (truthy(value.v)) body(inner(value));
      else runElse();
    } else {
      const items = entriesOf(value);
      if (items === undefined) throw new Limit('range over a value that is not a list or map');
      if (items.length === 0) runElse();
      for (const [key, item] of items) {
        const vars = new Map(scope.vars);
        const [first, second] = node.pipe.declare;
        if (second) {
          vars.set(first, { v: key });
          vars.set(second, item);
        } else if (first) vars.set(first, item);
        out.trimNext = node.open.trimRight;
        body(inner(item, vars));
        if (node.close.trimLeft) out.trimEnd();
      }
    }
    if (node.close.trimLeft) out.trimEnd();
    out.trimNext = node.close.trimRight;
  }

  /** Writes an action's value: as the values lines it shows when it has them. */
  private emit(value: Ev, action: { start: number; end: number } | undefined, out: Output): void {
    const text = printed(value.v);
    if (text === undefined) throw new Limit('a value that prints as Go would, not as YAML');
    const whole = action && value.at ? { action, valuePath: value.at } : action ? { action } : {};
    if (!value.lines) {
      out.add({ text, ...whole, ...(value.at ? { at: value.at } : {}) });
      return;
    }
    const lines = text.split('\n');
    lines.forEach((line, i) => {
      const at = value.lines?.[i];
      out.add({ text: i < lines.length - 1 ? `${line}\n` : line, ...whole, ...(at ? { at } : {}) });
    });
  }

  private pipeline(pipe: Pipeline, scope: Scope, depth: number): Ev {
    let value: Ev | undefined;
    for (const command of pipe.commands) value = this.term(command, scope, depth, value);
    const result = value ?? { v: null };
    for (const name of pipe.declare.length === 1 ? pipe.declare : []) scope.vars.set(name, result);
    return result;
  }

  private term(t: Term, scope: Scope, depth: number, piped?: Ev): Ev {
    this.step();
    switch (t.type) {
      case 'string':
      case 'number':
      case 'bool':
        return { v: t.value };
      case 'nil':
        return { v: null };
      case 'pipe':
        return this.pipeline(t.pipe, scope, depth);
      case 'field': {
        const base = t.base === 'dot' ? scope.dot : t.base === 'root' ? scope.root : scope.vars.get(t.base);
        if (!base) return { v: UNKNOWN };
        const value = t.path.reduce<Ev>((ev, key) => field(ev, key, ev === scope.root || ev.v === scope.root.v), base);
        // A field with arguments is a method call (.Capabilities.APIVersions.Has "x"): not evaluated.
        return piped ? { v: UNKNOWN } : value;
      }
      case 'call': {
        const args = t.args.map((a) => this.term(a, scope, depth));
        if (piped) args.push(piped);
        return this.call(t.name, args, depth);
      }
    }
  }

  private call(name: string, args: Ev[], depth: number): Ev {
    if (name === 'include' || name === 'template') return this.include(args, depth);
    if (name === 'tpl') return this.tpl(args, depth);
    // `and`/`or` stop at the first value that decides, unknown ones included.
    if (name === 'and' || name === 'or') {
      for (const a of args) {
        if (a.v === UNKNOWN) return { v: UNKNOWN };
        if (truthy(a.v) === (name === 'or')) return a;
      }
      return args[args.length - 1] ?? { v: UNKNOWN };
    }
    if (name === '__field') {
      const [base, ...path] = args;
      return path.reduce<Ev>((ev, key) => field(ev, String(key.v), false), base);
    }
    const fn = Object.hasOwn(GO_FUNCTIONS, name) ? GO_FUNCTIONS[name] : undefined;
    if (!fn) return { v: UNKNOWN };
    // `default` decides on an unknown default only when the value itself is unknown or empty.
    if (name !== 'default' && args.some((a) => a.v === UNKNOWN)) return { v: UNKNOWN };
    return fn(args);
  }

  private include(args: Ev[], depth: number): Ev {
    const [name, data] = args;
    if (typeof name?.v !== 'string' || !data || depth >= MAX_DEPTH) return { v: UNKNOWN };
    const define = this.defines.get(name.v);
    if (!define) return { v: UNKNOWN };
    if (typeof data.v !== 'object' || data.v === null) return this.sub(define, data, depth);
    let byDot = this.included.get(define);
    if (!byDot) this.included.set(define, (byDot = new WeakMap()));
    let result = byDot.get(data.v);
    if (!result) byDot.set(data.v, (result = this.sub(define, data, depth)));
    return result;
  }

  private tpl(args: Ev[], depth: number): Ev {
    const [source, data] = args;
    if (typeof source?.v !== 'string' || !data || depth >= MAX_DEPTH) return { v: UNKNOWN };
    if (!source.v.includes('{{')) return { ...source };
    const parsed = parseTemplate(source.v);
    return parsed.error ? { v: UNKNOWN } : this.sub({ nodes: parsed.nodes, text: source.v, trimStart: false, trimEnd: false }, data, depth);
  }

  /** Renders nodes of another text with `data` as dot; unknown as a whole when any part of it is. */
  private sub({ nodes, text, trimStart, trimEnd }: Define, data: Ev, depth: number): Ev {
    const out = new Output();
    out.trimNext = trimStart;
    const root = { v: (data.v as Record<string, unknown> | undefined)?.Values !== undefined ? data.v : UNKNOWN };
    try {
      this.nodes(nodes, text, out, { dot: data, root: root.v === UNKNOWN ? data : root, vars: new Map([['$', data]]) }, depth + 1);
      if (trimEnd) out.trimEnd();
    } catch (e) {
      if (e instanceof Limit && !/too many steps|too large/.test(e.message)) return { v: UNKNOWN };
      throw e;
    }
    const joined = out.pieces.map((p) => p.text).join('');
    const lines: Array<string[] | undefined> = [];
    let line = 0;
    for (const p of out.pieces) {
      if (p.at && lines[line] === undefined) lines[line] = p.at;
      for (let i = p.text.indexOf('\n'); i >= 0; i = p.text.indexOf('\n', i + 1)) line++;
    }
    lines.length = line + 1;
    return { v: joined, lines };
  }
}

/** A field of a map; a field of a missing map is unknown (Helm fails there), of a missing key nil. */
function field(ev: Ev, key: string, fromRoot: boolean): Ev {
  if (ev.v === UNKNOWN || !isObject(ev.v)) return { v: UNKNOWN };
  const v = Object.hasOwn(ev.v, key) ? ev.v[key] : null;
  const at = fromRoot && key === 'Values' ? [] : ev.at ? [...ev.at, key] : undefined;
  return at ? { v, at } : { v };
}

function entriesOf(ev: Ev): Array<[unknown, Ev]> | undefined {
  const { v, at } = ev;
  const child = (k: string, item: unknown): Ev => (at ? { v: item, at: [...at, k] } : { v: item });
  if (v === null) return [];
  if (Array.isArray(v)) return v.map((item, i) => [i, child(String(i), item)]);
  if (isObject(v))
    return Object.keys(v)
      .sort()
      .map((k) => [k, child(k, v[k])]);
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 10_000) return Array.from({ length: v }, (_, i) => [i, { v: i }]);
  return undefined;
}

/** Go's truth: false, 0, nil and empty strings, lists and maps are false. */
function truthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (isObject(v)) return Object.keys(v).length > 0;
  return true;
}

/** How an action prints a value; undefined for lists and maps (Go's `map[…]`, never meant as YAML). */
function printed(v: unknown): string | undefined {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

// ---------------------------------------------------------------- functions

type GoFunction = (args: Ev[]) => Ev;

const str = (ev: Ev | undefined): string => (ev === undefined ? '' : (printed(ev.v) ?? JSON.stringify(ev.v)));
const last = (args: Ev[]): Ev => args[args.length - 1] ?? { v: null };
/** A string derived from one value keeps that value's origin. */
const derived = (from: Ev, v: unknown): Ev => (from.at ? { v, at: from.at } : { v });

/** Indents every line of a value's text, keeping the values line each shows. */
function indented(args: Ev[], leadingNewline: boolean): Ev {
  const n = Number(args[0]?.v);
  const value = last(args);
  if (!Number.isInteger(n) || n < 0 || n > 200) return { v: UNKNOWN };
  const pad = ' '.repeat(n);
  const text = pad + str(value).split('\n').join(`\n${pad}`);
  const lines = value.lines ?? (value.at ? [undefined] : undefined);
  if (!leadingNewline) return { v: text, ...(lines ? { lines } : {}), ...(value.at ? { at: value.at } : {}) };
  return { v: `\n${text}`, lines: [undefined, ...(lines ?? [])], ...(value.at ? { at: value.at } : {}) };
}

const GO_FUNCTIONS: Record<string, GoFunction> = {
  default: (args) => {
    const value = args.length > 1 ? last(args) : { v: null };
    if (value.v === UNKNOWN) return value;
    return truthy(value.v) ? value : args[0];
  },
  required: (args) => (truthy(last(args).v) ? last(args) : { v: UNKNOWN }), // supplied at install time: unknown here
  quote: (args) => derived(last(args), args.map((a) => JSON.stringify(str(a))).join(' ')),
  squote: (args) => derived(last(args), args.map((a) => `'${str(a)}'`).join(' ')),
  toString: (args: Ev[]) => derived(last(args), str(last(args))),
  toYaml: (args) => toYaml(last(args)),
  toJson: (args) => ({ v: JSON.stringify(last(args).v ?? null) }),
  nindent: (args) => indented(args, true),
  indent: (args) => indented(args, false),
  print: (args) => ({ v: args.map(str).join('') }),
  printf: (args) => printf(args),
  lower: (args) => derived(last(args), str(last(args)).toLowerCase()),
  upper: (args) => derived(last(args), str(last(args)).toUpperCase()),
  trim: (args) => derived(last(args), str(last(args)).trim()),
  trunc: (args) => {
    const n = Number(args[0]?.v);
    const s = str(last(args));
    return derived(last(args), n >= 0 ? s.slice(0, n) : s.slice(n));
  },
  trimSuffix: (args) => derived(last(args), str(last(args)).endsWith(str(args[0])) ? str(last(args)).slice(0, -str(args[0]).length || undefined) : str(last(args))),
  trimPrefix: (args) => derived(last(args), str(last(args)).startsWith(str(args[0])) ? str(last(args)).slice(str(args[0]).length) : str(last(args))),
  replace: (args) => derived(last(args), str(last(args)).split(str(args[0])).join(str(args[1]))),
  contains: (args) => ({ v: str(last(args)).includes(str(args[0])) }),
  hasPrefix: (args) => ({ v: str(last(args)).startsWith(str(args[0])) }),
  hasSuffix: (args) => ({ v: str(last(args)).endsWith(str(args[0])) }),
  eq: (args) => ({ v: args.slice(1).some((a) => a.v === args[0]?.v) }),
  ne: (args) => ({ v: args[0]?.v !== args[1]?.v }),
  not: (args) => ({ v: !truthy(args[0]?.v) }),
  empty: (args) => ({ v: !truthy(last(args).v) }),
  hasKey: (args) => ({ v: isObject(args[0]?.v) && Object.hasOwn(args[0].v, str(args[1])) }),
  int: (args) => ({ v: Math.trunc(Number(last(args).v)) }),
  int64: (args) => ({ v: Math.trunc(Number(last(args).v)) }),
  ternary: (args: Ev[]): Ev => (truthy(args[2]?.v) ? args[0] : args[1]) ?? { v: UNKNOWN },
  coalesce: (args) => args.find((a) => truthy(a.v)) ?? { v: null },
  dict: (args) => {
    const out = Object.create(null) as Record<string, unknown>;
    for (let i = 0; i + 1 < args.length; i += 2) out[str(args[i])] = args[i + 1].v;
    return { v: out };
  },
  list: (args) => ({ v: args.map((a) => a.v) }),
  // Sprig's collection and type helpers, as library charts (bitnami's common) use them around values.
  typeIs: (args) => typeTest(args, goTypeName),
  kindIs: (args) =>
    typeTest(args, (v) =>
      goTypeName(v)
        .replace(/^map\[.*/, 'map')
        .replace(/^\[\].*/, 'slice'),
    ),
  cat: (args) => {
    const words = args.filter((a) => a.v !== null && a.v !== undefined).map((a) => printed(a.v));
    return words.every((w) => w !== undefined) ? { v: words.join(' ') } : { v: UNKNOWN };
  },
  join: (args) => {
    const items = last(args).v;
    const words = Array.isArray(items) ? items.map(printed) : [];
    return Array.isArray(items) && words.every((w) => w !== undefined) ? { v: words.join(str(args[0])) } : { v: UNKNOWN };
  },
  has: (args) => (Array.isArray(last(args).v) ? { v: (last(args).v as unknown[]).includes(args[0]?.v) } : { v: UNKNOWN }),
  get: (args) => (isObject(args[0]?.v) ? (Object.hasOwn(args[0].v, str(args[1])) ? field(args[0], str(args[1]), false) : { v: '' }) : { v: UNKNOWN }),
  // `dig "a" "b" default map`: the value at the keys, else the default.
  dig: (args) => {
    if (args.length < 3 || !isObject(last(args).v)) return { v: UNKNOWN };
    let at = last(args);
    for (const key of args.slice(0, -2)) {
      if (!isObject(at.v) || !Object.hasOwn(at.v, str(key))) return args[args.length - 2];
      at = field(at, str(key), false);
    }
    return at;
  },
  merge: (args) => sprigMerge(args, false),
  mergeOverwrite: (args) => sprigMerge(args, true),
  // `index .Values "gateways" "istio-ingressgateway"`: keys of maps, positions in lists.
  index: (args) =>
    args.slice(1).reduce<Ev>(
      (ev, key) => {
        if (Array.isArray(ev.v) && typeof key.v === 'number') return key.v in ev.v ? derivedAt(ev, String(key.v), ev.v[key.v]) : { v: null };
        return typeof key.v === 'string' ? field(ev, key.v, false) : { v: UNKNOWN };
      },
      args[0] ?? { v: UNKNOWN },
    ),
};

/** Go's type name of a value as Helm sees it (YAML numbers are float64). */
function goTypeName(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return 'float64';
  if (Array.isArray(v)) return '[]interface {}';
  if (isObject(v)) return 'map[string]interface {}';
  return '<nil>';
}

/** `typeIs "string" x`, `kindIs "map" x`; a number's type is unknown (a values float, a template literal int). */
function typeTest(args: Ev[], name: (v: unknown) => string): Ev {
  const value = last(args).v;
  return typeof value === 'number' ? { v: UNKNOWN } : { v: name(value) === str(args[0]) };
}

/**
 * Sprig's `merge` (`override` false: a key the destination sets keeps its value unless that is empty) and
 * `mergeOverwrite` (a source's non-empty value replaces it), maps merged key by key, as mergo does; the
 * arguments are not changed. Unknown unless every argument is a map.
 */
function sprigMerge(args: Ev[], override: boolean): Ev {
  if (!args.length || !args.every((a) => isObject(a.v))) return { v: UNKNOWN };
  const into = (dst: Record<string, unknown>, src: Record<string, unknown>): Record<string, unknown> => {
    const out = Object.assign(Object.create(null) as Record<string, unknown>, dst);
    for (const key of Object.keys(src)) {
      const [d, v] = [out[key], src[key]];
      if (isObject(d) && isObject(v)) out[key] = into(d, v);
      else if (!Object.hasOwn(out, key) || !truthy(d) || (override && truthy(v))) out[key] = v;
    }
    return out;
  };
  const [dst, ...srcs] = args.map((a) => a.v as Record<string, unknown>);
  return { v: srcs.reduce(into, dst) };
}

/** An item of a list value, keeping the values key path. */
const derivedAt = (from: Ev, key: string, v: unknown): Ev => (from.at ? { v, at: [...from.at, key] } : { v });

/** `printf` with the verbs charts use (%s %d %v %q); any other verb is unknown. */
function printf(args: Ev[]): Ev {
  const [format, ...rest] = args;
  if (typeof format?.v !== 'string') return { v: UNKNOWN };
  let i = 0;
  let unknownVerb = false;
  const v = format.v.replace(/%([%sdvq])|%./g, (_, verb?: string) => {
    if (verb === '%') return '%';
    if (!verb) unknownVerb = true;
    const arg = rest[i++];
    return verb === 'q' ? JSON.stringify(str(arg)) : str(arg);
  });
  return unknownVerb ? { v: UNKNOWN } : { v };
}

/** `toYaml`: block YAML, one key or item per line, each line with the values line that set it. */
function toYaml(value: Ev): Ev {
  if (value.v === UNKNOWN) return value;
  const lines: string[] = [];
  const paths: Array<string[] | undefined> = [];
  const scalar = (v: unknown): string => {
    if (v === null || v === undefined) return 'null';
    if (typeof v === 'string') return /^[\w./-][\w ./:@=+-]*$/.test(v) && !/^(true|false|yes|no|on|off|null|~|[-+]?[\d.]+(e[-+]?\d+)?)$/i.test(v) && !/:\s|\s$/.test(v) ? v : JSON.stringify(v);
    return String(v);
  };
  const write = (v: unknown, indent: string, path: string[] | undefined): void => {
    if (Array.isArray(v)) {
      v.forEach((item, i) => {
        const at = path && [...path, String(i)];
        if ((isObject(item) && Object.keys(item).length) || (Array.isArray(item) && item.length)) {
          const start = lines.length;
          write(item, `${indent}  `, at);
          lines[start] = `${indent}- ${lines[start].slice(indent.length + 2)}`;
        } else {
          lines.push(`${indent}- ${isObject(item) ? '{}' : Array.isArray(item) ? '[]' : scalar(item)}`);
          paths.push(at);
        }
      });
      return;
    }
    for (const key of Object.keys(v as Record<string, unknown>).sort()) {
      const item = (v as Record<string, unknown>)[key];
      const at = path && [...path, key];
      const k = scalar(key);
      if ((isObject(item) && Object.keys(item).length) || (Array.isArray(item) && item.length)) {
        lines.push(`${indent}${k}:`);
        paths.push(at);
        write(item, Array.isArray(item) ? indent : `${indent}  `, at);
      } else {
        lines.push(`${indent}${k}: ${isObject(item) ? '{}' : Array.isArray(item) ? '[]' : scalar(item)}`);
        paths.push(at);
      }
    }
  };
  const v = value.v;
  if ((isObject(v) && Object.keys(v).length) || (Array.isArray(v) && v.length)) write(v, '', value.at);
  else {
    lines.push(isObject(v) ? '{}' : Array.isArray(v) ? '[]' : scalar(v));
    paths.push(value.at);
  }
  return { v: lines.join('\n'), lines: paths, ...(value.at ? { at: value.at } : {}) };
}
