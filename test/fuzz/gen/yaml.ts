// A small YAML tree the Compose and Kubernetes generators build, and its printer. Printing by hand
// (rather than with `yaml`'s stringifier) lets one tree come out in every spelling real files use:
// block or flow, indentless sequences, every quoting style, anchors, aliases, merge keys, tags,
// comments and Helm template lines.
import fc from 'fast-check';
import { hostileText } from './common';

export type YNode = (
  | { t: 'scalar'; value: string | number | boolean | null; style?: ScalarStyle }
  | { t: 'map'; entries: Entry[]; flow?: boolean }
  | { t: 'seq'; items: YNode[]; flow?: boolean; indentless?: boolean }
  | { t: 'alias'; name: string }
) & { anchor?: string; tag?: string };

/** A key and its value, or a raw line (a comment, a Helm `{{- if }}`) printed at the entry's indentation. */
export type Entry = { key: string; value: YNode; comment?: string } | { raw: string };

export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal' | 'folded';

export const scalar = (value: string | number | boolean | null, style?: ScalarStyle): YNode => ({ t: 'scalar', value, style });
export const map = (entries: Array<Entry | undefined | false>, flow?: boolean): YNode => ({ t: 'map', entries: entries.filter((e): e is Entry => !!e), flow });
export const seq = (items: YNode[], flow?: boolean): YNode => ({ t: 'seq', items, flow });
export const entry = (key: string, value: YNode | undefined): Entry | undefined => (value === undefined ? undefined : { key, value });

const PLAIN_SAFE = /^[A-Za-z0-9_./~$()=+-][A-Za-z0-9_./~${}()=+:@ ,-]*$/;
const RESERVED = /^(true|false|yes|no|on|off|null|~|y|n|-?\d[\d_.eE+-]*|\.inf|\.nan)$/i;

function quoteDouble(s: string): string {
  // JSON escapes are valid YAML double-quoted escapes; lone surrogates cannot occur in generated text.
  return JSON.stringify(s);
}

