// Agreement with the peers' own test fixtures (../shared/corpus/fixtures/<peer>/EXPECTED.tsv): for every
// peer check one of our rules aliases, the share of its fail/pass fixtures on which we agree. An alias that
// names checks (Alias.checks) is judged on those findings only: a peer id is one check, not a whole rule.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_METAS, aliasCovers, analyze, memoryHost, mergeConfig, type Alias } from '../server/src/engine/index';
import { podSecuritySummaryOf } from '../server/src/engine/features/podSecurity';
import { parseKubernetes } from '../server/src/engine/parse/kubernetes';
import { SourceFile, type Finding } from '../server/src/engine/index';

const REPO = path.resolve(__dirname, '..', '..');
const FIXTURES = path.resolve(REPO, '..', 'shared', 'corpus', 'fixtures');
const verbose = process.argv.includes('--verbose');

/** Peer check id → our rules that alias it, each with its alias (which of the rule's checks it is). */
function aliasIndex(): Map<string, Array<{ ruleId: string; alias: Alias }>> {
  const index = new Map<string, Array<{ ruleId: string; alias: Alias }>>();
  for (const meta of ALL_METAS) for (const alias of meta.aliases) index.set(alias.id.toUpperCase(), [...(index.get(alias.id.toUpperCase()) ?? []), { ruleId: meta.id, alias }]);
  return index;
}

/** Whether a finding is the peer check: of a rule aliasing it, and of the check the alias names. */
const isPeerCheck = (aliases: Array<{ ruleId: string; alias: Alias }>, f: Finding): boolean => aliases.some((a) => a.ruleId === f.ruleId && aliasCovers(a.alias, f));

