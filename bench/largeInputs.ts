// Inputs of about 2 MB (issue 9: "no input of up to 2 MB takes more than 1 second to analyze"), each
// analyzed in a fresh process as the CLI's scan analyzes one file (alone in a folder), under the CLI's V8
// settings (scripts/cliV8Flags.json): the first analysis (parse caches empty, code not yet optimized), a
// second one of a slightly different text (warm), and the CLI's `--fix` loop. The figure judged is the first
// analysis's CPU time, all threads (process.cpuUsage: the compiler's and the collector's threads count),
// which a loaded CI machine's wall clock follows; wall time is shown too. Also measured: the first analysis
// under the language server's V8 settings (scripts/serverV8Flags.json; its process lives on), and the whole CLI process
// (`scan` of the folder: start-up, reading and the report included).
// Every input is generated from in-repository material only (test/corpus), so a fresh clone measures the same.
// Usage: node out/bench/largeInputs.js [--quick] [--runs N] [case…]   (`npm run bench` runs it as section 9)
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { analyze, DEFAULT_CONFIG, fixAllWriting, type Finding } from '../server/src/engine/index';
import { NodeWorkspaceHost } from '../server/src/host/workspaceHost';
import { filesUnder, IN_REPO_CORPUS } from '../scripts/corpus';
import { LARGE_INPUT_BOUND_MS } from '../scripts/performanceTable';
import { cpuMsSince } from '../test/harness/cpuClock';
import CLI_V8_FLAGS from '../scripts/cliV8Flags.json';
import SERVER_V8_FLAGS from '../scripts/serverV8Flags.json';
import { CLI, wholeProcess } from './scaling';

/** Each input is grown to at least this many bytes… */
const TARGET_BYTES = 2_000_000;
/** …and stays at most this many: the engine's default `maxFileBytes`, past which it does not analyze a file. */
const MAX_BYTES = DEFAULT_CONFIG.maxFileBytes;

type FileName = 'Dockerfile' | 'compose.yaml' | 'manifest.yaml';

interface LargeInputCase {
  /** The file name the text is analyzed under: it decides the file kind, as on disk. */
  file: FileName;
  make(): string;
}

/** `header`, then `unit(0)`, `unit(1)`, … until the text reaches TARGET_BYTES. */
function grown(header: string, unit: (i: number) => string, footer = ''): string {
  const parts = [header];
  let length = header.length + footer.length;
  for (let i = 0; length < TARGET_BYTES; i++) {
    const part = unit(i);
    parts.push(part);
    length += part.length;
  }
  parts.push(footer);
  return parts.join('');
}

const read = (file: string) => fs.readFileSync(file, 'utf8');

/** The in-repository corpus files under `folder` (path order) whose name `keep` accepts. */
const corpusTexts = (folder: string, keep: (file: string) => boolean = () => true): string[] => filesUnder(path.join(IN_REPO_CORPUS, folder)).filter(keep).map(read);

/**
 * The corpus Kubernetes files as one stream, repeated to TARGET_BYTES, cut at the last document boundary within MAX_BYTES.
 * With `distinct`, each repetition suffixes every `name:` value: no two documents have the same text, so none
 * shares another's parse, as in a generated stream of many objects.
 */
function kubernetesStream(distinct: boolean): string {
  const SEPARATOR = '\n---\n';
  const once = corpusTexts('k8s', (f) => /\.ya?ml$/.test(f)).join(SEPARATOR);
  const repetition = (r: number) => (distinct ? once.replace(/^(\s*name: )["']?([^\s"']+)["']?$/gm, `$1$2-r${r}`) : once);
  const text = grown(repetition(0), (r) => SEPARATOR + repetition(r + 1));
  return text.length <= MAX_BYTES ? text : text.slice(0, text.lastIndexOf(SEPARATOR, MAX_BYTES - 1));
}

/** A service of the kinds real Compose files hold, with the risky settings some of them carry. */
function composeService(i: number): string {
  const lines = [
    `  svc-${i}:`,
    `    image: registry.example.com/team/app-${i}:1.${i % 10}.0`,
    `    container_name: app-${i}`,
    `    restart: unless-stopped`,
    `    environment:`,
    `      POSTGRES_PASSWORD: s3cret-${i}`,
    `      LOG_LEVEL: info`,
    `      UPSTREAM_URL: http://svc-${i + 1}:8080`,
    `    ports:`,
    `      - "${8000 + (i % 1000)}:8080"`,
    `    volumes:`,
    `      - ./data/${i}:/var/lib/app`,
    ...(i % 7 === 0 ? ['      - /var/run/docker.sock:/var/run/docker.sock'] : []),
    `    cap_add:`,
    `      - NET_ADMIN`,
    ...(i % 11 === 0 ? ['    privileged: true'] : []),
    ...(i % 3 === 0 ? ['    user: "1000:1000"', '    read_only: true'] : []),
    `    healthcheck:`,
    `      test: ["CMD", "curl", "-f", "http://localhost:8080/health"]`,
    `      interval: 30s`,
    `      timeout: 5s`,
    `      retries: 3`,
    `    networks: [backend]`,
    ...(i > 0 ? [`    depends_on: [svc-${i - 1}]`] : []),
  ];
  return `${lines.join('\n')}\n`;
}

