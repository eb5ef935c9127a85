// Benchmarks on a corpus (../shared/corpus, else test/corpus: see chooseCorpus), all figures from one
// run on one machine, each against the peer a user would run beside Bulkhead, reported as ratios:
//  1. analysis time over bare parse time, per file kind;
//  2. edit-to-diagnostics latency through the real servers, a workspace folder open, for a 1,500-line
//     Dockerfile, a 5,000-line manifest and a 300-line Compose file assembled from the corpus, interleaved
//     with docker-langserver and yaml-language-server, Bulkhead at default settings and at debounce 0;
//     with the diagnostics bytes a keystroke sends and each server's memory after the edits;
//  3. server start-up to the `initialize` result, Bulkhead and both peers;
//  4. the corpus Dockerfiles: Bulkhead against dockerfilelint and dockerfile-utils, in-process and as
//     whole processes;
//  5. CLI scan scaling by workspace size (time, peak RSS, CPU, time per file), one thread and every core;
//  6. 50 ValidatingAdmissionPolicies over the 5,000-line manifest: the time they add over one full parse;
//  7. a Helm chart template analyzed with its values over the same file without them;
//  8. a keystroke in one document of a 280-document stream of corpus manifests, in-process;
//  9. inputs of about 2 MB (largeInputs.ts), each in fresh processes: the first analysis's CPU and wall time.
// Writes bench/results/latest.json, from which `npm run gen` renders the README's performance table.
// --quick: fewer runs, edits and sizes, for a check in a few minutes.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import { parseAllDocuments } from 'yaml';
import { analyze, memoryHost } from '../server/src/engine/index';
import * as os from 'node:os';
import { chooseCorpus, filesUnder } from '../scripts/corpus';
import { BULKHEAD, DOCKERFILE_PEER, interleavedEditLatency, startUpTimes, YAML_PEER, type EditLatency } from './editors';
import { cliScan, dockerfileCorpusProcesses } from './scaling';
import { benchWorkspace, corpusCompose, corpusDockerfile, corpusManifest } from './workloads';
import { cpuMsOf } from '../test/harness/cpuClock';
import { largeInputs, printLargeInputs } from './largeInputs';
import { LARGE_INPUT_BOUND_MS } from '../scripts/performanceTable';
import { CHART_ROOT, chartFiles, DEPLOYMENT, TEMPLATE_PATH } from '../test/harness/helmChart';

const REPO = path.resolve(__dirname, '..', '..');
/** `--corpus DIR` or $BENCH_CORPUS, else the shared corpus beside the checkout, else test/corpus. */
const CORPUS = chooseCorpus();
const QUICK = process.argv.includes('--quick');
const RUNS = Number(process.env.BENCH_RUNS ?? (QUICK ? 3 : 7));
const EDITS = QUICK ? 10 : 30;
/** Edits typed after the timed ones in the editors' rows, timed apart: steady typing, once the servers are warm. */
const WARM_EDITS = QUICK ? 0 : 60;
const SCALE_SIZES = QUICK ? [1_000, 2_000] : [1_000, 2_500, 5_000, 10_000, 20_000];
const SPAWNS = QUICK ? 3 : 9;

interface CorpusFile {
  path: string;
  text: string;
}

function readTree(dir: string): CorpusFile[] {
  const out: CorpusFile[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...readTree(p));
    else out.push({ path: p, text: fs.readFileSync(p, 'utf8') });
  }
  return out;
}

/** Median wall time in ms of `fn` over RUNS runs, after one warm-up. */
function time(fn: () => void): number {
  fn();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = process.hrtime.bigint();
    fn();
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return percentile(samples, 50);
}

/**
 * Least CPU time in ms of `fn` over RUNS runs, after one warm-up: a ratio of two small in-process
 * costs, steady on a machine other processes load (wall time there measures the others too).
 */
function leastCpuMs(fn: () => void): number {
  fn();
  let least = Infinity;
  for (let i = 0; i < RUNS; i++) least = Math.min(least, cpuMsOf(fn));
  return least;
}