function languageOf(file: string, text: string): string {
  if (/dockerfile|containerfile/i.test(path.basename(file)) || (/^\s*FROM\s/im.test(text) && !/^\s*apiVersion:/m.test(text))) return 'dockerfile';
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

/** The objects of a manifest with their line spans, to attribute findings to objects. */
function objectsOf(file: string, text: string): Array<{ kind: string; name?: string; lines: [number, number] }> {
  const model = parseKubernetes(new SourceFile(file, text));
  return model.objects.map((o) => {
    const r = o.doc.rangeOf(o.node);
    return { kind: o.kind, name: o.name, lines: [r.start.line, r.end.line] as [number, number] };
  });
}

/**
 * One kube-linter row judged per object: `Kind/name` (pass) → none of our findings in that object;
 * `Kind: message` (fail) → one in some object of that kind; `expected_report_count=N` → N objects
 * with a finding. Returns undefined for rows that name nothing we can locate.
 */
function judgeObjects(file: string, text: string, findings: Finding[], expected: string, detail: string): { expected: string; fired: boolean } | undefined {
  const objects = objectsOf(file, text);
  const innermost = (line: number) => objects.filter((o) => o.lines[0] <= line && line <= o.lines[1]).sort((a, b) => a.lines[1] - a.lines[0] - (b.lines[1] - b.lines[0]))[0];
  const flagged = new Set(findings.map((f) => innermost(f.range.start.line)).filter((o) => o !== undefined));
  const count = /^expected_report_count=(\d+)/.exec(detail);
  if (count) return { expected: 'fail', fired: flagged.size === Number(count[1]) };
  const named = /^(\w+)\/(\S+)$/.exec(detail.trim());
  if (named) return { expected, fired: [...flagged].some((o) => o.kind === named[1] && o.name === named[2]) };
  const kind = /^(\w+):/.exec(detail);
  if (kind) return { expected, fired: [...flagged].some((o) => o.kind === kind[1]) };
  return undefined;
}

function main(): void {
  if (!fs.existsSync(FIXTURES)) return console.log('peer agreement: fixtures not found');
  const index = aliasIndex();
  // Enable every rule, including off-by-default ones, and a registry list so registry rules can fire.
  const config = mergeConfig({ rules: Object.fromEntries(ALL_METAS.map((m) => [m.id, m.severity])) });
  const perCheck = new Map<string, { peer: string; agree: number; total: number; misses: string[] }>();
  const record = (peer: string, checkId: string, where: string, expected: string, fired: boolean, ours: string[]): void => {
    const key = `${peer} ${checkId}`;
    const entry = perCheck.get(key) ?? { peer, agree: 0, total: 0, misses: [] };
    entry.total++;
    if (fired === (expected === 'fail')) entry.agree++;
    else entry.misses.push(`${where} (expected ${expected}, ours ${fired ? 'fail' : 'pass'} via ${ours.join('/')})`);
    perCheck.set(key, entry);
  };
  for (const peer of fs.readdirSync(FIXTURES)) {
    const tsv = path.join(FIXTURES, peer, 'EXPECTED.tsv');
    if (!fs.existsSync(tsv)) continue;
    for (const line of fs.readFileSync(tsv, 'utf8').split('\n').slice(1)) {
      const [file, checkId, expected, detail = ''] = line.split('\t');
      if (!file || !checkId || (expected !== 'fail' && expected !== 'pass')) continue;
      const full = path.join(FIXTURES, peer, file);
      const pss = /^pss-(baseline|restricted):/.exec(checkId);
      if (pss && fs.existsSync(full)) {
        // Pod Security admission fixtures judge a whole level at one version: compare with the PSS summary.
        const version = /\/(v1\.\d+)\//.exec(file)?.[1] ?? 'latest';
        const workloads = podSecuritySummaryOf({ uri: 'fixture.yaml', text: fs.readFileSync(full, 'utf8') }, mergeConfig({ podSecurityVersion: version }));
        const fired = workloads.some((w) => !w[pss[1] as 'baseline' | 'restricted']);
        record(peer, checkId, file, expected, fired, ['PSS summary']);
        continue;
      }
      const aliases = index.get(checkId.toUpperCase());
      if (!aliases) continue;
      const ours = [...new Set(aliases.map((a) => a.ruleId))];
      if (!fs.existsSync(full)) continue;
      const text = fs.readFileSync(full, 'utf8');
      const languageId = languageOf(full, text);
      const uri = `/fixture/${languageId === 'dockerfile' ? 'Dockerfile' : languageId === 'dockercompose' ? 'compose.yaml' : 'fixture.yaml'}`;
      // Each fixture is its own workspace, so cross-file rules see the objects it holds.
      const result = analyze({ uri, languageId, text, workspace: memoryHost({ [uri]: text }, '/fixture') }, config);
      if (peer === 'kube-linter') {
        // kube-linter's fixtures hold many objects: each row names one (`Kind/name` passes, `Kind: …` fails) or a report count.
        const judged = judgeObjects(
          full,
          text,
          result.findings.filter((f) => isPeerCheck(aliases, f)),
          expected,
          detail,
        );
        if (judged !== undefined) record(peer, checkId, `${file} ${detail.slice(0, 60)}`, judged.expected, judged.fired, ours);
        continue;
      }
      // Line-annotated fixtures (Semgrep's `line=N`) are judged on that line; the others on the file.
      const onLine = /(?:^|\s)line=(\d+)/.exec(detail);
      const block = onLine ? blockOf(text, Number(onLine[1]) - 1) : undefined;
      const fired = result.findings.some((f) => isPeerCheck(aliases, f) && (!block || (f.range.start.line >= block[0] && f.range.start.line <= block[1])));
      record(peer, checkId, onLine ? `${file}:${onLine[1]}` : file, expected, fired, ours);
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
  const perPeer = new Map<string, [number, number]>();
  for (const e of perCheck.values()) {
    const [a, t] = perPeer.get(e.peer) ?? [0, 0];
    perPeer.set(e.peer, [a + e.agree, t + e.total]);
  }
  console.log('\nper peer:');
  for (const [peer, [a, t]] of [...perPeer].sort()) console.log(`  ${peer.padEnd(24)} ${a}/${t} (${((100 * a) / t).toFixed(1)}%)`);
  console.log(`\noverall: ${agree}/${total} fixtures agree (${((100 * agree) / Math.max(total, 1)).toFixed(1)}%) across ${perCheck.size} aliased peer checks`);
}

main();
