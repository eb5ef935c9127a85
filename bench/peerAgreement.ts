// Agreement with the peers' own test fixtures (../shared/corpus/fixtures/<peer>/EXPECTED.tsv): for every
// peer check one of our rules aliases, the share of its fail/pass fixtures on which we agree.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_METAS, analyze, mergeConfig } from '../server/src/engine/index';

const REPO = path.resolve(__dirname, '..', '..');
const FIXTURES = path.resolve(REPO, '..', 'shared', 'corpus', 'fixtures');
const verbose = process.argv.includes('--verbose');

/** Peer check id → our rule ids that alias it. Trivy ids appear both as `AVD-DS-0001` and `DS-0001`-style dirs. */
function aliasIndex(): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const meta of ALL_METAS) for (const a of meta.aliases) index.set(a.id.toUpperCase(), [...(index.get(a.id.toUpperCase()) ?? []), meta.id]);
  return index;
}

function languageOf(file: string, text: string): string {
  if (/dockerfile|containerfile/i.test(path.basename(file)) || /^\s*FROM\s/im.test(text) && !/^\s*apiVersion:/m.test(text)) return 'dockerfile';
  return /^services:/m.test(text) ? 'dockercompose' : 'yaml';
}

/**
 * The lines a line-annotated expectation covers: the line itself plus what belongs to it (a YAML key's
 * more-indented block, a Dockerfile instruction's continuation lines). Peers anchor on a key where we
 * anchor on the offending item inside it.
 */
function blockOf(text: string, line: number): [number, number] {
  const lines = text.split(/\r?\n/);
  const indent = (l: string) => /^\s*/.exec(l)![0].length;
  let end = line;
  if (/\\\s*$/.test(lines[line] ?? '')) {
    while (end + 1 < lines.length && /\\\s*$/.test(lines[end])) end++;
    return [line, end];
  }
  const base = indent(lines[line] ?? '');
  for (let i = line + 1; i < lines.length; i++) {
    if (/^\s*(#.*)?$/.test(lines[i])) continue;
    const ind = indent(lines[i]);
    // `key:` followed by `- item` at the same indentation is still the key's block in YAML.
    if (ind < base || (ind === base && !/^\s*-\s/.test(lines[i]))) break;
    end = i;
  }
  return [line, end];
}

function main(): void {
  if (!fs.existsSync(FIXTURES)) return console.log('peer agreement: fixtures not found');
  const index = aliasIndex();
  // Enable every rule, including off-by-default ones, and a registry list so registry rules can fire.
  const config = mergeConfig({ rules: Object.fromEntries(ALL_METAS.map((m) => [m.id, m.severity])) });
  const perCheck = new Map<string, { peer: string; agree: number; total: number; misses: string[] }>();
  for (const peer of fs.readdirSync(FIXTURES)) {
    const tsv = path.join(FIXTURES, peer, 'EXPECTED.tsv');
    if (!fs.existsSync(tsv)) continue;
    for (const line of fs.readFileSync(tsv, 'utf8').split('\n').slice(1)) {
      const [file, checkId, expected, detail = ''] = line.split('\t');
      if (!file || !checkId || (expected !== 'fail' && expected !== 'pass')) continue;
      const ours = index.get(checkId.toUpperCase());
      if (!ours) continue;
      const full = path.join(FIXTURES, peer, file);
      if (!fs.existsSync(full)) continue;
      const text = fs.readFileSync(full, 'utf8');
      const languageId = languageOf(full, text);
      const uri = languageId === 'dockerfile' ? 'Dockerfile' : languageId === 'dockercompose' ? 'compose.yaml' : 'fixture.yaml';
      const result = analyze({ uri, languageId, text }, config);
      // Line-annotated fixtures (Semgrep's `line=N`) are judged on that line; the others on the file.
      const onLine = /(?:^|\s)line=(\d+)/.exec(detail);
      const block = onLine ? blockOf(text, Number(onLine[1]) - 1) : undefined;
      const fired = result.findings.some((f) => ours.includes(f.ruleId) && (!block || (f.range.start.line >= block[0] && f.range.start.line <= block[1])));
      const agree = fired === (expected === 'fail');
      const key = `${peer} ${checkId}`;
      const where = onLine ? `${file}:${onLine[1]}` : file;
      const entry = perCheck.get(key) ?? { peer, agree: 0, total: 0, misses: [] };
      entry.total++;
      if (agree) entry.agree++;
      else entry.misses.push(`${where} (expected ${expected}, ours ${fired ? 'fail' : 'pass'} via ${ours.join('/')})`);
      perCheck.set(key, entry);
    }
  }
  let agree = 0;
  let total = 0;
  console.log('peer check                                   agree/total');
  for (const [key, e] of [...perCheck].sort()) {
    agree += e.agree;
    total += e.total;
    console.log(`${key.padEnd(44)} ${e.agree}/${e.total}`);
    if (verbose) for (const m of e.misses) console.log(`    ${m}`);
  }
  console.log(`\noverall: ${agree}/${total} fixtures agree (${((100 * agree) / Math.max(total, 1)).toFixed(1)}%) across ${perCheck.size} aliased peer checks`);
}

main();
