// `bulkhead scan [paths…]`: the engine on the command line, for CI pipelines.
import { today } from '../host/clock';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import * as os from 'node:os';
import { ALL_METAS, findMeta, mergeConfig, renderRulePage, ruleMetas, type Applicability, type Severity, type SeveritySetting } from '../engine/index';
import { loadConfigFile, loadWorkspaceConfig, walkWorkspace, type WorkspaceConfig } from '../host/workspace';
import { NodeWorkspaceHost } from '../host/workspaceHost';
import { checkFile, type FileOutcome } from './checkFile';
import { AnalysisPool, runsAsPoolWorker } from './pool';
import { parseShard, inShard, type Shard } from './shard';
import { version } from '../../../package.json';
import { SEVERITY_RANK, type ReportWriter, type ScanEnd } from './report';
import { textWriter } from './format/text';
import { jsonWriter } from './format/json';
import { sarifWriter } from './format/sarif';
import { WalkOrder } from './walkOrder';
import { escapeControlChars } from './format/escape';
import { readBaseline, serializeBaseline, type BaselineEntry } from '../host/baseline';
import { ConfigLookup } from './configLookup';

const USAGE = `Usage:
  bulkhead scan [paths…] [options]   analyze Dockerfiles, Compose files and Kubernetes manifests
  bulkhead rules                     list the rules
  bulkhead docs <ID>                 print a rule's documentation

Options for scan:
  --format text|json|sarif   output format (default: text)
  --output <file>            write the report to a file instead of stdout
  --fix                      apply safe fixes in place, then report what remains
  --unsafe-fixes             with --fix, also apply the fixes marked review (each may stop something the
                             workload relied on: its rule page says what; review the diff)
  --fail-on <level>          error | warning | info | never (default: warning)
  --config <file>            a .bulkhead.yaml/.json for every file (default: for each file the nearest
                             one in its directory or above it inside the workspace, else the one in
                             the current directory, else in the first scanned directory that has one)
  --rule <ID=severity>       override a rule: off | info | warning | error (repeatable)
  --baseline-write <file>    record every finding of this scan in <file> (exit 0): adopt Bulkhead on
                             an existing repository, then fix the recorded findings over time
  --baseline <file>          report only findings not recorded in <file>; they are matched by rule,
                             object and line content, not by line number, so edits around them keep them
  --exclude <glob>           skip matching paths, relative to each scanned directory (repeatable)
  --root <dir>               the workspace: nothing outside it is read or written, and no symbolic link
                             out of it is followed (default: the scanned directories; a file stands for
                             its directory). A reference that leads outside is reported as BH006.
  --no-color                 plain text output (also when NO_COLOR is set)
  --quiet                    print only findings at or above --fail-on
  --jobs <n>                 analyze on n threads (default: one per core once a scan passes 64 files;
                             --fix runs on one)
  --shard <i>/<n>            scan only the i-th of n shards of the files, chosen by path (for splitting a
                             scan across CI jobs; each shard's report covers its files only)
  --version, --help
Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage or I/O error.`;

/** Bad command line: exit 2 with the usage text. */
class UsageError extends Error {}

const FORMATS = ['text', 'json', 'sarif'] as const;
const FAIL_ON = ['error', 'warning', 'info', 'never'] as const;
type FailOn = (typeof FAIL_ON)[number];

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  /** stdout is a terminal that accepts ANSI colours (a TTY, and NO_COLOR unset). */
  colors: boolean;
}

/** Runs one command line; resolves to the exit code (never throws). */
export async function main(argv: string[], io: Io): Promise<number> {
  try {
    return await run(argv, io);
  } catch (e) {
    io.err(e instanceof UsageError ? `bulkhead: ${e.message}\n\n${USAGE}\n` : `bulkhead: ${(e as Error).message}\n`);
    return 2;
  }
}