/** Anchors every service merges (`<<:`), in groups of 50 services sharing one. */
function composeAnchors(group: number): string {
  return [
    `x-common-${group}: &common-${group}`,
    `  restart: unless-stopped`,
    `  cap_add: [NET_ADMIN, SYS_TIME]`,
    `  security_opt: [no-new-privileges:true]`,
    `  healthcheck:`,
    `    test: ["CMD", "wget", "-q", "-O-", "http://localhost/health"]`,
    `    interval: 30s`,
    `x-env-${group}: &env-${group}`,
    `  LOG_LEVEL: info`,
    `  DB_PASSWORD: hunter2-${group}`,
    `x-logging-${group}: &logging-${group}`,
    `  logging:`,
    `    driver: json-file`,
    `    options: {max-size: 10m, max-file: "3"}`,
    '',
  ].join('\n');
}

const MERGE_GROUP = 50;

function mergedService(i: number): string {
  const group = Math.floor(i / MERGE_GROUP);
  const lines = [
    `  svc-${i}:`,
    `    <<: [*common-${group}, *logging-${group}]`,
    `    image: registry.example.com/team/app-${i}:1.${i % 10}.0`,
    `    environment:`,
    `      <<: *env-${group}`,
    `      SERVICE_ID: "${i}"`,
    `    ports: ["${8000 + (i % 1000)}:8080"]`,
    ...(i % 9 === 0 ? ['    privileged: true', '    volumes: [/var/run/docker.sock:/var/run/docker.sock]'] : []),
  ];
  return `${lines.join('\n')}\n`;
}

/** Services that merge anchors: the anchors of all groups first (Compose wants them above their aliases), then the services. */
function composeMerge(): string {
  const services: string[] = [];
  let length = 'services:\n'.length;
  for (let i = 0; length < TARGET_BYTES; i++) {
    if (i % MERGE_GROUP === 0) length += composeAnchors(i / MERGE_GROUP).length;
    services.push(mergedService(i));
    length += services[i].length;
  }
  const groups = Math.ceil(services.length / MERGE_GROUP);
  return `${Array.from({ length: groups }, (_, g) => composeAnchors(g)).join('')}services:\n${services.join('')}`;
}

/** A map nested `depth` levels under `spec:`, a leaf at the bottom. */
function nested(i: number, depth = 50): string {
  const lines = Array.from({ length: depth }, (_, level) => `${'  '.repeat(level + 1)}n${i}-${level}:`);
  return `${lines.join('\n')} leaf-${i}\n`;
}

function anchoredEntries(i: number): string {
  return `  base-${i}: &b${i} {name: base-${i}, port: ${i % 65536}, tls: true}\n  copy-${i}: *b${i}\n  merged-${i}:\n    <<: *b${i}\n    port: ${(i + 1) % 65536}\n`;
}

function configMapFile(i: number): string {
  const body = Array.from({ length: 8 }, (_, line) => `    setting.${line} = value-${i}-${line}\n`).join('');
  return `  file-${i}.conf: |\n${body}`;
}

const CUSTOM_OBJECT = (name: string) => `apiVersion: example.com/v1\nkind: Settings\nmetadata:\n  name: ${name}\nspec:\n`;

export const LARGE_INPUT_CASES: Readonly<Record<string, LargeInputCase>> = {
  'dockerfile-realistic': {
    file: 'Dockerfile',
    make: () => {
      const files = corpusTexts('dockerfiles').map((t) => `${t.trimEnd()}\n`);
      return grown('', (i) => files[i % files.length]);
    },
  },
  'dockerfile-words': { file: 'Dockerfile', make: () => grown('FROM alpine\nRUN echo ', () => 'a ', '\n') },
  'dockerfile-continuations': { file: 'Dockerfile', make: () => grown('FROM alpine\nRUN a \\\n', () => '  b \\\n', '  c\n') },
  'dockerfile-heredocs': { file: 'Dockerfile', make: () => grown('FROM alpine\nRUN ', () => '<<E ', '\n') },
  'dockerfile-env': { file: 'Dockerfile', make: () => grown('FROM alpine\n', (i) => `ENV K${i}=v\n`) },
  'kubernetes-stream': { file: 'manifest.yaml', make: () => kubernetesStream(false) },
  'kubernetes-distinct': { file: 'manifest.yaml', make: () => kubernetesStream(true) },
  'kubernetes-configmap': { file: 'manifest.yaml', make: () => grown('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n', configMapFile) },
  'yaml-deep': { file: 'manifest.yaml', make: () => grown(CUSTOM_OBJECT('deep'), (i) => nested(i)) },
  'yaml-aliases': { file: 'manifest.yaml', make: () => grown(CUSTOM_OBJECT('aliases'), anchoredEntries) },
  'compose-services': { file: 'compose.yaml', make: () => grown('services:\n', composeService, 'networks:\n  backend: {}\n') },
  'compose-merge': { file: 'compose.yaml', make: composeMerge },
};

