// Mutations of real files: line duplication, deletion and splicing, deep nesting, huge repetition,
// YAML anchors and aliases, replacement characters from invalid UTF-8, control characters,
// truncation. Each mutation is data (an operation and small numbers) so fast-check can shrink a
// failing sequence to the few operations that matter.
import fc from 'fast-check';
import { hostileText } from './gen/common';

export type Mutation =
  | { op: 'duplicate'; at: number; len: number; times: number }
  | { op: 'delete'; at: number; len: number }
  | { op: 'splice'; at: number; donor: number; from: number; len: number }
  | { op: 'nest'; at: number; depth: number; style: 'flow-seq' | 'flow-map' | 'block-map' | 'block-seq' | 'continuation' | 'subshell' | 'quotes' }
  | { op: 'repeat'; at: number; len: number; times: number }
  | { op: 'alias'; at: number; style: 'anchor-and-merge' | 'undefined' | 'self' | 'bomb' | 'merge-list' | 'alias-key' }
  | { op: 'invalid-utf8'; at: number; count: number }
  | { op: 'control'; at: number; char: string }
  | { op: 'insert'; at: number; text: string }
  | { op: 'truncate'; at: number }
  | { op: 'indent'; at: number; len: number; by: string }
  | { op: 'line-endings'; eol: '\r\n' | '\r' | '\u2028' }
  | { op: 'template'; at: number };

/** Limits that keep one input affordable: the long run allows larger repetition than the short one. */
export interface MutationScale {
  maxRepeat: number;
  maxDepth: number;
  maxBytes: number;
}
export const SHORT_SCALE: MutationScale = { maxRepeat: 500, maxDepth: 200, maxBytes: 100_000 };
export const LONG_SCALE: MutationScale = { maxRepeat: 60_000, maxDepth: 5_000, maxBytes: 2_500_000 };

const CONTROL = [
  '\u0000',
  '\u0001',
  '\u0007',
  '\b',
  '\t',
  '\u000b',
  '\f',
  '\r',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u00a0',
  '\u2028',
  '\u2029',
  '\ufeff',
  '\ufffd',
  '\ud800',
  '\udc00',
  '\u200b',
  '\u202e',
];

export function mutation(scale: MutationScale): fc.Arbitrary<Mutation> {
  const at = fc.nat();
  const len = fc.integer({ min: 1, max: 20 });
  return fc.oneof(
    fc.record({ op: fc.constant('duplicate' as const), at, len, times: fc.integer({ min: 1, max: 4 }) }),
    fc.record({ op: fc.constant('delete' as const), at, len }),
    fc.record({ op: fc.constant('splice' as const), at, donor: fc.nat(), from: fc.nat(), len }),
    fc.record({
      op: fc.constant('nest' as const),
      at,
      depth: fc.integer({ min: 1, max: scale.maxDepth }),
      style: fc.constantFrom('flow-seq', 'flow-map', 'block-map', 'block-seq', 'continuation', 'subshell', 'quotes'),
    }),
    fc.record({ op: fc.constant('repeat' as const), at, len: fc.integer({ min: 1, max: 5 }), times: fc.integer({ min: 2, max: scale.maxRepeat }) }),
    fc.record({ op: fc.constant('alias' as const), at, style: fc.constantFrom('anchor-and-merge', 'undefined', 'self', 'bomb', 'merge-list', 'alias-key') }),
    fc.record({ op: fc.constant('invalid-utf8' as const), at, count: fc.integer({ min: 1, max: 8 }) }),
    fc.record({ op: fc.constant('control' as const), at, char: fc.constantFrom(...CONTROL) }),
    fc.record({ op: fc.constant('insert' as const), at, text: hostileText }),
    fc.record({ op: fc.constant('truncate' as const), at }),
    fc.record({ op: fc.constant('indent' as const), at, len, by: fc.constantFrom(' ', '  ', '\t', '-', '- ', '#') }),
    fc.record({ op: fc.constant('line-endings' as const), eol: fc.constantFrom('\r\n' as const, '\r' as const, '\u2028' as const) }),
    fc.record({ op: fc.constant('template' as const), at }),
  );
}

/** The leading whitespace of a line. */
const indentOf = (line: string): string => /^[ \t]*/.exec(line)![0];

/** Text nested `depth` levels in the given style, one or several lines. */
function nested(depth: number, style: Extract<Mutation, { op: 'nest' }>['style'], indent: string): string[] {
  switch (style) {
    case 'flow-seq':
      return [`${indent}deep: ${'['.repeat(depth)}x${']'.repeat(depth)}`];
    case 'flow-map':
      return [`${indent}deep: ${'{a: '.repeat(depth)}x${'}'.repeat(depth)}`];
    // Block nesting costs depth² characters: cap it so one mutation stays under a few megabytes.
    case 'block-map':
      return Array.from({ length: Math.min(depth, 1500) }, (_, i) => `${indent}${'  '.repeat(i)}k${i}:`).concat(`${indent}${'  '.repeat(Math.min(depth, 1500))}v`);
    case 'block-seq':
      return Array.from({ length: Math.min(depth, 1500) }, (_, i) => `${indent}${'  '.repeat(i)}-`).concat(`${indent}${'  '.repeat(Math.min(depth, 1500))}x`);
    case 'continuation':
      return [`RUN echo start \\`, ...Array.from({ length: depth }, (_, i) => `  && echo ${i} \\`), '  && true'];
    case 'subshell':
      return [`RUN ${'$(echo '.repeat(depth)}x${')'.repeat(depth)}`];
    case 'quotes':
      return [`RUN sh -c ${Array.from({ length: Math.min(depth, 60) }, (_, i) => (i % 2 ? "'" : '"')).join('')}x`];
  }
}

