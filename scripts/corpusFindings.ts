// Findings of every file of a corpus, one line per finding, to check that a change leaves them identical:
//   node out/scripts/corpusFindings.js [roots…] --out before.tsv      (before the change)
//   node out/scripts/corpusFindings.js [roots…] --compare before.tsv  (after: exit 1 and the differing lines)
// Roots default to the shared corpus (else the in-repository one). Files are analyzed as `bulkhead scan`
// analyzes them (one workspace, cross-file rules), or each as its own workspace with --each-file (as
// bench:noise does); a curated corpus folder gives its files their kind. Every rule is on, with a trusted
// registry set, unless --default-rules. A line holds the file, 1-based range, rule, severity, message id,
// message and fixes; a rule that failed or a file that could not be read adds a line too, so a crash is a
// difference as well. The in-repository corpus's snapshot (test/corpus/snapshot.tsv) is written by the
// same code: `npm run snapshot:update`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { analyze, ALL_METAS, DEFAULT_CONFIG, memoryHost, mergeConfig, type EngineConfig, type Finding, type Range, type WorkspaceHost } from '../server/src/engine/index';
import { readTextFile } from '../server/src/host/workspace';
import { NodeWorkspaceHost } from '../server/src/host/workspaceHost';
import { chooseCorpus, corpusDocuments, IN_REPO_CORPUS } from './corpus';

export const SNAPSHOT = path.join(IN_REPO_CORPUS, 'snapshot.tsv');
/** Differing lines are printed up to this many. */
const SHOWN_DIFFERENCES = 80;

/** Every rule on, and a trusted registry so that DF008/DC006/K8S006 have something to check. */
export const ALL_RULES_CONFIG: EngineConfig = mergeConfig({ rules: Object.fromEntries(ALL_METAS.map((m) => [m.id, m.severity])), trustedRegistries: ['registry.example.com'] });

/** `workspace`: the roots are one workspace, as `bulkhead scan` sees them; `file`: each file alone. */
export type Scope = 'workspace' | 'file';

export interface CollectOptions {
  config: EngineConfig;
  scope: Scope;
  /** Files are named relative to this directory. */
  base: string;
  /** Message id, message and fixes too; without it a line is file, range, rule and severity. */
  detail: boolean;
}

/** One output line, with what it is ordered by. */
interface Row {
  file: string;
  at: number[];
  line: string;
}

/** 1-based, as editors and `bulkhead scan` show positions. */
const span = (r: Range) => `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`;
/** Tabs and line breaks inside a field are escaped so that each finding stays one line. */
const tsv = (fields: string[]) => fields.map((s) => JSON.stringify(s).slice(1, -1)).join('\t');

function findingRow(file: string, f: Finding, detail: boolean): Row {
  const fields = [file, span(f.range), f.ruleId, f.severity];
  if (detail) {
    const fixes = f.fixes.map((x) => ({ title: x.title, applicability: x.applicability, edits: x.edits.map((e) => [span(e.range), e.newText]), files: x.fileEdits }));
    fields.push(f.messageId, f.message, JSON.stringify(fixes));
  }
  const { start, end } = f.range;
  return { file, at: [start.line, start.character, end.line, end.character], line: tsv(fields) };
}

/** A line about the file itself (it could not be read, a rule threw): ordered before its findings. */
const noteRow = (file: string, what: 'SKIPPED' | 'ERROR', why: string): Row => ({ file, at: [-1], line: tsv([file, '', what, why.split('\n', 1)[0]]) });

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
function compareRows(a: Row, b: Row): number {
  if (a.file !== b.file) return compareText(a.file, b.file);
  for (let i = 0; i < Math.min(a.at.length, b.at.length); i++) if (a.at[i] !== b.at[i]) return a.at[i] - b.at[i];
  return a.at.length - b.at.length || compareText(a.line, b.line);
}

/** Just this file, in a workspace of its own directory (paths are virtual, so lines are the same on every machine). */
function aloneHost(file: string, text: string): { uri: string; workspace: WorkspaceHost } {
  const uri = path.posix.join('/corpus', file);
  return { uri, workspace: memoryHost({ [uri]: text }, path.posix.dirname(uri)) };
}

/** The findings of every file under `roots`, as rows. */
async function collectRows(roots: string[], opts: CollectOptions): Promise<{ rows: Row[]; files: number }> {
  const { config } = opts;
  const host = new NodeWorkspaceHost({ roots: roots.map((r) => path.resolve(r)), maxFileBytes: config.maxFileBytes });
  const rows: Row[] = [];
  let files = 0;
  for (const root of roots) {
    for (const doc of await corpusDocuments(root, config.maxFileBytes, (p) => host.contains(p))) {
      const file = path.relative(opts.base, doc.path).split(path.sep).join('/');
      const content = doc.skipped ? { skipped: doc.skipped } : await readTextFile(doc.path, config.maxFileBytes);
      if ('skipped' in content) {
        rows.push(noteRow(file, 'SKIPPED', content.skipped));
        continue;
      }
      const where = opts.scope === 'file' ? aloneHost(file, content.text) : { uri: pathToFileURL(doc.path).href, workspace: host };
      const result = analyze({ ...where, languageId: doc.languageId, text: content.text }, config);
      if (result.kind === 'unknown' && result.findings.length === 0) continue;
      files++;
      for (const f of result.findings) rows.push(findingRow(file, f, opts.detail));
      for (const e of result.ruleErrors) rows.push(noteRow(file, 'ERROR', e));
    }
  }
  return { rows, files };
}

