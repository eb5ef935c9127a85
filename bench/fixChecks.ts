// Checks the fix-safety bench makes on fixed files, written apart from the engine's own edit code so
// they can catch it: credentials that left a file must be somewhere in the workspace, lines a fix adds
// to a Helm template must sit in the same control blocks as their parent and never between a key and
// the template line that fills it, created files must be ignored by Git.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore from 'ignore';
import { isPair, isScalar, parseAllDocuments, visit } from 'yaml';
import { maskTemplates } from '../server/src/engine/parse/yaml';
import { detectSecret } from '../server/src/engine/policy/secrets';

/** `${VAR:-default}` as a whole value: the default is the literal. */
const ONLY_DEFAULT = /^\$\{[A-Za-z_][A-Za-z0-9_]*:?-([^}]*)\}$/;

/** Credential values written in a YAML text: `KEY: value` pairs, `{name, value}` env entries and `NAME=value` items. */
export function credentials(text: string): string[] {
  const found = new Set<string>();
  const add = (name: unknown, value: unknown) => {
    if (typeof name !== 'string' || typeof value !== 'string') return;
    const literal = ONLY_DEFAULT.exec(value)?.[1] ?? value;
    if (!literal.includes('{{') && detectSecret(name, literal)) found.add(literal);
  };
  for (const doc of parseAllDocuments(text.includes('{{') ? maskTemplates(text) : text, { uniqueKeys: false, prettyErrors: false })) {
    visit(doc, {
      Pair(_, pair) {
        if (isScalar(pair.key) && isScalar(pair.value)) add(pair.key.value, pair.value.value);
      },
      Map(_, map) {
        const name = map.items.find((p) => isScalar(p.key) && p.key.value === 'name');
        const value = map.items.find((p) => isScalar(p.key) && p.key.value === 'value');
        if (isPair(name) && isPair(value) && isScalar(name.value) && isScalar(value.value)) add(name.value.value, value.value.value);
      },
      Seq(_, seq) {
        for (const item of seq.items) {
          if (!isScalar(item) || typeof item.value !== 'string') continue;
          const eq = item.value.indexOf('=');
          if (eq > 0) add(item.value.slice(0, eq), item.value.slice(eq + 1));
        }
      },
    });
  }
  return [...found];
}