function aliasLines(style: Extract<Mutation, { op: 'alias' }>['style'], indent: string): string[] {
  switch (style) {
    case 'anchor-and-merge':
      return [`${indent}x-base: &base {privileged: true, user: root, image: "nginx"}`, `${indent}merged:`, `${indent}  <<: *base`];
    case 'undefined':
      return [`${indent}ref: *nope`, `${indent}<<: *nowhere`];
    case 'self':
      return [`${indent}loop: &loop`, `${indent}  <<: *loop`, `${indent}  again: *loop`];
    case 'merge-list':
      return [`${indent}a: &a {x: 1}`, `${indent}b: &b {<<: *a}`, `${indent}c: {<<: [*a, *b, *a]}`];
    case 'alias-key':
      return [`${indent}&k key: v`, `${indent}*k : w`, `${indent}? *k`, `${indent}: z`];
    case 'bomb': {
      const out = [`${indent}l0: &l0 [x, x, x, x, x, x, x, x, x, x]`];
      for (let i = 1; i < 10; i++)
        out.push(
          `${indent}l${i}: &l${i} [${Array(10)
            .fill(`*l${i - 1}`)
            .join(', ')}]`,
        );
      return out;
    }
  }
}

const CORRUPT_BYTES = [0xff, 0xfe, 0xc0, 0x80, 0xed, 0xa0, 0xf5, 0xe2, 0x82];

/** `lines` with `inserted` at `at`; not `splice(at, 0, ...inserted)`, whose spread overflows the stack past ~100k lines. */
const insertAt = (lines: string[], at: number, inserted: string[]): string[] => lines.slice(0, at).concat(inserted, lines.slice(at));
const repeated = (block: string[], times: number): string[] => Array.from({ length: times }, () => block).flat();

/** Applies mutations in order; `donors` are other files to splice from. Output stays under `scale.maxBytes`. */
export function applyMutations(text: string, mutations: Mutation[], donors: (i: number) => string, scale: MutationScale): string {
  let lines = text.split('\n');
  const pick = (n: number, size: number) => (size === 0 ? 0 : n % size);
  for (const m of mutations) {
    const i = pick('at' in m ? m.at : 0, lines.length + 1);
    const here = indentOf(lines[Math.min(i, lines.length - 1)] ?? '');
    switch (m.op) {
      case 'duplicate':
        lines = insertAt(lines, i, repeated(lines.slice(i, i + m.len), m.times));
        break;
      case 'delete':
        lines.splice(i, m.len);
        break;
      case 'splice': {
        const donor = donors(m.donor).split('\n');
        const from = pick(m.from, donor.length);
        lines = insertAt(lines, i, donor.slice(from, from + m.len));
        break;
      }
      case 'nest':
        lines = insertAt(lines, i, nested(m.depth, m.style, here));
        break;
      case 'repeat': {
        const block = lines.slice(i, i + m.len);
        const unit = block.join('\n').length + 1;
        const times = Math.min(m.times, Math.floor(scale.maxBytes / Math.max(unit, 1)));
        lines = insertAt(lines, i, repeated(block, times));
        break;
      }
      case 'alias':
        lines = insertAt(lines, i, aliasLines(m.style, here));
        break;
      case 'invalid-utf8': {
        // Corrupt bytes of the UTF-8 encoding and decode again, as an editor does with a broken file.
        const bytes = Buffer.from(lines.join('\n'), 'utf8');
        for (let k = 0; k < m.count && bytes.length; k++) bytes[pick(m.at * 31 + k * 7919, bytes.length)] = CORRUPT_BYTES[(m.at + k) % CORRUPT_BYTES.length];
        lines = bytes.toString('utf8').split('\n');
        break;
      }
      case 'control':
      case 'insert': {
        const all = lines.join('\n');
        const offset = pick(m.at, all.length + 1);
        lines = (all.slice(0, offset) + (m.op === 'control' ? m.char : m.text) + all.slice(offset)).split('\n');
        break;
      }
      case 'truncate': {
        const all = lines.join('\n');
        lines = all.slice(0, pick(m.at, all.length + 1)).split('\n');
        break;
      }
      case 'indent':
        for (let k = i; k < Math.min(lines.length, i + m.len); k++) lines[k] = m.by + lines[k];
        break;
      case 'line-endings':
        lines = [lines.join(m.eol)];
        break;
      case 'template':
        if (i < lines.length) lines[i] = lines[i].replace(/: (\S.*)$/, ': {{ .Values.v | default $1 }}') + (i % 3 === 0 ? ' {{- end }}' : '');
        break;
    }
    if (lines.join('\n').length > scale.maxBytes) lines = lines.join('\n').slice(0, scale.maxBytes).split('\n');
  }
  return lines.join('\n');
}