/**
 * The findings of every file under `roots`, as sorted lines: by file (in code-unit order, the same on
 * every machine), then by position.
 */
export async function collectFindings(roots: string[], opts: CollectOptions): Promise<{ lines: string[]; files: number }> {
  const { rows, files } = await collectRows(roots, opts);
  return { lines: rows.sort(compareRows).map((r) => r.line), files };
}

/** Items of `a` missing from `b` (by key), counted as multisets. */
function missingBy<T>(a: T[], b: T[], key: (t: T) => string): T[] {
  const counts = new Map<string, number>();
  for (const t of b) counts.set(key(t), (counts.get(key(t)) ?? 0) + 1);
  return a.filter((t) => {
    const n = counts.get(key(t)) ?? 0;
    if (n > 0) counts.set(key(t), n - 1);
    return n === 0;
  });
}

/** Lines in `a` missing from `b`, counted as multisets. */
export const missing = (a: string[], b: string[]): string[] => missingBy(a, b, (l) => l);

/**
 * What changed from `before` to `after`, readably: `- ` lines gone and `+ ` lines new, in text order so
 * that a finding that changed shows its two versions together, then the counts; '' when identical.
 */
export function describeDifferences(before: string[], after: string[], shown = SHOWN_DIFFERENCES): string {
  const gone = missing(before, after);
  const added = missing(after, before);
  if (gone.length + added.length === 0) return '';
  const lines = [...gone.map((l) => ({ l, sign: '-' })), ...added.map((l) => ({ l, sign: '+' }))]
    .sort((a, b) => compareText(a.l, b.l) || compareText(a.sign, b.sign))
    .map(({ l, sign }) => `${sign} ${l}`);
  const more = lines.length > shown ? [`  … and ${lines.length - shown} more`] : [];
  return [...lines.slice(0, shown), ...more, `${gone.length} lines gone, ${added.length} lines new`].join('\n');
}

const SNAPSHOT_HEADER = [
  '# Findings on test/corpus (every rule on, trusted registry registry.example.com): file, range (1-based), rule, severity.',
  '# Each file is analyzed alone, and the corpus once more as one workspace; a fifth column marks findings only',
  '# one of the two has: "alone only" or "workspace only". Written by `npm run snapshot:update`.',
];

/** The snapshot of a corpus: each file alone, and the whole as one workspace, merged as SNAPSHOT_HEADER says. */
export async function snapshotLines(root = IN_REPO_CORPUS): Promise<string[]> {
  const opts = { config: ALL_RULES_CONFIG, base: root, detail: false };
  const alone = (await collectRows([root], { ...opts, scope: 'file' })).rows;
  const together = (await collectRows([root], { ...opts, scope: 'workspace' })).rows;
  const key = (r: Row) => r.line;
  const aloneOnly = new Set(missingBy(alone, together, key));
  const mark = (r: Row, scope: string): Row => ({ ...r, line: `${r.line}\t${scope}` });
  const rows = [...alone.map((r) => (aloneOnly.has(r) ? mark(r, 'alone only') : r)), ...missingBy(together, alone, key).map((r) => mark(r, 'workspace only'))];
  return rows.sort(compareRows).map((r) => r.line);
}

/** The lines of a findings file, without blank lines and `# ` comments. */
export const readLines = (file: string): string[] =>
  fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('# '));
export const writeLines = (file: string, lines: string[]): void => fs.writeFileSync(file, lines.map((l) => `${l}\n`).join(''));

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { out: { type: 'string' }, compare: { type: 'string' }, 'default-rules': { type: 'boolean' }, 'each-file': { type: 'boolean' }, 'update-snapshot': { type: 'boolean' } },
  });
  if (values['update-snapshot']) {
    const lines = await snapshotLines();
    writeLines(SNAPSHOT, [...SNAPSHOT_HEADER, ...lines]);
    console.log(`${path.relative(process.cwd(), SNAPSHOT)}: ${lines.length} lines`);
    return 0;
  }
  if (!values.out && !values.compare) {
    console.error('usage: corpusFindings [roots…] (--out findings.tsv | --compare findings.tsv) [--default-rules] [--each-file]\n       corpusFindings --update-snapshot');
    return 2;
  }
  const config = values['default-rules'] ? DEFAULT_CONFIG : ALL_RULES_CONFIG;
  const roots = positionals.length ? positionals : [chooseCorpus()];
  const { lines, files } = await collectFindings(roots, { config, scope: values['each-file'] ? 'file' : 'workspace', base: process.cwd(), detail: true });
  console.log(`${files} files analyzed, ${lines.length} findings`);
  if (values.out) writeLines(values.out, lines);
  if (!values.compare) return 0;
  const differences = describeDifferences(readLines(values.compare), lines);
  console.log(differences || `identical to ${values.compare}`);
  return differences ? 1 : 0;
}

if (require.main === module)
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      console.error(e);
      process.exitCode = 2;
    },
  );
