// `bulkhead scan [paths…]`: the engine on the command line, for CI pipelines.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { analyze, ALL_METAS, fixAll, findMeta, mergeConfig, META_BY_ID, type Applicability, type EngineConfig, type Severity, type SeveritySetting } from '../engine/index';
import { renderRulePage } from '../engine/docs/render';
import { loadWorkspaceConfig, readTextFile, walkWorkspace } from '../node/workspace';
import { parseConfigFile } from '../engine/index';
import { version } from '../../../package.json';
import { SEVERITY_RANK, type FileReport, type ScanReport } from './report';
import { formatText } from './format/text';
import { formatJson } from './format/json';
import { formatSarif } from './format/sarif';

const USAGE = `Usage:
  bulkhead scan [paths…] [options]   analyze Dockerfiles, Compose files and Kubernetes manifests
  bulkhead rules                     list the rules
  bulkhead docs <ID>                 print a rule's documentation

Options for scan:
  --format text|json|sarif   output format (default: text)
  --output <file>            write the report to a file instead of stdout
  --fix                      apply safe fixes in place, then report what remains
  --unsafe-fixes             with --fix, also apply unsafe fixes (they tighten privileges: review the diff)
  --fail-on <level>          error | warning | info | never (default: warning)
  --config <file>            a .bulkhead.yaml/.json (default: the first found in the current directory)
  --rule <ID=severity>       override a rule: off | info | warning | error (repeatable)
  --exclude <glob>           skip matching paths (repeatable)
  --no-color                 plain text output
  --quiet                    print only findings at or above --fail-on
  --version, --help
Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage or I/O error.`;

class UsageError extends Error {}

const FAIL_ON = ['error', 'warning', 'info', 'never'] as const;
type FailOn = (typeof FAIL_ON)[number];

interface Io { out: (s: string) => void; err: (s: string) => void; isTTY: boolean }

export async function main(argv: string[], io: Io): Promise<number> {
  try {
    return await run(argv, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`bulkhead: ${e.message}\n\n${USAGE}\n`);
      return 2;
    }
    io.err(`bulkhead: ${(e as Error).message}\n`);
    return 2;
  }
}

