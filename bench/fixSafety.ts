// Fix safety on the real corpus: every quick fix applied, alone, to every file where it is offered.
// A fix is safe when the result still parses, its finding is gone, no new error/warning appears,
// comments survive, and fixing the result again changes nothing.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, applyEdits, fixAll, mergeConfig, type Finding, type Severity } from '../server/src/engine/index';
import { hardenToRestricted, podSecuritySummaryOf } from '../server/src/engine/policy/podSecurity';

const REPO = path.resolve(__dirname, '..', '..');
const CORPUS = path.resolve(REPO, '..', 'shared', 'corpus');
const SETS = [
  { dir: 'dockerfiles', uri: 'Dockerfile', languageId: 'dockerfile' },
  { dir: 'compose', uri: 'compose.yaml', languageId: 'dockercompose' },
  { dir: 'k8s', uri: 'manifest.yaml', languageId: 'yaml' },
];
const config = mergeConfig();
const serious = (s: Severity) => s !== 'info';

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

function countBy(findings: Finding[], pick: (f: Finding) => boolean): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of findings) if (pick(f)) m.set(f.ruleId, (m.get(f.ruleId) ?? 0) + 1);
  return m;
}

const commentLines = (text: string) => text.split('\n').filter((l) => /^\s*#/.test(l)).length;

interface RuleStats { applied: number; parses: number; gone: number; noNew: number; commentsKept: number; idempotent: number; problems: string[] }

function main(): void {
  if (!fs.existsSync(CORPUS)) return console.log(`fix safety: ${CORPUS} not found`);
  const stats = new Map<string, RuleStats>();
  for (const set of SETS) {
    for (const file of files(path.join(CORPUS, set.dir))) {
      const text = fs.readFileSync(file, 'utf8');
      const input = { uri: set.uri, languageId: set.languageId, text };
      const before = analyze(input, config);
      const beforeSerious = countBy(before.findings, (f) => serious(f.severity));
      const beforeParse = before.findings.filter((f) => f.ruleId === 'BH001').length;
      for (const finding of before.findings) {
        const fix = finding.fixes.find((x) => x.edits.length > 0);
        if (!fix) continue;
        const s = stats.get(finding.ruleId) ?? { applied: 0, parses: 0, gone: 0, noNew: 0, commentsKept: 0, idempotent: 0, problems: [] };
        stats.set(finding.ruleId, s);
        s.applied++;
        const fixed = applyEdits(text, fix.edits);
        const after = analyze({ ...input, text: fixed }, config);
        const where = `${path.relative(CORPUS, file)}:${finding.range.start.line + 1}`;
        const note = (what: string) => s.problems.length < 5 && s.problems.push(`${where} ${what}`);
        if (after.findings.filter((f) => f.ruleId === 'BH001').length <= beforeParse) s.parses++;
        else note('no longer parses');
        // Gone: this rule reports fewer findings (a fix may resolve several of its findings at once).
        const own = (r: typeof before) => r.findings.filter((f) => f.ruleId === finding.ruleId).length;
        if (own(after) < own(before)) s.gone++;
        else note('finding still there');
        const afterSerious = countBy(after.findings, (f) => serious(f.severity));
        const added = [...afterSerious].filter(([id, n]) => id !== finding.ruleId && n > (beforeSerious.get(id) ?? 0));
        if (added.length === 0) s.noNew++;
        else note(`new: ${added.map(([id]) => id).join(', ')}`);
        const removedSuppression = finding.ruleId === 'BH003';
        if (removedSuppression || commentLines(fixed) >= commentLines(text)) s.commentsKept++;
        else note('lost a comment line');
        const again = fixAll({ ...input, text: fixed }, config, [fix.applicability]);
        const twice = fixAll({ ...input, text: again.text }, config, [fix.applicability]);
        if (twice.text === again.text) s.idempotent++;
        else note('fixing twice changes the file again');
      }
    }
  }
  console.log('rule    applied  parses  gone  no-new  comments  idempotent');
  let total = 0;
  let clean = 0;
  for (const [id, s] of [...stats].sort()) {
    console.log(`${id.padEnd(7)} ${String(s.applied).padStart(7)} ${String(s.parses).padStart(7)} ${String(s.gone).padStart(5)} ${String(s.noNew).padStart(7)} ${String(s.commentsKept).padStart(9)} ${String(s.idempotent).padStart(11)}`);
    for (const p of s.problems) console.log(`        ${p}`);
    total += s.applied;
    clean += Math.min(s.parses, s.gone, s.noNew, s.commentsKept, s.idempotent);
  }
  console.log(`\n${total} fixes applied; at least ${clean} passed every check`);
  hardenEveryWorkload();
}

/** "Harden to restricted" on every workload of the Kubernetes corpus: parses, comments kept, idempotent. */
function hardenEveryWorkload(): void {
  let workloads = 0;
  let changed = 0;
  let parses = 0;
  let commentsKept = 0;
  let idempotent = 0;
  let restrictedAfter = 0;
  const problems: string[] = [];
  for (const file of files(path.join(CORPUS, 'k8s'))) {
    const text = fs.readFileSync(file, 'utf8');
    const input = { uri: 'manifest.yaml', text };
    for (const workload of podSecuritySummaryOf(input, config)) {
      workloads++;
      const hardened = hardenToRestricted(input, workload.range.start, config);
      if (!hardened || hardened.edits.length === 0) continue;
      changed++;
      const fixed = applyEdits(text, hardened.edits);
      const where = `${path.relative(CORPUS, file)}:${workload.range.start.line + 1}`;
      const note = (what: string) => problems.length < 8 && problems.push(`${where} ${what}`);
      const parseErrors = (t: string) => analyze({ ...input, text: t }, config).findings.filter((f) => f.ruleId === 'BH001').length;
      if (parseErrors(fixed) <= parseErrors(text)) parses++;
      else note('no longer parses');
      if (commentLines(fixed) >= commentLines(text)) commentsKept++;
      else note('lost a comment line');
      const again = hardenToRestricted({ ...input, text: fixed }, workload.range.start, config);
      if (!again || again.edits.length === 0) idempotent++;
      else note('hardening twice changes the file again');
      const after = podSecuritySummaryOf({ ...input, text: fixed }, config).find((w) => w.kind === workload.kind && w.name === workload.name);
      if (after?.restricted) restrictedAfter++;
    }
  }
  console.log(`\nharden to restricted: ${workloads} workloads, ${changed} changed; parses ${parses}, comments kept ${commentsKept}, idempotent ${idempotent}, pass restricted afterwards ${restrictedAfter} (the rest need a change no fix can make, e.g. a hostPath volume)`);
  for (const p of problems) console.log(`        ${p}`);
}

main();