/** Credential values a Dockerfile writes in `ENV`/`ARG` (`NAME=value`, quoted or not, or the legacy `ENV NAME value`). */
export function dockerfileCredentials(text: string): string[] {
  const found = new Set<string>();
  for (const [, keyword, body] of text.matchAll(/^\s*(ENV|ARG)\s+(.+)$/gim)) {
    const legacy = keyword.toUpperCase() === 'ENV' ? /^([A-Za-z_][\w.-]*)\s+([^=\s].*)$/.exec(body) : null;
    const pairs = legacy ? [[legacy[1], legacy[2].trim()]] : [...body.matchAll(/([A-Za-z_][\w.-]*)=("(?:[^"\\]|\\.)*"|'[^']*'|\S+)/g)].map((m) => [m[1], m[2].replace(/^(["'])(.*)\1$/, '$2')]);
    for (const [name, value] of pairs) if (detectSecret(name, value)) found.add(value);
  }
  return [...found];
}

/**
 * Credentials of `before` that `after` no longer holds and no other file (`others`, e.g. those a fix
 * created) keeps: as their text, as a double-quoted YAML scalar, or as a credential of a YAML file.
 */
export function lostCredentials(before: string, after: string, others: Iterable<string>, extract: (text: string) => string[] = credentials): string[] {
  const still = new Set(extract(after));
  const gone = extract(before).filter((v) => !still.has(v));
  if (gone.length === 0) return [];
  const texts = [...others];
  const kept = new Set(texts.flatMap(credentials));
  return gone.filter((v) => !kept.has(v) && !texts.some((t) => t.includes(v) || t.includes(JSON.stringify(v).slice(1, -1))));
}

// ------------------------------------------------------------ template placement

const OPEN = /\{\{-?\s*(if|with|range|define|block)\b/g;
const END = /\{\{-?\s*end\b/g;
const templateOnly = (line: string) => /^\s*(\{\{[\s\S]*?\}\}\s*)+$/.test(line);
const control = (line: string) => templateOnly(line) && /\{\{-?\s*(if|with|range|define|block|else|end)\b/.test(line);
const content = (line: string) => line.trim() !== '' && !templateOnly(line) && !/^\s*#/.test(line);
const indent = (line: string) => line.length - line.trimStart().length;

/** Open control blocks at the start of each line (one more entry for the end). */
function depths(lines: string[]): number[] {
  const out = [0];
  for (const l of lines) out.push(out[out.length - 1] + (l.match(OPEN)?.length ?? 0) - (l.match(END)?.length ?? 0));
  return out;
}

/**
 * Added lines of a template placed wrongly: `inside`, in a control block their parent line (the
 * nearest line above with less indentation, or the document's first line) is not in; `fill`, directly
 * above the `{{ toYaml … }}`/`include` line that fills the key above them.
 */
export function templatePlacement(after: string, added: Set<number>): { inside: number; fill: number } {
  const lines = after.split('\n');
  const depth = depths(lines);
  let inside = 0;
  let fill = 0;
  for (const i of added) {
    if (!content(lines[i])) continue;
    let parent = i - 1;
    let top = -1;
    for (; parent >= 0 && !/^---/.test(lines[parent]); parent--) {
      if (!content(lines[parent])) continue;
      if (indent(lines[parent]) < indent(lines[i])) break;
      top = parent;
    }
    const owner = parent >= 0 && !/^---/.test(lines[parent]) ? parent : top;
    if (owner >= 0 && depth[i] !== depth[owner + 1]) inside++;
    if (added.has(i + 1)) continue;
    let next = i + 1;
    while (next < lines.length && (lines[next].trim() === '' || control(lines[next]))) next++;
    if (next < lines.length && templateOnly(lines[next]) && !control(lines[next])) fill++;
  }
  return { inside, fill };
}

/** Indexes of the lines of `b` that a line diff of `a` → `b` (Myers, common ends trimmed) marks as inserted. */
export function addedLines(a: string[], b: string[]): Set<number> {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const x0 = a.slice(head, a.length - tail);
  const y0 = b.slice(head, b.length - tail);
  const n = x0.length;
  const m = y0.length;
  const max = n + m;
  const v = new Map<number, number>([[1, 0]]);
  const trace: Array<Map<number, number>> = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(new Map(v));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && (v.get(k - 1) ?? -1) < (v.get(k + 1) ?? -1)) ? (v.get(k + 1) ?? 0) : (v.get(k - 1) ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && x0[x] === y0[y]) {
        x++;
        y++;
      }
      v.set(k, x);
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  // Walk back to the start, noting each step; then, hunk by hunk, the additions beyond the deletions
  // they replace are the inserted lines (a rewritten line is not an insertion).
  const steps: Array<'same' | 'add' | 'del'> = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0 && (x > 0 || y > 0); d--) {
    const prev = trace[d];
    const k = x - y;
    const down = k === -d || (k !== d && (prev.get(k - 1) ?? -1) < (prev.get(k + 1) ?? -1));
    const pk = down ? k + 1 : k - 1;
    const px = prev.get(pk) ?? 0;
    const py = px - pk;
    for (; x > px && y > py; x--, y--) steps.push('same');
    steps.push(down ? 'add' : 'del');
    x = px;
    y = py;
  }
  for (; x > 0 && y > 0; x--, y--) steps.push('same');
  const inserted = new Set<number>();
  let line = head;
  let deleted = 0;
  for (const step of steps.reverse()) {
    if (step === 'del') deleted++;
    else if (step === 'add') {
      if (deleted > 0) deleted--;
      else inserted.add(line);
      line++;
    } else {
      deleted = 0;
      line++;
    }
  }
  return inserted;
}

// ------------------------------------------------------------ Git

/** Whether the .gitignore files from `root` down to `file`'s directory ignore it (deeper files win, as in Git). */
export function ignoredByGit(root: string, file: string): boolean {
  let ignored = false;
  const dirs: string[] = [];
  for (let dir = path.dirname(file); dir.startsWith(root); dir = path.dirname(dir)) {
    dirs.unshift(dir);
    if (dir === root) break;
  }
  for (const dir of dirs) {
    const gi = path.join(dir, '.gitignore');
    if (!fs.existsSync(gi)) continue;
    const verdict = ignore().add(fs.readFileSync(gi, 'utf8')).test(path.relative(dir, file).split(path.sep).join('/'));
    if (verdict.ignored) ignored = true;
    else if (verdict.unignored) ignored = false;
  }
  return ignored;
}