/** Wall and CPU milliseconds of one run. */
export interface Timing {
  wallMs: number;
  cpuMs: number;
}

/** What one fresh process measured of one case: the first analysis alone, or that and the rest. */
interface FirstRun {
  bytes: number;
  lines: number;
  findings: number;
  /** A hash of the findings (rule, position, message): equal before and after a change that must keep them. */
  findingsDigest: string;
  first: Timing;
}
interface ChildRun extends FirstRun {
  warm: Timing;
  fix: Timing & { applied: number };
}

/** A case's figures: medians over the fresh processes. */
export interface LargeInputResult extends Omit<ChildRun, 'first' | 'warm' | 'fix'> {
  name: string;
  file: FileName;
  processes: number;
  /** Under the CLI's V8 settings: the figure judged. */
  first: Timing;
  /** The first analysis under the language server's V8 settings (V8's defaults in records before 2026-12-07 17:00). */
  firstDefaults: Timing;
  /** `scan` of the folder holding the file, as one whole CLI process. */
  cli: Timing;
  warm: Timing;
  fix: Timing & { applied: number };
}

/** `run`'s value, with its wall and CPU time (until its promise settles, for one that returns a promise). */
async function timed<T>(run: () => T | Promise<T>): Promise<{ value: T } & Timing> {
  const cpu = process.cpuUsage();
  const wall = process.hrtime.bigint();
  const value = await run();
  return { value, wallMs: Number(process.hrtime.bigint() - wall) / 1e6, cpuMs: cpuMsSince(cpu) };
}

function digest(findings: Finding[]): string {
  const lines = findings.map((f) => `${f.ruleId} ${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character} ${f.message}`).sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16);
}

/**
 * In the child: the case's text built and written alone in a temporary folder, then analyzed as the CLI's
 * `scan` analyzes one file (`checkFile`: that folder as the workspace, the whole file, not incrementally).
 */
/** The case's text written alone in a new temporary folder, for `use`; the folder removed after. */
async function inFolderAlone<T>(name: string, use: (root: string, filePath: string, text: string) => T | Promise<T>): Promise<T> {
  const { file, make } = LARGE_INPUT_CASES[name];
  const text = make();
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-large-')));
  try {
    const filePath = path.join(root, file);
    fs.writeFileSync(filePath, text);
    return await use(root, filePath, text);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/**
 * In the child: the case analyzed as the CLI's `scan` analyzes one file (`checkFile`: its folder as the
 * workspace, the whole file, not incrementally); with `firstOnly`, nothing after the first analysis.
 */
function measureHere(name: string, firstOnly: boolean): Promise<FirstRun | ChildRun> {
  return inFolderAlone(name, async (root, filePath, text) => {
    const workspace = new NodeWorkspaceHost({ roots: [root], maxFileBytes: DEFAULT_CONFIG.maxFileBytes });
    const input = { uri: pathToFileURL(filePath).href, text, workspace, incremental: false };
    const first = await timed(() => analyze(input, DEFAULT_CONFIG));
    const { findings } = first.value;
    const timing = ({ wallMs, cpuMs }: Timing): Timing => ({ wallMs, cpuMs });
    const firstRun: FirstRun = { bytes: Buffer.byteLength(text), lines: text.split('\n').length, findings: findings.length, findingsDigest: digest(findings), first: timing(first) };
    if (firstOnly) return firstRun;
    // A comment added at the end: a new text for every cache keyed by text, in a process that has run once.
    const warm = await timed(() => analyze({ ...input, text: `${text}\n# edited\n` }, DEFAULT_CONFIG));
    // As `--fix` does (safe fixes, from the first analysis's findings), edits to other files dropped, nothing written.
    const fix = await timed(() => fixAllWriting(input, DEFAULT_CONFIG, ['safe'], () => Promise.resolve(true), findings));
    return { ...firstRun, warm: timing(warm), fix: { ...timing(fix), applied: fix.value.applied } };
  });
}

/** One fresh process measuring `name`: under the CLI's V8 settings, or with `server` the first analysis alone under the language server's. */
function runChild(name: string, server: boolean): FirstRun | ChildRun {
  const args = server ? [...SERVER_V8_FLAGS, __filename, '--child', name, '--first-only'] : [...CLI_V8_FLAGS, __filename, '--child', name];
  const out = execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 24 });
  return JSON.parse(out.trim().split('\n').pop()!) as FirstRun | ChildRun;
}

