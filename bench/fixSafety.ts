// Fix safety on the real corpus, in three parts.
// 1. Every quick fix applied alone, with its edits to other files, to every file where it is offered
//    (the corpus read as one Git repository). A fix is safe when the result still parses (also with
//    duplicate keys as errors, as Compose and kubectl read it), its finding is gone, no new error or
//    warning appears, comments survive, a Compose file breaks no more of the Compose Specification,
//    every credential that left the file is kept in the workspace, no line lands in a Helm control
//    block or before a line filling a key, and fixing the result again changes nothing.
// 2. "Harden to restricted" on every workload.
// 3. The real CLI, `scan --fix --unsafe-fixes`, three times over a copy of the corpus: the second and
//    third runs must change nothing, and the first must leave valid files, kept values, ignored
//    created files and well-placed template lines.
// `--rules DF037,KC` (ids or id prefixes) runs part 1 on those rules' fixes only and skips parts 2 and 3:
// a quick loop while working on some fixes; the full run is the measure.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { analyze, applyEdits, fixAll, mergeConfig, type AnalysisInput, type Applicability, type FileEdit, type Finding, type Fix, type Severity, type WorkspaceHost } from '../server/src/engine/index';
import { hardenToRestricted, podSecuritySummaryOf } from '../server/src/engine/features/podSecurity';
import { NodeWorkspaceHost } from '../server/src/host/workspaceHost';
import { composeErrors, yamlErrors } from '../test/harness/fixValidity';
import { addedLines, credentials, dockerfileCredentials, ignoredByGit, lostCredentials, templatePlacement } from './fixChecks';

const REPO = path.resolve(__dirname, '..', '..');
const CORPUS = path.resolve(REPO, '..', 'shared', 'corpus');
const CLI = path.join(REPO, 'dist', 'cli.js');
const SETS = [
  { dir: 'dockerfiles', languageId: 'dockerfile', yaml: false },
  { dir: 'compose', languageId: 'dockercompose', yaml: true },
  { dir: 'k8s', languageId: 'yaml', yaml: true },
  { dir: 'k8s-helm-templates', languageId: 'yaml', yaml: true },
  // The corpus holds almost no control-plane files: the cluster rules' fixes run on kubeadm's own output,
  { dir: 'cluster', languageId: 'yaml', yaml: true, root: path.join(REPO, 'test/fixtures/cluster/defaults') },
  // and, with the fixes real files rarely call for (DF039, K8S027), on the peers' test fixtures: each its
  // folder's own workspace (one workspace of 3,000 unrelated fixtures is slow and means nothing).
  { dir: 'peer fixtures', languageId: 'yaml', yaml: true, root: path.join(CORPUS, 'fixtures'), pick: /\.ya?ml$/i, only: ['KC', 'K8S027'], perFolder: true },
  { dir: 'peer fixtures', languageId: 'dockerfile', yaml: false, root: path.join(CORPUS, 'fixtures'), pick: /dockerfile$/i, only: ['DF039'], perFolder: true },
  // The corpus has chart templates but no values files: `helm create`-style charts whose fixes edit values.yaml.
  { dir: 'helm-charts', languageId: 'yaml', yaml: true, root: path.join(REPO, 'test/fixtures/helm-charts'), cliRuns: true },
];
const TEMPLATE_SETS = ['k8s-helm-templates', 'helm-charts'];
/** `--set NAME` (repeatable) runs those sets only, e.g. `--set helm-charts`; all by default. */
const args = parseArgs({ options: { set: { type: 'string', multiple: true }, rules: { type: 'string' } }, strict: false }).values;
const chosen = args.set;
const sets = () => SETS.filter((s) => !Array.isArray(chosen) || chosen.includes(s.dir));
const config = mergeConfig();
/** `--rules ID,PREFIX,…` tests only those rules' fixes (`--rules KC` for every cluster rule). */
const ruleFilter = typeof args.rules === 'string' ? args.rules.split(',').filter(Boolean) : undefined;
const fixTested = (ruleId: string, only = ruleFilter) => !only || only.some((r) => ruleId.startsWith(r));
const serious = (s: Severity) => s !== 'info';
/** The corpus is read as one repository, so fixes that ignore files in Git have a .gitignore to write. */
const GIT_HEAD = { [`${CORPUS}/.git/HEAD`]: 'ref: refs/heads/main\n' };

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

function countBy(findings: Finding[], pick: (f: Finding) => boolean): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of findings) if (pick(f)) m.set(f.ruleId, (m.get(f.ruleId) ?? 0) + 1);
  return m;
}