/** A scalar's text, in its style when that style can hold the value, else double-quoted. */
function scalarText(value: string | number | boolean | null, style: ScalarStyle | undefined, indent: string, flow: boolean): string {
  if (value === null) return style === 'plain' ? '~' : 'null';
  if (typeof value !== 'string') return String(value);
  const plainOk = PLAIN_SAFE.test(value) && !RESERVED.test(value) && !/:\s|\s#|\s$|:$|^[-?:](\s|$)|^---/.test(value) && !(flow && /[,{}[\]]/.test(value));
  switch (style ?? (plainOk ? 'plain' : 'double')) {
    case 'plain':
      if (plainOk) return value;
      return quoteDouble(value);
    case 'single':
      return /[\n\r\u0085\u2028\u2029]/.test(value) || /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/.test(value) ? quoteDouble(value) : `'${value.replace(/'/g, "''")}'`;
    case 'literal':
    case 'folded': {
      if (flow || /[\r\u0085\u2028\u2029]|^\s|[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(value)) return quoteDouble(value);
      const lines = value.split('\n');
      return `${style === 'literal' ? '|' : '>'}${value.endsWith('\n') ? '' : '-'}\n${lines
        .filter((l, i) => i < lines.length - 1 || l !== '')
        .map((l) => (l ? indent + l : ''))
        .join('\n')}`;
    }
    default:
      return quoteDouble(value);
  }
}

function keyText(key: string, flow: boolean): string {
  if (key === '<<') return key;
  return scalarText(key, 'plain', '', flow);
}

const props = (n: YNode): string => [n.tag, n.anchor && `&${n.anchor}`].filter(Boolean).join(' ');
const withProps = (n: YNode, text: string): string => (props(n) ? `${props(n)} ${text}` : text);
const isBlockCollection = (n: YNode): boolean => (n.t === 'map' || n.t === 'seq') && !n.flow && (n.t === 'map' ? n.entries.some((e) => 'key' in e) : n.items.length > 0);

function flowText(n: YNode): string {
  switch (n.t) {
    case 'alias':
      return `*${n.name}`;
    case 'scalar':
      return withProps(n, scalarText(n.value, n.style === 'literal' || n.style === 'folded' ? 'double' : n.style, '', true));
    case 'seq':
      return withProps(n, `[${n.items.map(flowText).join(', ')}]`);
    case 'map':
      return withProps(n, `{${n.entries.flatMap((e) => ('key' in e ? [`${keyText(e.key, true)}: ${flowText(e.value)}`] : [])).join(', ')}}`);
  }
}

/** Lines of a node printed in block style at `indent` spaces (the caller has written what precedes it). */
function blockLines(n: YNode, indent: number): string[] {
  const pad = ' '.repeat(indent);
  if (n.t === 'map') {
    const out: string[] = [];
    for (const e of n.entries) {
      if (!('key' in e)) {
        out.push(`${pad}${e.raw}`);
        continue;
      }
      const comment = e.comment ? `  # ${e.comment}` : '';
      const k = `${pad}${keyText(e.key, false)}:`;
      if (isBlockCollection(e.value)) {
        const v = e.value as YNode & { t: 'map' | 'seq' };
        const childIndent = v.t === 'seq' && v.indentless ? indent : indent + 2;
        out.push(`${k}${props(v) ? ` ${props(v)}` : ''}${comment}`, ...blockLines(v, childIndent));
      } else {
        out.push(`${k} ${inlineText(e.value, indent + 2)}${comment}`);
      }
    }
    return out;
  }
  if (n.t === 'seq') {
    const out: string[] = [];
    for (const item of n.items) {
      if (isBlockCollection(item) && !props(item)) {
        // `- key: value` with the rest of the map aligned after the dash.
        const inner = blockLines(item, indent + 2);
        out.push(`${pad}- ${inner[0].slice(indent + 2)}`, ...inner.slice(1));
      } else if (isBlockCollection(item)) {
        out.push(`${pad}- ${props(item)}`, ...blockLines(item, indent + 2));
      } else {
        out.push(`${pad}- ${inlineText(item, indent + 2)}`);
      }
    }
    return out;
  }
  return [`${pad}${inlineText(n, indent)}`];
}

function inlineText(n: YNode, indent: number): string {
  if (n.t === 'scalar') return withProps(n, scalarText(n.value, n.style, ' '.repeat(indent), false));
  return flowText(n);
}

/** A document's text: a top-level collection in block style, anything else on one line. */
export function printYaml(n: YNode): string {
  if (isBlockCollection(n)) return `${props(n) ? `${props(n)}\n` : ''}${blockLines(n, 0).join('\n')}\n`;
  return `${inlineText(n, 0)}\n`;
}

/** Random printing choices applied over a tree: flow or block collections, indentless sequences, quoting styles. */
export interface Styling {
  flowEvery: number;
  indentlessEvery: number;
  quoteStyle: ScalarStyle | undefined;
}

export const styling: fc.Arbitrary<Styling> = fc.record({
  flowEvery: fc.constantFrom(0, 0, 0, 13, 29),
  indentlessEvery: fc.constantFrom(0, 2),
  quoteStyle: fc.constantFrom(undefined, undefined, 'single', 'double', 'plain'),
});

/** Restyles a tree deterministically from `s` (node counters pick which collections flip). */
export function restyle(root: YNode, s: Styling): YNode {
  let count = 0;
  const walk = (n: YNode): YNode => {
    count++;
    switch (n.t) {
      case 'map':
        return { ...n, flow: n.flow || (s.flowEvery > 0 && count % s.flowEvery === 0), entries: n.entries.map((e) => ('key' in e ? { ...e, value: walk(e.value) } : e)) };
      case 'seq':
        return { ...n, flow: n.flow || (s.flowEvery > 0 && count % s.flowEvery === 0), indentless: s.indentlessEvery > 0 && count % s.indentlessEvery === 0, items: n.items.map(walk) };
      case 'scalar':
        return n.style || !s.quoteStyle ? n : { ...n, style: s.quoteStyle };
      default:
        return n;
    }
  };
  return walk(root);
}

/** Any YAML value, nested a few levels: what a field gets when its author (or an attacker) gets the type wrong. */
export const anyNode: fc.Arbitrary<YNode> = fc.letrec<{ node: YNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc
      .oneof(fc.constant(null), fc.boolean(), fc.integer({ min: -5, max: 70000 }), fc.constantFrom('', 'x', 'yes', '0o777', '1e3', '.inf'), hostileText)
      .map((v) => scalar(v as string | number | boolean | null)),
    fc.array(tie('node'), { maxLength: 3 }).map((items) => seq(items)),
    fc.array(fc.tuple(fc.constantFrom('a', 'name', 'image', 'privileged', '<<', 'x y', ''), tie('node')), { maxLength: 3 }).map((pairs) => map(pairs.map(([key, value]) => ({ key, value })))),
  ),
})).node;

/** Mostly the intended value, sometimes a value of the wrong type. */
export const orWrongType = (arb: fc.Arbitrary<YNode>): fc.Arbitrary<YNode> => fc.oneof({ weight: 12, arbitrary: arb }, { weight: 1, arbitrary: anyNode });