/** The whole CLI process scanning the case's folder, its report written to /dev/null. */
const cliRun = (name: string): Promise<Timing> =>
  inFolderAlone(name, (root) => {
    const { seconds, cpuSeconds } = wholeProcess(process.execPath, [CLI, 'scan', root, '--format', 'json', '--fail-on', 'never', '--output', '/dev/null']);
    return { wallMs: seconds * 1000, cpuMs: cpuSeconds * 1000 };
  });

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const medianTiming = (timings: Timing[]): Timing => ({ wallMs: median(timings.map((t) => t.wallMs)), cpuMs: median(timings.map((t) => t.cpuMs)) });

/**
 * Each case in `processes` fresh processes of each kind (the CLI's V8 settings, the language server's, the whole CLI),
 * the cases and kinds interleaved round by round (a busy spell of the machine spreads over all of them);
 * medians per case. Throws when two processes disagree on the findings.
 */
export async function largeInputs(processes: number, names: string[] = Object.keys(LARGE_INPUT_CASES)): Promise<LargeInputResult[]> {
  const runs = new Map(names.map((n) => [n, { cliSettings: [] as ChildRun[], server: [] as FirstRun[], cli: [] as Timing[] }]));
  for (let round = 0; round < processes; round++)
    for (const name of names) {
      const of = runs.get(name)!;
      of.cliSettings.push(runChild(name, false) as ChildRun);
      of.server.push(runChild(name, true));
      of.cli.push(await cliRun(name));
    }
  return names.map((name) => {
    const { cliSettings, server, cli } = runs.get(name)!;
    const [one] = cliSettings;
    const disagreeing = [...cliSettings, ...server].find((r) => r.findingsDigest !== one.findingsDigest);
    if (disagreeing) throw new Error(`${name}: two processes found different findings (${one.findingsDigest}, ${disagreeing.findingsDigest})`);
    return {
      name,
      file: LARGE_INPUT_CASES[name].file,
      processes,
      bytes: one.bytes,
      lines: one.lines,
      findings: one.findings,
      findingsDigest: one.findingsDigest,
      first: medianTiming(cliSettings.map((r) => r.first)),
      firstDefaults: medianTiming(server.map((r) => r.first)),
      cli: medianTiming(cli),
      warm: medianTiming(cliSettings.map((r) => r.warm)),
      fix: { ...medianTiming(cliSettings.map((r) => r.fix)), applied: one.fix.applied },
    };
  });
}

const ms = (t: Timing) => `${t.cpuMs.toFixed(0).padStart(5)} / ${t.wallMs.toFixed(0).padStart(5)}`;

export function printLargeInputs(results: LargeInputResult[]): void {
  console.log('   case                       bytes      findings  first CPU / wall   server settings   whole CLI         warm CPU / wall   --fix CPU / wall (applied)   digest');
  for (const r of results) {
    const over = r.first.cpuMs > LARGE_INPUT_BOUND_MS ? '  over 1 s CPU' : '';
    const figures = `${ms(r.first)} ms    ${ms(r.firstDefaults)} ms  ${ms(r.cli)} ms  ${ms(r.warm)} ms   ${ms(r.fix)} ms (${r.fix.applied})`;
    console.log(`   ${r.name.padEnd(26)} ${String(r.bytes).padEnd(10)} ${String(r.findings).padStart(8)}  ${figures}`.padEnd(156) + `${r.findingsDigest}${over}`);
  }
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { child: { type: 'string' }, 'first-only': { type: 'boolean' }, quick: { type: 'boolean' }, runs: { type: 'string' } },
    allowPositionals: true,
  });
  if (values.child) {
    process.stdout.write(`${JSON.stringify(await measureHere(values.child, values['first-only'] === true))}\n`);
    return;
  }
  const unknown = positionals.filter((n) => !(n in LARGE_INPUT_CASES));
  if (unknown.length) throw new Error(`unknown case(s): ${unknown.join(', ')}; known: ${Object.keys(LARGE_INPUT_CASES).join(', ')}`);
  const processes = Number(values.runs ?? (values.quick ? 3 : 5));
  console.log(`Inputs of about 2 MB, each in ${processes} fresh processes (medians; load average ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} cores)`);
  printLargeInputs(await largeInputs(processes, positionals.length ? positionals : undefined));
}

if (require.main === module)
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
