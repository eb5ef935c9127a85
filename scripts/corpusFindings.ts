// Findings of every file under the given roots (default: the shared corpus), one line per finding, to
// check that a change leaves them identical:
//   node out/scripts/corpusFindings.js [roots…] --out before.tsv      (before the change)
//   node out/scripts/corpusFindings.js [roots…] --compare before.tsv  (after: exit 1 and the differing lines)
// Files are analyzed as `bulkhead scan` analyzes them (workspace host, cross-file rules), with every rule
// on and a trusted registry set unless --default-rules. A line holds the file, rule, message id, range,
// severity, message and fixes; a rule that failed adds a line with its error, so a crash is a difference too.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { analyze, ALL_METAS, DEFAULT_CONFIG, mergeConfig, type EngineConfig, type Finding, type Range } from '../server/src/engine/index';
import { readTextFile, walkWorkspace } from '../server/src/node/workspace';
import { NodeWorkspaceHost } from '../server/src/node/workspaceHost';

const CORPUS = path.resolve(__dirname, '..', '..', '..', 'shared', 'corpus');
/** Lines of the two files that differ are printed up to this many each way. */
const SHOWN_DIFFERENCES = 40;

const span = (r: Range) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

/** One line per finding; tabs and line breaks inside messages are escaped so each finding stays one line. */
function findingLine(file: string, f: Finding): string {
  const fixes = f.fixes.map((x) => ({ title: x.title, applicability: x.applicability, edits: x.edits.map((e) => [span(e.range), e.newText]), files: x.fileEdits }));
  return [file, f.ruleId, f.messageId, span(f.range), f.severity, f.message, JSON.stringify(fixes)].map((s) => JSON.stringify(s).slice(1, -1)).join('\t');
}

async function collect(roots: string[], config: EngineConfig): Promise<{ lines: string[]; files: number }> {
  const host = new NodeWorkspaceHost({ roots: roots.map((r) => path.resolve(r)), maxFileBytes: config.maxFileBytes });
  const lines: string[] = [];
  let files = 0;
  for await (const entry of walkWorkspace(roots, { exclude: [], maxFileBytes: config.maxFileBytes, contains: (f) => host.contains(f) })) {
    if (entry.skipped) continue;
    const content = await readTextFile(entry.path, config.maxFileBytes);
    if ('skipped' in content) continue;
    const file = path.relative(process.cwd(), entry.path);
    const result = analyze({ uri: pathToFileURL(entry.path).href, text: content.text, workspace: host }, config);
    if (result.kind === 'unknown' && result.findings.length === 0) continue;
    files++;
    for (const f of result.findings) lines.push(findingLine(file, f));
    for (const e of result.ruleErrors) lines.push([file, 'ERROR', JSON.stringify(e.split('\n', 1)[0]).slice(1, -1)].join('\t'));
  }
  return { lines: lines.sort(), files };
}

/** Lines in `a` missing from `b`, counted as multisets. */
function missing(a: string[], b: string[]): string[] {
  const counts = new Map<string, number>();
  for (const l of b) counts.set(l, (counts.get(l) ?? 0) + 1);
  return a.filter((l) => {
    const n = counts.get(l) ?? 0;
    if (n > 0) counts.set(l, n - 1);
    return n === 0;
  });
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { out: { type: 'string' }, compare: { type: 'string' }, 'default-rules': { type: 'boolean' } } });
  if (!values.out && !values.compare) {
    console.error('usage: corpusFindings [roots…] (--out findings.tsv | --compare findings.tsv) [--default-rules]');
    return 2;
  }
  // Every rule on, and a trusted registry so that DF008/DC006/K8S006 have something to check.
  const config = values['default-rules'] ? DEFAULT_CONFIG : mergeConfig({ rules: Object.fromEntries(ALL_METAS.map((m) => [m.id, m.severity])), trustedRegistries: ['registry.example.com'] });
  const roots = positionals.length ? positionals : [CORPUS];
  const { lines, files } = await collect(roots, config);
  console.log(`${files} files analyzed, ${lines.length} findings`);
  if (values.out) fs.writeFileSync(values.out, lines.map((l) => `${l}\n`).join(''));
  if (!values.compare) return 0;
  const before = fs.readFileSync(values.compare, 'utf8').split('\n').filter((l) => l !== '');
  const gone = missing(before, lines);
  const added = missing(lines, before);
  for (const l of gone.slice(0, SHOWN_DIFFERENCES)) console.log(`- ${l}`);
  for (const l of added.slice(0, SHOWN_DIFFERENCES)) console.log(`+ ${l}`);
  console.log(gone.length + added.length === 0 ? `identical to ${values.compare}` : `${gone.length} lines gone, ${added.length} lines new`);
  return gone.length + added.length === 0 ? 0 : 1;
}

main().then((code) => { process.exitCode = code; }, (e) => { console.error(e); process.exitCode = 2; });