function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
const times = (ratio: number) => `${ratio.toFixed(2)}×`;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/** Bare parse = the parser's own work up to a usable tree (dockerfile-ast builds instructions lazily). */
function parseVsAnalyze() {
  const kinds = [
    { kind: 'dockerfile', files: readTree(path.join(CORPUS, 'dockerfiles')), parse: (t: string) => DockerfileParser.parse(t).getInstructions(), languageId: 'dockerfile', uri: 'Dockerfile' },
    { kind: 'compose', files: readTree(path.join(CORPUS, 'compose')), parse: (t: string) => parseAllDocuments(t), languageId: 'dockercompose', uri: 'compose.yaml' },
    { kind: 'kubernetes', files: readTree(path.join(CORPUS, 'k8s')), parse: (t: string) => parseAllDocuments(t), languageId: 'yaml', uri: 'manifest.yaml' },
  ];
  return kinds.map(({ kind, files, parse, languageId, uri }) => {
    const lines = files.reduce((n, f) => n + f.text.split('\n').length, 0);
    // Least CPU time of each: a ratio of two in-process costs, which wall medians let other processes and
    // the collector sway (one idle run read 0.75×, the parse alone taking 1.8× its usual time).
    const parseMs = leastCpuMs(() => {
      for (const f of files) parse(f.text);
    });
    let salt = 0;
    const analyzeMs = leastCpuMs(() => {
      salt++;
      for (const f of files) analyze({ uri, languageId, text: cold(f.text, salt) });
    });
    return { kind, files: files.length, lines, parseMs, analyzeMs, ratio: analyzeMs / parseMs };
  });
}

/** A comment in every YAML document makes each run's text new, so the per-document parse cache never hits. */
function cold(text: string, salt: number): string {
  return `# ${salt}\n${text.replace(/\n---/g, `\n---\n# ${salt}`)}`;
}