async function run(argv: string[], io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv, allowPositionals: true, strict: true,
      options: {
        format: { type: 'string', default: 'text' }, output: { type: 'string' }, fix: { type: 'boolean', default: false },
        'unsafe-fixes': { type: 'boolean', default: false }, 'fail-on': { type: 'string', default: 'warning' },
        config: { type: 'string' }, rule: { type: 'string', multiple: true, default: [] }, exclude: { type: 'string', multiple: true, default: [] },
        'no-color': { type: 'boolean', default: false }, quiet: { type: 'boolean', default: false },
        version: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return io.out(USAGE + '\n'), 0;
  if (values.version) return io.out(`${version}\n`), 0;
  const [command = 'scan', ...rest] = positionals;
  if (command === 'rules') {
    for (const m of ALL_METAS) io.out(`${m.id.padEnd(6)}  ${(m.enabledByDefault === false ? 'off' : m.severity).padEnd(7)}  ${m.fix ? m.fix.applicability.padEnd(12) : ''.padEnd(12)}  ${m.title}\n`);
    return 0;
  }
  if (command === 'docs') {
    const meta = rest[0] && findMeta(rest[0]);
    if (!meta) throw new UsageError(rest[0] ? `unknown rule "${rest[0]}"` : 'docs needs a rule id');
    io.out(renderRulePage(meta, ALL_METAS));
    return 0;
  }
  if (command !== 'scan') throw new UsageError(`unknown command "${command}"`);
  if (!['text', 'json', 'sarif'].includes(values.format!)) throw new UsageError(`--format must be text, json or sarif`);
  if (!FAIL_ON.includes(values['fail-on'] as FailOn)) throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')}`);
  if (values['unsafe-fixes'] && !values.fix) throw new UsageError('--unsafe-fixes needs --fix');

  const config = await buildConfig(values.config, values.rule!, io);
  const roots = rest.length ? rest : ['.'];
  const report: ScanReport = { files: [], errors: [], metas: META_BY_ID, version };
  const allowed: Applicability[] = values['unsafe-fixes'] ? ['safe', 'unsafe'] : ['safe'];
  let read = 0;
  for await (const entry of walkWorkspace(roots, { exclude: values.exclude!, maxFileBytes: config.maxFileBytes })) {
    const file = displayPath(entry.path);
    if (entry.skipped) {
      report.errors.push({ file, message: entry.skipped });
      continue;
    }
    const content = await readTextFile(entry.path, config.maxFileBytes);
    if ('skipped' in content) {
      report.errors.push({ file, message: `skipped: ${content.skipped}` });
      continue;
    }
    read++;
    const input = { uri: entry.path, text: content.text };
    const result = analyze(input, config);
    for (const e of result.ruleErrors) report.errors.push({ file, message: `internal error: ${e.split('\n')[0]}` });
    if (result.kind === 'unknown') {
      if (entry.explicit) report.errors.push({ file, message: 'skipped: not a Dockerfile, Compose file or Kubernetes manifest' });
      continue;
    }
    let findings = result.findings;
    if (values.fix && findings.some((f) => f.fixes.some((x) => allowed.includes(x.applicability) && x.edits.length > 0))) {
      const fixed = fixAll(input, config, allowed);
      if (fixed.text !== content.text) await fs.writeFile(entry.path, fixed.text);
      findings = fixed.remaining;
    }
    report.files.push({ file, findings });
  }
  if (read === 0 && report.errors.length > 0) {
    for (const e of report.errors) io.err(`bulkhead: ${e.file}: ${e.message}\n`);
    return 2;
  }
  const failOn = values['fail-on'] as FailOn;
  const failing = (s: Severity) => failOn !== 'never' && SEVERITY_RANK[s] >= SEVERITY_RANK[failOn];
  const shown: ScanReport = values.quiet ? { ...report, files: report.files.map((f): FileReport => ({ ...f, findings: f.findings.filter((x) => failing(x.severity)) })) } : report;
  const output = values.format === 'json' ? formatJson(shown) : values.format === 'sarif' ? formatSarif(shown) : formatText(shown, io.isTTY && !values['no-color'] && !values.output);
  if (values.output) await fs.writeFile(values.output, output);
  else io.out(output);
  if (values.format !== 'text' || values.output) for (const e of report.errors) io.err(`bulkhead: ${e.file}: ${e.message}\n`);
  return report.files.some((f) => f.findings.some((x) => failing(x.severity))) ? 1 : 0;
}

async function buildConfig(configFile: string | undefined, ruleArgs: string[], io: Io): Promise<EngineConfig> {
  let fileConfig;
  if (configFile) {
    let text;
    try {
      text = await fs.readFile(configFile, 'utf8');
    } catch (e) {
      throw new Error(`cannot read config ${configFile}: ${(e as NodeJS.ErrnoException).code}`);
    }
    const parsed = parseConfigFile(text);
    if (parsed.errors.length) throw new Error(`${configFile}: ${parsed.errors.join('; ')}`);
    fileConfig = parsed.config;
  } else {
    const ws = await loadWorkspaceConfig(process.cwd());
    for (const e of ws.errors) io.err(`bulkhead: ${e}\n`);
    fileConfig = ws.config;
  }
  const rules: Record<string, SeveritySetting> = {};
  for (const arg of ruleArgs) {
    const m = /^([A-Za-z0-9]+)=(off|info|warning|error)$/.exec(arg);
    if (!m || !findMeta(m[1])) throw new UsageError(`--rule expects ID=off|info|warning|error with a known id, got "${arg}"`);
    rules[m[1].toUpperCase()] = m[2] as SeveritySetting;
  }
  return mergeConfig(fileConfig, { rules });
}

/** Paths relative to the working directory, with forward slashes, as CI annotations expect. */
function displayPath(p: string): string {
  const rel = path.relative(process.cwd(), p);
  return (rel && !rel.startsWith('..') ? rel : p).split(path.sep).join('/');
}


if (require.main === module) {
  main(process.argv.slice(2), { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s), isTTY: !!process.stdout.isTTY })
    .then((code) => { process.exitCode = code; });
}