const commentLines = (text: string) => text.split('\n').filter((l) => /^\s*#/.test(l)).length;
/** Errors of `check` on `after` that `before` did not have. */
const newErrors = (check: (t: string) => string[], before: string, after: string) => {
  const old = new Set(check(before));
  return check(after).filter((e) => !old.has(e));
};

/** The corpus host with some files replaced or added (a fix's edits to other files). */
function overlay(base: WorkspaceHost, extra: Record<string, string>): WorkspaceHost {
  return {
    contains: (p) => base.contains(p),
    readFile: (p) => extra[p] ?? base.readFile(p),
    listFiles: (dir) => base.listFiles(dir),
    yamlFiles: () => [...new Set([...base.yamlFiles(), ...Object.keys(extra).filter((p) => /\.ya?ml$/i.test(p))])],
  };
}

const CHECKS = ['applied', 'parses', 'gone', 'no-new', 'comments', 'unique-keys', 'schema', 'kept', 'template', 'idempotent'] as const;
type Check = (typeof CHECKS)[number];
interface RuleStats {
  counts: Record<Check, number>;
  problems: string[];
}

/** Applies one fix with its file edits; returns the fixed text and the other files it wrote. */
function applyFix(text: string, fix: Fix, host: WorkspaceHost): { text: string; written: Record<string, string> } {
  const written: Record<string, string> = { ...GIT_HEAD };
  for (const edit of fix.fileEdits ?? []) written[edit.path] = applyEdits(written[edit.path] ?? (edit.create ? '' : (host.readFile(edit.path) ?? '')), edit.edits);
  return { text: applyEdits(text, fix.edits), written };
}

/** The fixes of one applicability applied as `scan --fix` applies them, edits of other files included. */
function fixWithFiles(input: AnalysisInput & { path: string }, base: WorkspaceHost, files: Record<string, string>, applicability: Applicability): { text: string; written: Record<string, string> } {
  const written = { ...files };
  // The host sees what is written as it is written, and the file's own text as given.
  const host = overlay(overlay(base, written), { [input.path]: input.text });
  const write = (edits: FileEdit[]) => {
    for (const e of edits) written[e.path] = applyEdits(e.create ? '' : (host.readFile(e.path) ?? ''), e.edits);
    return true;
  };
  return { text: fixAll({ ...input, workspace: host }, config, [applicability], write).text, written };
}

function eachFixAlone(): void {
  const stats = new Map<string, RuleStats>();
  for (const set of sets()) {
    const root = set.root ?? path.join(CORPUS, set.dir);
    const hostOf = (dir: string) => new NodeWorkspaceHost({ roots: [dir], maxFileBytes: config.maxFileBytes });
    const setBase = hostOf(root);
    const tested = (ruleId: string) => fixTested(ruleId) && fixTested(ruleId, set.only);
    for (const file of files(root).filter((f) => !set.pick || set.pick.test(f))) {
      const base = set.perFolder ? hostOf(path.dirname(file)) : setBase;
      const host = overlay(base, GIT_HEAD);
      const text = fs.readFileSync(file, 'utf8');
      const input = { uri: `file://${file}`, languageId: set.languageId, text, workspace: host };
      const before = analyze(input, config);
      if (!before.findings.some((f) => tested(f.ruleId))) continue;
      const beforeSerious = countBy(before.findings, (f) => serious(f.severity));
      const beforeParse = before.findings.filter((f) => f.ruleId === 'BH001').length;
      for (const finding of before.findings) {
        const fix = tested(finding.ruleId) ? finding.fixes.find((x) => x.edits.length > 0 || x.fileEdits?.length) : undefined;
        if (!fix) continue;
        const s = stats.get(finding.ruleId) ?? { counts: Object.fromEntries(CHECKS.map((c) => [c, 0])) as Record<Check, number>, problems: [] };
        stats.set(finding.ruleId, s);
        const where = `${path.relative(CORPUS, file)}:${finding.range.start.line + 1}`;
        const pass = (check: Check, ok: boolean, what: string) => {
          if (ok) s.counts[check]++;
          else if (s.problems.length < 5) s.problems.push(`${where} ${what}`);
        };
        s.counts.applied++;
        const { text: fixed, written } = applyFix(text, fix, host);
        // The host holds the fixed text of the file too, as an editor's does (a values file renders its chart's templates).
        const fixedHost = overlay(base, { ...written, [file]: fixed });
        const after = analyze({ ...input, text: fixed, workspace: fixedHost }, config);
        pass('parses', after.findings.filter((f) => f.ruleId === 'BH001').length <= beforeParse, 'no longer parses');
        // Gone: this rule reports fewer findings, or this finding's message changed (a file fix, e.g. tracked → ignored).
        const own = (r: typeof before, m?: string) => r.findings.filter((f) => f.ruleId === finding.ruleId && (!m || f.messageId === m)).length;
        pass('gone', own(after) < own(before) || own(after, finding.messageId) < own(before, finding.messageId), 'finding still there');
        const afterSerious = countBy(after.findings, (f) => serious(f.severity));
        const added = [...afterSerious].filter(([id, n]) => id !== finding.ruleId && n > (beforeSerious.get(id) ?? 0));
        pass('no-new', added.length === 0, `new: ${added.map(([id]) => id).join(', ')}`);
        const writtenComments = (read: (p: string) => string) => Object.keys(written).reduce((n, p) => n + commentLines(read(p)), 0);
        const keptComments = commentLines(fixed) + writtenComments((p) => written[p]) >= commentLines(text) + writtenComments((p) => host.readFile(p) ?? '');
        pass('comments', finding.ruleId === 'BH003' || keptComments, 'lost a comment line');
        const yamlFiles = Object.entries(written)
          .filter(([p]) => /\.ya?ml$/i.test(p))
          .map(([p, t]) => [host.readFile(p) ?? '', t]);
        const dupes = set.yaml ? [[text, fixed], ...yamlFiles].flatMap(([was, now]) => newErrors(yamlErrors, was, now)) : [];
        pass('unique-keys', dupes.length === 0, `YAML: ${dupes[0]}`);
        const schema = set.dir === 'compose' ? newErrors(composeErrors, text, fixed) : [];
        pass('schema', schema.length === 0, `Compose Specification: ${schema[0]}`);
        const lost = lostCredentials(text, fixed, Object.values(written), set.yaml ? credentials : dockerfileCredentials);
        pass('kept', lost.length === 0, `${lost.length} credential value(s) lost`);
        const placement = TEMPLATE_SETS.includes(set.dir) ? templatePlacement(fixed, addedLines(text.split('\n'), fixed.split('\n'))) : { inside: 0, fill: 0 };
        pass('template', placement.inside + placement.fill === 0, `template: ${placement.inside} line(s) inside a control block, ${placement.fill} before a fill line`);
        if (fix.fileEdits?.length) {
          // A fix of other files (a chart's values.yaml): fixed again as `scan --fix` does, those files included.
          const again = fixWithFiles({ ...input, path: file, text: fixed }, base, written, fix.applicability);
          const twice = fixWithFiles({ ...input, path: file, text: again.text }, base, again.written, fix.applicability);
          const same = twice.text === again.text && Object.keys(twice.written).every((p) => twice.written[p] === again.written[p]);
          pass('idempotent', same, 'fixing twice changes the file or the files it edits again');
        } else {
          const again = fixAll({ ...input, text: fixed, workspace: fixedHost }, config, [fix.applicability]);
          const twice = fixAll({ ...input, text: again.text, workspace: fixedHost }, config, [fix.applicability]);
          pass('idempotent', twice.text === again.text, 'fixing twice changes the file again');
        }
      }
    }
  }
  console.log(`rule   ${CHECKS.map((c) => c.padStart(11)).join('')}`);
  const totals = Object.fromEntries(CHECKS.map((c) => [c, 0])) as Record<Check, number>;
  let clean = 0;
  for (const [id, s] of [...stats].sort()) {
    console.log(`${id.padEnd(7)}${CHECKS.map((c) => String(s.counts[c]).padStart(11)).join('')}`);
    for (const p of s.problems) console.log(`        ${p}`);
    for (const c of CHECKS) totals[c] += s.counts[c];
    clean += Math.min(...CHECKS.map((c) => s.counts[c]));
  }
  console.log(`${'total'.padEnd(7)}${CHECKS.map((c) => String(totals[c]).padStart(11)).join('')}`);
  console.log(
    `\n${totals.applied} fixes applied; at least ${clean} passed every check; failures by check: ${CHECKS.slice(1)
      .map((c) => `${c} ${totals.applied - totals[c]}`)
      .join(', ')}`,
  );
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
  console.log(
    `\nharden to restricted: ${workloads} workloads, ${changed} changed; parses ${parses}, comments kept ${commentsKept}, idempotent ${idempotent}, pass restricted afterwards ${restrictedAfter} (the rest need a change no fix can make, e.g. a hostPath volume)`,
  );
  for (const p of problems) console.log(`        ${p}`);
}

/** Every file under `dir` (`.git` excluded) with its text. */
function snapshot(dir: string): Map<string, string> {
  return new Map(
    files(dir)
      .filter((f) => !f.includes(`${path.sep}.git${path.sep}`))
      .map((f) => [path.relative(dir, f), fs.readFileSync(f, 'utf8')]),
  );
}

const changedBetween = (a: Map<string, string>, b: Map<string, string>) => [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k));