function parseCommandLine(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', default: 'text' },
        output: { type: 'string' },
        fix: { type: 'boolean', default: false },
        'unsafe-fixes': { type: 'boolean', default: false },
        'fail-on': { type: 'string', default: 'warning' },
        config: { type: 'string' },
        root: { type: 'string' },
        baseline: { type: 'string' },
        'baseline-write': { type: 'string' },
        rule: { type: 'string', multiple: true, default: [] },
        exclude: { type: 'string', multiple: true, default: [] },
        'no-color': { type: 'boolean', default: false },
        quiet: { type: 'boolean', default: false },
        jobs: { type: 'string' },
        shard: { type: 'string' },
        version: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

type Options = ReturnType<typeof parseCommandLine>['values'];

async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandLine(argv);
  if (values.help) return (io.out(USAGE + '\n'), 0);
  if (values.version) return (io.out(`${version}\n`), 0);
  const [command = 'scan', ...rest] = positionals;
  switch (command) {
    case 'rules':
      for (const m of ALL_METAS) io.out(`${m.id.padEnd(6)}  ${(m.enabledByDefault === false ? 'off' : m.severity).padEnd(7)}  ${(m.fix?.applicability ?? '').padEnd(12)}  ${m.title}\n`);
      return 0;
    case 'docs': {
      const meta = rest[0] ? findMeta(rest[0]) : undefined;
      if (!meta) throw new UsageError(rest[0] ? `unknown rule "${rest[0]}"` : 'docs needs a rule id');
      io.out(renderRulePage(meta, ALL_METAS));
      return 0;
    }
    case 'scan':
      return scan(rest.length ? rest : ['.'], values, io);
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

/** The date end-of-life rules judge images against; a BULKHEAD_TODAY that is no date is a usage error. */
function scanDate(): string {
  const { date, invalid } = today();
  if (invalid) throw new UsageError('BULKHEAD_TODAY must be a date, YYYY-MM-DD');
  return date;
}

async function scan(roots: string[], values: Options, io: Io): Promise<number> {
  const format = values.format as (typeof FORMATS)[number];
  const failOn = values['fail-on'] as FailOn;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be ${FORMATS.join(', ')}`);
  if (!FAIL_ON.includes(failOn)) throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')}`);
  if (values['unsafe-fixes'] && !values.fix) throw new UsageError('--unsafe-fixes needs --fix');
  if (values.baseline !== undefined && values['baseline-write'] !== undefined) throw new UsageError('--baseline and --baseline-write exclude each other');
  const inBaseline = values.baseline === undefined ? undefined : await readBaseline(values.baseline);
  const recorded: BaselineEntry[] = [];
  const fingerprinted = format === 'sarif' || values.baseline !== undefined || values['baseline-write'] !== undefined;
  let baselined = 0;
  const fallbackConfig = await findConfig(values.config, roots);
  const overrides = { rules: ruleOverrides(values.rule ?? []), today: scanDate() };
  const config = mergeConfig(fallbackConfig.config, overrides);
  const allowed: Applicability[] = values['unsafe-fixes'] ? ['safe', 'unsafe'] : ['safe'];

  const jobs = values.fix ? 1 : jobCount(values.jobs);
  const shard = values.shard === undefined ? undefined : shardOption(values.shard);

  const cwd = process.cwd();
  const errors: ScanEnd['errors'] = [];
  /** The configs files were checked under: their organisation rules are described in the report like built-in ones. */
  const usedConfigs = new Set([config]);
  let metas = ruleMetas(config);
  let read = 0;
  let failed = false;
  const failing = (s: Severity) => failOn !== 'never' && SEVERITY_RANK[s] >= SEVERITY_RANK[failOn];
  const workspace = workspaceRoots(roots, values.root);
  const host = new NodeWorkspaceHost({ roots: workspace, maxFileBytes: config.maxFileBytes });
  const contains = (file: string) => host.contains(file);
  // Without --config, each file gets the nearest .bulkhead.* above it (monorepos, several folders).
  const configs = values.config === undefined ? new ConfigLookup(contains, fallbackConfig, overrides, (file) => host.directories.known(file) === null) : undefined;
  // Workers cost a start-up each: by default a scan moves to them only once it proves large.
  const poolFrom = values.jobs === undefined ? POOL_AFTER_FILES : 0;
  let pool: AnalysisPool | undefined;
  let walked = 0;
  const writer: ReportWriter = format === 'json' ? jsonWriter(version, () => metas) : format === 'sarif' ? sarifWriter() : textWriter(io.colors && !values['no-color'] && !values.output);
  const output = reportOutput(values.output, io);
  output.write(writer.start());
  /** A file's outcome, once it and every file walked before it are done: into the report at once. */
  const release = ({ path: filePath, file, explicit }: WalkedFile, done: FileOutcome): void => {
    if ('skipped' in done) {
      errors.push({ file, message: `skipped: ${done.skipped}` });
      return;
    }
    read++;
    if (!done.reportable) {
      if (explicit) errors.push({ file, message: 'skipped: not a Dockerfile, Compose file or Kubernetes manifest' });
      return;
    }
    for (const message of done.errors) errors.push({ file, message });
    // Fingerprinted whenever a baseline or the format needs them (and only then looked up by finding).
    const { findings, fingerprints: prints } = done;
    if (values['baseline-write'] !== undefined) findings.forEach((f, i) => recorded.push({ file: filePath, rule: f.ruleId, fingerprint: prints![i] }));
    const fingerprintOf = prints && new Map(findings.map((f, i) => [f, prints[i]]));
    const fresh = inBaseline ? findings.filter((_, i) => !inBaseline(filePath, prints![i])) : findings;
    baselined += findings.length - fresh.length;
    if (fresh.some((x) => failing(x.severity))) failed = true;
    output.write(writer.file({ file, findings: values.quiet ? fresh.filter((x) => failing(x.severity)) : fresh, fingerprints: fingerprintOf }));
  };
  const inWalkOrder = new WalkOrder(release);
  try {
    // A root that is missing is reported like any unreadable input, and the others are still scanned.
    for await (const entry of walkWorkspace(roots, { exclude: values.exclude ?? [], maxFileBytes: config.maxFileBytes, contains, readdir: (dir) => host.directories.read(dir) })) {
      const walkedFile = { path: entry.path, file: displayPath(entry.path, cwd), explicit: !!entry.explicit };
      if (shard && !inShard(walkedFile.file, shard)) continue;
      if (entry.skipped) inWalkOrder.push(walkedFile, { skipped: entry.skipped });
      else {
        const fileConfig = configs ? await configs.forFile(entry.path) : undefined;
        if (fileConfig && !usedConfigs.has(fileConfig)) {
          usedConfigs.add(fileConfig);
          metas = new Map([...usedConfigs].flatMap((c) => [...ruleMetas(c)]));
        }
        // The main thread is one of the --jobs threads: it analyzes whatever the workers have no room for.
        if (jobs > 1 && walked >= poolFrom) pool ??= new AnalysisPool(jobs - 1, workspace, config, fingerprinted);
        walked++;
        if (pool) await nextTurn(); // the workers' answers come in (and they are handed more) between files
        const outcome =
          pool && !pool.busy ? pool.check(entry.path, fileConfig) : await checkFile(entry.path, host, fileConfig ?? config, { fix: values.fix ? allowed : undefined, fingerprints: fingerprinted });
        inWalkOrder.push(walkedFile, outcome);
      }
    }
    await inWalkOrder.finish();
  } finally {
    await pool?.close();
  }
  output.write(writer.end({ errors, metas, version, cwd }));
  await output.close();
  for (const e of errors) io.err(escapeControlChars(`bulkhead: ${e.file}: ${e.message}`) + '\n');
  if (read === 0 && errors.length > 0) return 2; // nothing could be read: an I/O failure, not a clean result
  if (baselined > 0) io.err(`bulkhead: ${baselined} finding(s) recorded in the baseline not reported\n`);
  const baselineOut = values['baseline-write'];
  if (baselineOut !== undefined) {
    await fs.promises.writeFile(baselineOut, serializeBaseline(baselineOut, recorded));
    io.err(escapeControlChars(`bulkhead: ${recorded.length} finding(s) recorded in ${baselineOut}`) + '\n');
    return 0;
  }
  return failed ? 1 : 0;
}

interface WalkedFile {
  path: string;
  /** As the report names it. */
  file: string;
  explicit: boolean;
}

/**
 * Where the report goes as it is written: stdout, or the `--output` file (opened at the first write, then
 * written synchronously in blocks: one asynchronous write per scanned file cost more than formatting it;
 * a failure to write it surfaces on close).
 */
function reportOutput(file: string | undefined, io: Io): { write(s: string): void; close(): Promise<void> } {
  if (file === undefined) return { write: (s) => s && io.out(s), close: async () => undefined };
  let fd: number | undefined;
  let pending = '';
  let failure: unknown;
  const flush = (): void => {
    if (fd === undefined || failure !== undefined || !pending) return;
    try {
      const bytes = Buffer.from(pending);
      for (let at = 0; at < bytes.length;) at += fs.writeSync(fd, bytes, at);
    } catch (e) {
      failure = e;
    }
    pending = '';
  };
  return {
    write(s) {
      if (!s || failure !== undefined) return;
      try {
        fd ??= fs.openSync(file, 'w');
      } catch (e) {
        failure = e;
        return;
      }
      pending += s;
      if (pending.length >= REPORT_BLOCK) flush();
    },
    async close() {
      flush();
      if (fd !== undefined) fs.closeSync(fd);
      if (failure !== undefined) throw failure;
    },
  };
}

/** Characters of report gathered before they are written to the `--output` file. */
const REPORT_BLOCK = 64 * 1024;

/**
 * The config file: `--config`, else the first `.bulkhead.*` in the current directory, else in the first
 * scanned directory that has one. A config that cannot be read or has invalid entries stops the scan:
 * silently ignoring it would make CI pass under the wrong rules.
 */
async function findConfig(explicit: string | undefined, roots: string[]): Promise<WorkspaceConfig> {
  let found: WorkspaceConfig | undefined;
  if (explicit) found = await loadConfigFile(explicit);
  else {
    for (const dir of [process.cwd(), ...roots]) {
      const candidate = await loadWorkspaceConfig(dir);
      if (candidate.path) {
        found = candidate;
        break;
      }
    }
  }
  if (found?.errors.length) throw new Error(`invalid config: ${found.errors.join('; ')}`);
  return found ?? { config: {}, errors: [] };
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Without --jobs, the files a scan checks on the main thread before it starts its workers. */
const POOL_AFTER_FILES = 64;

/**
 * --jobs: a whole number of threads, at least 1. When absent, one per core but one: a thread's V8 keeps
 * another 30–45 % of a core busy with garbage collection and compilation, so on 2 cores a second analysis
 * thread made scans slower (700 Dockerfiles 1.78 → 2.08 s, 10,000 files 6.5 → 7.6 s and 249 → 357 MB).
 */
function jobCount(arg: string | undefined): number {
  if (arg === undefined) return Math.max(1, os.availableParallelism() - 1);
  const n = Number(arg);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--jobs expects a whole number of at least 1, got "${arg}"`);
  return n;
}

function shardOption(arg: string): Shard {
  const shard = parseShard(arg);
  if (!shard) throw new UsageError(`--shard expects i/n with 1 <= i <= n, got "${arg}"`);
  return shard;
}

function ruleOverrides(args: string[]): Record<string, SeveritySetting> {
  const rules: Record<string, SeveritySetting> = {};
  for (const arg of args) {
    const m = /^([A-Za-z0-9_-]+)=(off|info|warning|error)$/.exec(arg);
    const meta = m ? findMeta(m[1]) : undefined;
    if (!m || !meta) throw new UsageError(`--rule expects ID=off|info|warning|error with a known id, got "${arg}"`);
    rules[meta.id] = m[2] as SeveritySetting;
  }
  return rules;
}

/**
 * Paths relative to the working directory, with forward slashes, as CI annotations expect. A walked path
 * is absolute and normalized: under `cwd` it is relative by its prefix (path.relative resolved both, for every file).
 */
function displayPath(p: string, cwd: string): string {
  const rel = p.startsWith(cwd + path.sep) ? p.slice(cwd.length + 1) : path.relative(cwd, p);
  const inside = rel !== '' && rel !== '..' && !rel.startsWith('..' + path.sep) && !path.isAbsolute(rel);
  const shown = inside ? rel : p;
  return path.sep === '/' ? shown : shown.split(path.sep).join('/');
}

// Not in a worker of the analysis pool, which the bundled CLI starts from this same file.
if (require.main === module && !runsAsPoolWorker) runAsCommand();

/**
 * The `bulkhead` command: exit 0, 1 or 2 and nothing else. `bulkhead scan | head` closes stdout early: the
 * rest of the report is dropped quietly and the exit code stays the scan's. Any other failure (stdout on a
 * full disk, an exception that escaped) loses the report: a message and exit 2.
 */
function runAsCommand(): void {
  let stdoutOpen = true;
  const fail = (e: unknown): void => {
    process.stderr.write(`bulkhead: ${(e as Error)?.message ?? e}\n`, () => process.exit(2));
    process.exitCode = 2;
    setTimeout(() => process.exit(2), 1000).unref();
  };
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    stdoutOpen = false;
    if (e.code !== 'EPIPE') fail(e);
  });
  process.stderr.on('error', () => undefined); // nowhere left to report to; the exit code still says it
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);
  const noColorEnv = (process.env.NO_COLOR ?? '') !== '';
  const out = (s: string): void => {
    if (stdoutOpen) process.stdout.write(s);
  };
  main(process.argv.slice(2), { out, err: (s) => process.stderr.write(s), colors: !!process.stdout.isTTY && !noColorEnv }).then((code) => {
    process.exitCode = process.exitCode === 2 ? 2 : code;
  }, fail);
}

/**
 * The workspace boundary: `--root` when given (it must be a directory), else the scanned directories
 * (a file stands for its directory); missing roots add nothing.
 */
function workspaceRoots(roots: string[], explicit: string | undefined): string[] {
  if (explicit !== undefined) {
    const stat = statOf(explicit, (e) => {
      throw new Error(`--root ${explicit}: ${e.code ?? e.message}`);
    });
    if (!stat.isDirectory()) throw new Error(`--root ${explicit}: not a directory`);
    return [path.resolve(explicit)];
  }
  const dirs = roots.map((r) => {
    const stat = statOf(r, () => undefined);
    return stat && (stat.isDirectory() ? path.resolve(r) : path.dirname(path.resolve(r)));
  });
  return [...new Set(dirs.filter((d): d is string => d !== undefined))];
}

/** `fs.statSync(p)`, or what `failed` makes of the error. */
function statOf<T>(p: string, failed: (e: NodeJS.ErrnoException) => T): fs.Stats | T {
  try {
    return fs.statSync(p);
  } catch (e) {
    return failed(e as NodeJS.ErrnoException);
  }
}