function syntheticManifest(lines: number): string {
  const doc = (i: number) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${i}\nspec:\n  template:\n    spec:\n      securityContext:\n        runAsNonRoot: true\n      containers:\n        - name: app\n          image: registry.example.com/app:${i}.0.0\n          securityContext:\n            allowPrivilegeEscalation: false\n            capabilities:\n              drop: ["ALL"]\n          ports:\n            - containerPort: 8080\n`;
  const docs: string[] = [];
  let n = 0;
  for (let i = 0; n < lines; i++) {
    const d = doc(i);
    docs.push(d);
    n += d.split('\n').length;
  }
  return docs.join('---\n');
}

/**
 * A keystroke in one document of a stream of 280 real documents, in-process: what analysis costs per
 * edit once the other documents' parses are cached (median and p95 over EDITS edits).
 */
function documentEdit(count = 280) {
  const uri = 'file:///bench/stream.yaml';
  const lines = corpusManifest(CORPUS, { count }).text.split('\n');
  const at = Math.floor(lines.length / 2);
  analyze({ uri, text: lines.join('\n') });
  const samples: number[] = [];
  for (let v = 0; v < EDITS * 2; v++) {
    lines[at] = `${lines[at].replace(/ #\d+$/, '')} #${v}`;
    const text = lines.join('\n');
    const t = process.hrtime.bigint();
    analyze({ uri, text });
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return { documents: count, lines: lines.length, median: percentile(samples, 50), p95: percentile(samples, 95) };
}

/** 50 policies on Deployments, each a different validation of the kinds seen in the wild. */
function admissionPolicies(count = 50): string {
  const validations = [
    "object.spec.template.spec.containers.all(c, c.image.startsWith('registry.example.com/'))",
    '!has(object.spec.replicas) || object.spec.replicas <= 10',
    'object.spec.template.spec.containers.all(c, has(c.securityContext) && c.securityContext.allowPrivilegeEscalation == false)',
    "object.metadata.name.matches('^[a-z0-9-]+$')",
    'object.spec.template.spec.containers.all(c, !has(c.ports) || c.ports.all(p, p.containerPort > 1024))',
  ];
  return Array.from(
    { length: count },
    (_, i) =>
      `apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\nmetadata:\n  name: p${i}\nspec:\n  matchConstraints:\n    resourceRules:\n      - {apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: [deployments]}\n  validations:\n    - expression: "${validations[i % validations.length]} || ${i} < 0"\n---\napiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicyBinding\nmetadata:\n  name: b${i}\nspec:\n  policyName: p${i}\n  validationActions: [Deny]\n`,
  ).join('---\n');
}

/** What evaluating 50 policies adds to the analysis of a 5,000-line manifest, over one full parse of it (CPU times). */
function admissionCost() {
  const manifest = syntheticManifest(5000);
  const analyzeIn = (files: Record<string, string>) => () => analyze({ uri: 'file:///ws/app.yaml', text: manifest, workspace: memoryHost({ ...files, '/ws/app.yaml': manifest }, '/ws') });
  const parseMs = leastCpuMs(() => parseAllDocuments(manifest));
  const withoutMs = leastCpuMs(analyzeIn({}));
  const withMs = leastCpuMs(analyzeIn({ '/ws/policies.yaml': admissionPolicies() }));
  return { policies: 50, lines: manifest.split('\n').length, parseMs, withoutMs, withMs, addedOverParse: (withMs - withoutMs) / parseMs };
}

/**
 * A Helm chart with the template open beside its values: a value changed in values.yaml (a container's
 * runAsUser) timed to the template's next publication, and the template's own edit for comparison.
 */
async function valuesEditLatency(): Promise<{ values: EditLatency[]; template: EditLatency[] }> {
  const chart = path.join(REPO, 'test', 'fixtures', 'helm-charts', 'debug');
  const line = fs
    .readFileSync(path.join(chart, 'values.yaml'), 'utf8')
    .split('\n')
    .findIndex((l) => /^\s+runAsUser: \d+/.test(l));
  const values = await interleavedEditLatency(BULKHEAD, chart, 'values.yaml', 'yaml', EDITS, { line, watch: TEMPLATE_IN_CHART });
  const template = await interleavedEditLatency(BULKHEAD, chart, TEMPLATE_IN_CHART, 'yaml', EDITS);
  return { values, template };
}
const TEMPLATE_IN_CHART = 'templates/deployment.yaml';

/**
 * A chart template judged with its values (rendered, findings mapped back) against the same file judged
 * as written (the same workspace without Chart.yaml): 50 `helm create` Deployments in one template.
 */
function helmValuesCost() {
  const template = Array.from({ length: 50 }, () => DEPLOYMENT).join('---\n');
  const files = chartFiles({ 'templates/deployment.yaml': template });
  // A new text each run, as a keystroke gives: caches of the unchanged text (parses, per-document findings) serve neither side.
  let salt = 0;
  const analyzeIn = (host: Record<string, string>) => () => analyze({ uri: TEMPLATE_PATH, text: cold(template, ++salt), workspace: memoryHost(host, CHART_ROOT) });
  // CPU time of interleaved pairs, the median of each side and of the pairs' ratios: the least of a few runs
  // read 1.41×, 1.75× and 2.55× in three idle runs (the side without values took 8.9–24.8 ms), as a collection
  // lands in one side's runs and not the other's.
  const without = analyzeIn(Object.fromEntries(Object.entries(files).filter(([p]) => !p.endsWith('/Chart.yaml'))));
  const withValues = analyzeIn(files);
  without();
  withValues();
  const pairs = Array.from({ length: RUNS * 3 }, () => [cpuMsOf(without), cpuMsOf(withValues)]);
  const withoutMs = percentile(
    pairs.map(([a]) => a),
    50,
  );
  const withMs = percentile(
    pairs.map(([, b]) => b),
    50,
  );
  return {
    lines: template.split('\n').length,
    withoutMs,
    withMs,
    ratio: percentile(
      pairs.map(([a, b]) => b / a),
      50,
    ),
  };
}

/** Each contender's figures, then each peer's over Bulkhead's (above 1: Bulkhead is faster). */
function printLatencies(title: string, rows: EditLatency[]): void {
  console.log(`   ${title}`);
  for (const r of rows)
    console.log(
      `     ${r.name.padEnd(36)} median ${fmt(r.median).padEnd(10)} p95 ${fmt(r.p95).padEnd(10)} ${kib(r.payloadBytes).padEnd(10)} per keystroke · RSS after ${r.rssMb ?? '?'} MB (peak ${r.peakRssMb ?? '?'} MB)`,
    );
  const peer = rows[rows.length - 1];
  for (const r of rows.slice(0, -1)) console.log(`     ${peer.name} / ${r.name}: median ${times(peer.median / r.median)}`);
  if (peer.warmMedian === undefined) return;
  console.log(`     then ${WARM_EDITS} more edits, warm: ${rows.map((r) => `${r.name} ${fmt(r.warmMedian!)}`).join(' · ')}`);
  for (const r of rows.slice(0, -1)) console.log(`     ${peer.name} / ${r.name}, warm: median ${times(peer.warmMedian / r.warmMedian!)}`);
}

function peerComparison() {
  const files = readTree(path.join(CORPUS, 'dockerfiles'));
  // Plain require: the peers are benchmark-only devDependencies without types.
  const dockerfilelint = require('dockerfilelint') as { run(configPath: string, content: string): unknown[] };
  const dockerfileUtils = require('dockerfile-utils') as { validate(content: string, settings?: object): unknown[] };
  let salt = 0;
  const ours = time(() => {
    salt++;
    for (const f of files) analyze({ uri: 'Dockerfile', languageId: 'dockerfile', text: cold(f.text, salt) });
  });
  // dockerfilelint throws on some real files (e.g. HEALTHCHECK NONE); those count as work done.
  let lintCrashes = 0;
  const lint = time(() => {
    lintCrashes = 0;
    for (const f of files) {
      try {
        dockerfilelint.run(REPO, f.text);
      } catch {
        lintCrashes++;
      }
    }
  });
  const utils = time(() => {
    for (const f of files) dockerfileUtils.validate(f.text);
  });
  return { files: files.length, ours, dockerfilelint: lint, dockerfilelintCrashes: lintCrashes, dockerfileUtils: utils, oursOverDockerfilelint: ours / lint, oursOverDockerfileUtils: ours / utils };
}

/** The files typed into, each with the language server a user would run beside Bulkhead for it. */
function editedFiles() {
  const manifest = corpusManifest(CORPUS, { lines: 5000 });
  const compose = corpusCompose(CORPUS, 300);
  const describe = (text: string, what: string) => `${what}, ${text.split('\n').length} lines`;
  const dockerfile = corpusDockerfile(CORPUS, 1500);
  return {
    dockerfile1500: { file: 'service/Dockerfile', text: dockerfile, languageId: 'dockerfile', peer: DOCKERFILE_PEER, title: describe(dockerfile, 'Dockerfile') },
    manifest5000: { file: 'deploy/bundle.yaml', text: manifest.text, languageId: 'yaml', peer: YAML_PEER, title: describe(manifest.text, `manifest of ${manifest.documents} documents`) },
    compose300: { file: 'compose.yaml', text: compose.text, languageId: 'dockercompose', peer: YAML_PEER, title: describe(compose.text, `Compose file (${compose.file})`) },
  };
}

async function main(): Promise<void> {
  if (!fs.existsSync(CORPUS)) {
    console.log(`bench: ${CORPUS} not found; nothing to measure`);
    return;
  }
  // The load average says how busy the machine was: figures from a shared machine are marked as such.
  const results: Record<string, unknown> = { date: new Date().toISOString(), node: process.version, cores: os.availableParallelism(), quick: QUICK, runs: RUNS, loadBefore: os.loadavg()[0] };
  console.log(`Bulkhead benchmarks (median of ${RUNS} runs after a warm-up)\n`);
  const kinds = parseVsAnalyze();
  results.parseVsAnalyze = kinds;
  console.log('1. Analysis CPU time over bare parse CPU time, whole corpus per kind (least of the runs)');
  console.log('   kind        files   lines    parse       analyze     analyze/parse');
  for (const k of kinds)
    console.log(`   ${k.kind.padEnd(11)} ${String(k.files).padStart(5)} ${String(k.lines).padStart(7)}   ${fmt(k.parseMs).padEnd(11)} ${fmt(k.analyzeMs).padEnd(11)} ${times(k.ratio)}`);

  const edited = editedFiles();
  const root = benchWorkspace(CORPUS, Object.fromEntries(Object.values(edited).map((f) => [f.file, f.text])));
  try {
    const editLatency: Record<string, EditLatency[]> = {};
    console.log(`\n2. Edit-to-diagnostics latency through the real servers (stdio, a workspace folder open, ${EDITS} one-line edits, interleaved)`);
    for (const [key, { file, languageId, title, peer }] of Object.entries(edited)) {
      editLatency[key] = await interleavedEditLatency([...BULKHEAD, peer], root, file, languageId, EDITS, { warmEdits: WARM_EDITS });
      printLatencies(title, editLatency[key]);
    }
    results.editLatency = editLatency;
    const helmEdit = await valuesEditLatency();
    results.helmValuesEdit = helmEdit;
    console.log(`   Helm chart (test/fixtures/helm-charts/debug): values.yaml edited, the open template's diagnostics`);
    for (const [i, v] of helmEdit.values.entries())
      console.log(
        `     ${v.name.padEnd(36)} median ${fmt(v.median).padEnd(10)} p95 ${fmt(v.p95).padEnd(10)} · the template's own edit ${fmt(helmEdit.template[i].median)} · ${times(v.median / helmEdit.template[i].median)}`,
      );
    const first = { file: edited.dockerfile1500.file, languageId: 'dockerfile', contenders: [BULKHEAD[0], DOCKERFILE_PEER] };
    const startUp = await startUpTimes([BULKHEAD[0], DOCKERFILE_PEER, YAML_PEER], root, SPAWNS, first);
    results.startUp = startUp;
    console.log(
      `\n3. Server start-up to the initialize result (median of ${SPAWNS} interleaved spawns, the same workspace folder), then to the first diagnostics of ${edited.dockerfile1500.title} opened at once`,
    );
    for (const s of startUp) {
      const ratio = s === startUp[0] ? '' : `${s.name}/bulkhead ${times(s.median / startUp[0].median)}`;
      const diagnostics = s.firstDiagnostics ? `first diagnostics ${fmt(s.firstDiagnostics.afterInitialize)} after the result, ${fmt(s.firstDiagnostics.afterSpawn)} after the spawn` : '';
      console.log(`   ${s.name.padEnd(36)} ${fmt(s.median).padEnd(10)} ${ratio.padEnd(40)} ${diagnostics}`);
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }

  const peers = peerComparison();
  results.peers = peers;
  console.log(`\n4. The corpus Dockerfiles (${peers.files} files)`);
  console.log(
    `   in-process: bulkhead ${fmt(peers.ours)} · dockerfilelint ${fmt(peers.dockerfilelint)} (threw on ${peers.dockerfilelintCrashes} files) · dockerfile-utils ${fmt(peers.dockerfileUtils)}`,
  );
  console.log(`   bulkhead/dockerfilelint ${times(peers.oursOverDockerfilelint)} · bulkhead/dockerfile-utils ${times(peers.oursOverDockerfileUtils)}`);
  const processes = dockerfileCorpusProcesses(filesUnder(path.join(CORPUS, 'dockerfiles')), QUICK ? 1 : 3);
  results.dockerfileProcesses = processes;
  console.log(`   whole processes: ${processes.map((p) => `${p.name} ${p.seconds.toFixed(2)} s (CPU ${p.cpuSeconds.toFixed(2)} s)`).join(' · ')}`);
  console.log(
    `   ${processes
      .slice(1)
      .map((p) => `bulkhead/${p.name} ${times(processes[0].seconds / p.seconds)}`)
      .join(' · ')}`,
  );

  const jobs = os.availableParallelism();
  const scaling = SCALE_SIZES.flatMap((n) => [cliScan(n, 1), ...(jobs > 1 ? [cliScan(n, jobs)] : [])]);
  results.scaling = scaling;
  console.log('\n5. CLI scan of generated workspaces (whole process)');
  console.log('   files   jobs   time       per file    peak RSS   CPU     CPU time   CPU per file');
  for (const r of scaling)
    console.log(
      `   ${String(r.files).padStart(6)}  ${String(r.jobs).padStart(4)}   ${`${r.seconds.toFixed(2)} s`.padEnd(10)} ${`${r.msPerFile.toFixed(2)} ms`.padEnd(11)} ${`${r.peakRssMb} MB`.padEnd(10)} ${`${r.cpuPercent}%`.padEnd(7)} ${`${r.cpuSeconds.toFixed(2)} s`.padEnd(10)} ${r.cpuMsPerFile.toFixed(2)} ms`,
    );
  const admission = admissionCost();
  results.admission = admission;
  console.log(`\n6. ${admission.policies} ValidatingAdmissionPolicies over a ${admission.lines}-line manifest`);
  console.log(`   CPU: parse ${fmt(admission.parseMs)} · analyze ${fmt(admission.withoutMs)} → ${fmt(admission.withMs)} with the policies · added/parse ${times(admission.addedOverParse)}`);
  const helm = helmValuesCost();
  results.helmValues = helm;
  console.log(`\n7. A ${helm.lines}-line Helm chart template with its values over the same file without them`);
  console.log(`   without ${fmt(helm.withoutMs)} · with values ${fmt(helm.withMs)} · with/without ${times(helm.ratio)} (target ≤ 2×)`);
  const edit = documentEdit();
  results.documentEdit = edit;
  console.log(`\n8. A keystroke in one document of ${edit.documents} corpus documents (${edit.lines} lines), in-process`);
  console.log(`   median ${fmt(edit.median)} · p95 ${fmt(edit.p95)}`);
  const large = await largeInputs(QUICK ? 3 : 5);
  results.largeInputs = large;
  console.log(`\n9. Inputs of about 2 MB, each in fresh processes: the first analysis (target ≤ ${LARGE_INPUT_BOUND_MS} ms CPU), a second one, --fix (CPU / wall, medians)`);
  printLargeInputs(large);
  results.loadAfter = os.loadavg()[0];
  const outDir = path.join(REPO, 'bench', 'results');
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'latest.json'), JSON.stringify(results, null, 2) + '\n');
  console.log(`\nwritten to bench/results/latest.json`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