/** `scan --fix --unsafe-fixes` three times over a copy of the YAML corpus, the copy made a Git repository. */
function cliThreeRuns(): void {
  if (!fs.existsSync(CLI)) return console.log(`\nCLI runs: ${CLI} not built (npm run build)`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-fixes-'));
  try {
    for (const set of sets().filter((s) => s.yaml && (!s.root || s.cliRuns))) fs.cpSync(set.root ?? path.join(CORPUS, set.dir), path.join(work, set.dir), { recursive: true });
    fs.mkdirSync(path.join(work, '.git'));
    fs.writeFileSync(path.join(work, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    const original = snapshot(work);
    const runs: Array<Map<string, string>> = [];
    for (let run = 1; run <= 3; run++) {
      const r = spawnSync(process.execPath, [CLI, 'scan', '.', '--fix', '--unsafe-fixes', '--format', 'json', '--fail-on', 'never'], { cwd: work, encoding: 'utf8', maxBuffer: 1 << 28 });
      if (r.status !== 0) console.log(`run ${run} exited ${r.status}: ${r.stderr.split('\n').slice(0, 3).join(' | ')}`);
      runs.push(snapshot(work));
    }
    const [first, second, third] = runs;
    const changed = changedBetween(original, first);
    const created = [...first.keys()].filter((k) => !original.has(k));
    const failures = { yaml: 0, compose: 0, lost: 0, inside: 0, fill: 0, unignored: 0 };
    const problems: string[] = [];
    const fail = (kind: keyof typeof failures, count: number, what: string) => {
      failures[kind] += count;
      if (count && problems.length < 10) problems.push(what);
    };
    for (const rel of changed.filter((k) => original.has(k) && /\.ya?ml$/i.test(k))) {
      const before = original.get(rel)!;
      const after = first.get(rel)!;
      const yaml = newErrors(yamlErrors, before, after);
      fail('yaml', yaml.length ? 1 : 0, `${rel}: ${yaml[0]}`);
      const compose = rel.startsWith('compose/') ? newErrors(composeErrors, before, after) : [];
      fail('compose', compose.length ? 1 : 0, `${rel}: ${compose[0]}`);
      const gone = lostCredentials(
        before,
        after,
        [...first].filter(([k]) => k !== rel).map(([, t]) => t),
      );
      fail('lost', gone.length, `${rel}: ${gone.length} credential value(s) lost`);
      if (!TEMPLATE_SETS.some((dir) => rel.startsWith(`${dir}/`))) continue;
      const placed = templatePlacement(after, addedLines(before.split('\n'), after.split('\n')));
      fail('inside', placed.inside, `${rel}: ${placed.inside} line(s) inside a control block`);
      fail('fill', placed.fill, `${rel}: ${placed.fill} line(s) before a fill line`);
    }
    for (const rel of created) {
      const yaml = /\.ya?ml$/i.test(rel) ? yamlErrors(first.get(rel)!) : [];
      fail('yaml', yaml.length ? 1 : 0, `${rel} (created): ${yaml[0]}`);
      fail('unignored', path.basename(rel) !== '.gitignore' && !ignoredByGit(work, path.join(work, rel)) ? 1 : 0, `${rel}: created but Git would commit it`);
    }
    console.log(`\nscan --fix --unsafe-fixes, three runs over a copy of the YAML corpus (a Git repository):`);
    console.log(`  run 1 changed ${changed.length - created.length} files and created ${created.length} (${created.filter((k) => path.basename(k) === '.gitignore').length} .gitignore)`);
    console.log(`  run 2 changed ${changedBetween(first, second).length} files, run 3 changed ${changedBetween(second, third).length}`);
    console.log(
      `  after run 1: ${failures.yaml} YAML files with new errors (duplicate keys included), ${failures.compose} Compose files less valid, ${failures.lost} credential values lost, ${failures.unignored} created files Git would commit, template lines ${failures.inside} inside a control block and ${failures.fill} before a fill line`,
    );
    for (const p of problems) console.log(`        ${p}`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function main(): void {
  if (!fs.existsSync(CORPUS)) return console.log(`fix safety: ${CORPUS} not found`);
  eachFixAlone();
  if (ruleFilter) return;
  hardenEveryWorkload();
  cliThreeRuns();
}

main();
