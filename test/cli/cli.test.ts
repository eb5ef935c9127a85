// The CLI as users run it: a real process on fixture folders; formats, exit codes, --fix, config.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempTrees } from '../harness/tempTree';
import { pathToFileURL } from 'node:url';
import { main } from '../../server/src/cli/main';
import { checkFile } from '../../server/src/cli/checkFile';
import { NodeWorkspaceHost } from '../../server/src/host/workspaceHost';
import { DEFAULT_CONFIG } from '../../server/src/engine/index';
import { version } from '../../package.json';

const REPO = path.resolve(__dirname, '..', '..', '..');
const CLI = process.env.BULKHEAD_CLI ?? path.join(REPO, 'dist', 'cli.js');
const FIXTURES = path.join(REPO, 'test', 'fixtures', 'cli');
const FIXED_DOCKERFILE = 'FROM alpine:3.20@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\nCOPY app.py /app/\nUSER 10001\n';

// The fixtures' images are judged as of a fixed day, when they were all supported, so the outputs do
// not age; the CLI processes inherit it, and main() run in this process reads it too.
process.env.BULKHEAD_TODAY = '2025-01-01';

function cli(args: string[], cwd = FIXTURES) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  if (r.error) throw r.error;
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const tempTree = tempTrees('bulkhead-cli-');

/** A scratch copy of the fixtures, for runs that write files. */
function copyFixtures(): string {
  const dir = tempTree();
  fs.cpSync(FIXTURES, dir, { recursive: true });
  return dir;
}

/** Every file under `dir` with its content, to prove a run changed nothing. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rel of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const p = path.join(dir, rel);
    if (fs.statSync(p).isFile()) out[rel] = fs.readFileSync(p, 'utf8');
  }
  return out;
}

interface JsonResult {
  file: string;
  ruleId: string;
  severity: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}
const summary = (r: JsonResult) => `${r.file}:${r.ruleId}:${r.severity}`;
const jsonResults = (out: string): JsonResult[] => JSON.parse(out).results;

test('text output: one line per finding (1-based) and a summary; skipped inputs on stderr only', () => {
  const dir = copyFixtures();
  fs.writeFileSync(path.join(dir, 'project', 'Dockerfile.bin'), Buffer.from([0x46, 0x52, 0, 1]));
  const r = cli(['scan', 'project'], dir);
  assert.equal(r.code, 1);
  assert.deepEqual(r.out.split('\n'), [
    'project/compose.yaml:7:17  error    DC001   Service "web" runs privileged: it can take over the Docker host. [fix available: review]',
    'project/svc/Dockerfile:2:1  warning  DF006   ADD copies local files here; use COPY. [fix available]',
    '',
    '2 files, 2 findings (1 error, 1 warning, 0 info)',
    '',
  ]);
  assert.equal(r.err, 'bulkhead: project/Dockerfile.bin: skipped: binary content\n');
});

test('colours only on a colour terminal and never with --no-color', async () => {
  const run = async (colors: boolean, ...extra: string[]) => {
    let out = '';
    const code = await main(['scan', path.join(FIXTURES, 'project'), ...extra], { out: (s) => (out += s), err: () => undefined, colors });
    assert.equal(code, 1);
    return out;
  };
  assert.match(await run(true), /\x1b\[31merror/);
  assert.doesNotMatch(await run(true, '--no-color'), /\x1b\[/);
  assert.doesNotMatch(await run(false), /\x1b\[/);
});

test('JSON output follows the documented format', () => {
  const r = cli(['scan', 'project', '--format', 'json']);
  const json = JSON.parse(r.out);
  assert.deepEqual(Object.keys(json), ['tool', 'results', 'errors']);
  assert.deepEqual(json.tool, { name: 'bulkhead', version });
  assert.deepEqual(json.results, [
    {
      file: 'project/compose.yaml',
      ruleId: 'DC001',
      severity: 'error',
      message: 'Service "web" runs privileged: it can take over the Docker host.',
      range: { start: { line: 6, character: 16 }, end: { line: 6, character: 20 } },
      aliases: [],
      threat: 'container-escape',
      fix: { title: 'Remove privileged: true', applicability: 'unsafe' },
    },
    {
      file: 'project/svc/Dockerfile',
      ruleId: 'DF006',
      severity: 'warning',
      message: 'ADD copies local files here; use COPY.',
      range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } },
      aliases: ['DL3020', 'CKV_DOCKER_4', 'AVD-DS-0005'],
      threat: 'supply-chain',
      fix: { title: 'Replace ADD with COPY', applicability: 'safe' },
    },
  ]);
  assert.deepEqual(json.errors, []);
});

/** The properties SARIF 2.1.0 requires (and the ones code-scanning services read), checked on every object. */
function assertSarifShape(sarif: any): void {
  assert.equal(sarif.version, '2.1.0');
  assert.equal(sarif.runs.length, 1);
  const run = sarif.runs[0];
  const driver = run.tool.driver;
  assert.equal(typeof driver.name, 'string');
  assert.equal(typeof driver.version, 'string');
  assert.match(driver.informationUri, /^https?:\/\//);
  for (const rule of driver.rules) {
    assert.equal(typeof rule.id, 'string');
    assert.equal(typeof rule.name, 'string');
    for (const key of ['shortDescription', 'fullDescription']) assert.ok(rule[key].text, `${rule.id}.${key}`);
    assert.ok(rule.help.text && rule.help.markdown.startsWith(`# ${rule.id} `), `${rule.id}.help`);
    assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level));
    assert.equal(rule.properties.tags.length, 3);
    assert.ok(Number(rule.properties['security-severity']) > 0);
  }
  for (const [id, base] of Object.entries<any>(run.originalUriBaseIds ?? {})) assert.match(base.uri, /^file:\/\/.*\/$/, id);
  const checkRegion = (r: any) => {
    for (const key of ['startLine', 'startColumn', 'endLine', 'endColumn']) assert.ok(Number.isInteger(r[key]) && r[key] >= 1, key);
    assert.ok(r.endLine > r.startLine || (r.endLine === r.startLine && r.endColumn >= r.startColumn));
  };
  const checkArtifact = (a: any) => {
    assert.equal(typeof a.uri, 'string');
    if (a.uriBaseId) assert.ok(run.originalUriBaseIds[a.uriBaseId], a.uriBaseId);
  };
  for (const result of run.results) {
    assert.equal(typeof result.message.text, 'string');
    assert.equal(driver.rules[result.ruleIndex].id, result.ruleId);
    assert.ok(['error', 'warning', 'note'].includes(result.level));
    for (const loc of result.locations) {
      checkArtifact(loc.physicalLocation.artifactLocation);
      checkRegion(loc.physicalLocation.region);
    }
    for (const fix of result.fixes ?? []) {
      assert.equal(typeof fix.description.text, 'string');
      for (const change of fix.artifactChanges) {
        checkArtifact(change.artifactLocation);
        assert.ok(change.replacements.length > 0);
        for (const rep of change.replacements) checkRegion(rep.deletedRegion);
      }
    }
  }
}

test('SARIF 2.1.0: well-formed; rules with help, 1-based regions, fixes as replacements', () => {
  const sarif = JSON.parse(cli(['scan', 'project', '--format', 'sarif']).out);
  assertSarifShape(sarif);
  const run = sarif.runs[0];
  assert.deepEqual(
    run.tool.driver.rules.map((x: { id: string }) => x.id),
    ['DC001', 'DF006'],
  );
  assert.deepEqual(run.tool.driver.rules[1].properties.tags, ['security', 'supply-chain', 'attack-surface']);
  const df = run.results.find((x: { ruleId: string }) => x.ruleId === 'DF006');
  assert.equal(df.ruleIndex, 1);
  assert.equal(df.level, 'warning');
  assert.deepEqual(df.locations[0].physicalLocation.region, { startLine: 2, startColumn: 1, endLine: 2, endColumn: 4 });
  assert.deepEqual(df.locations[0].physicalLocation.artifactLocation, { uri: 'project/svc/Dockerfile', uriBaseId: '%SRCROOT%' });
  assert.deepEqual(df.fixes[0].artifactChanges[0].replacements, [{ deletedRegion: { startLine: 2, startColumn: 1, endLine: 2, endColumn: 4 }, insertedContent: { text: 'COPY' } }]);
});

test('paths with spaces: plain in text and JSON, percent-encoded in SARIF URIs; files outside the cwd stay absolute', () => {
  const dir = copyFixtures();
  fs.writeFileSync(path.join(dir, 'with space', 'Dockerfile'), 'FROM alpine:3.20@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\nADD a /a\nUSER 1\n');
  assert.match(cli(['scan', 'with space'], dir).out, /^with space\/Dockerfile:2:1 {2}warning {2}DF006 /m);
  assert.deepEqual(jsonResults(cli(['scan', 'with space', '--format', 'json'], dir).out).map(summary), ['with space/Dockerfile:DF006:warning']);
  const sarif = JSON.parse(cli(['scan', 'with space', '--format', 'sarif'], dir).out);
  assertSarifShape(sarif);
  assert.equal(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'with%20space/Dockerfile');
  const outside = JSON.parse(cli(['scan', path.join(dir, 'with space'), '--format', 'sarif'], path.join(dir, 'project')).out);
  assertSarifShape(outside);
  assert.equal(outside.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, pathToFileURL(path.join(dir, 'with space', 'Dockerfile')).href);
  assert.equal(cli(['scan', 'with space'], FIXTURES).code, 0, 'the clean fixture passes');
});

test('exit codes: --fail-on levels, overrides, usage errors, missing paths', () => {
  assert.equal(cli(['scan', 'project', '--fail-on', 'error']).code, 1);
  assert.equal(cli(['scan', 'project', '--fail-on', 'never']).code, 0);
  assert.equal(cli(['scan', 'project', '--rule', 'DC001=off', '--fail-on', 'error']).code, 0);
  assert.equal(cli(['scan', 'project', '--rule', 'dc001=warning', '--rule', 'DF006=info', '--fail-on', 'error']).code, 0, 'ids are case-insensitive');
  assert.equal(cli(['scan', 'project', '--rule', 'DF006=off', '--rule', 'DC001=info', '--fail-on', 'info']).code, 1);
  for (const usage of [
    ['scan', 'project', '--format', 'xml'],
    ['scan', '--bogus'],
    ['scan', 'project', '--fail-on', 'sometimes'],
    ['scan', 'project', '--rule', 'NOPE=off'],
    ['scan', 'project', '--rule', 'DC001'],
    ['scan', 'project', '--unsafe-fixes'],
    ['lint'],
    ['docs'],
  ]) {
    const r = cli(usage);
    assert.equal(r.code, 2, usage.join(' '));
    assert.match(r.err, /Usage:/, usage.join(' '));
  }
  const missing = cli(['scan', 'project', 'no-such-dir']);
  assert.equal(missing.code, 1, 'a missing path is reported, and the paths beside it are still scanned');
  assert.equal(missing.err, 'bulkhead: no-such-dir: skipped: cannot read: ENOENT\n');
  assert.equal(cli(['scan', 'no-such-dir']).code, 2, 'nothing could be scanned');
  assert.equal(cli(['--version']).out.trim(), version);
  assert.match(cli(['--help']).out, /^Usage:/);
});

test('--quiet keeps only findings at or above --fail-on; --output writes the report to a file', () => {
  assert.deepEqual(jsonResults(cli(['scan', 'project', '--quiet', '--fail-on', 'error', '--format', 'json']).out).map(summary), ['project/compose.yaml:DC001:error']);
  const dir = copyFixtures();
  const r = cli(['scan', 'project', '--format', 'json', '--output', 'report.json'], dir);
  assert.equal(r.code, 1);
  assert.equal(r.out, '');
  assert.equal(jsonResults(fs.readFileSync(path.join(dir, 'report.json'), 'utf8')).length, 2);
});

test('--fix applies safe fixes only, a second --fix changes nothing, --unsafe-fixes applies the rest', () => {
  const dir = copyFixtures();
  const r = cli(['scan', 'project', '--fix', '--format', 'json'], dir);
  assert.equal(fs.readFileSync(path.join(dir, 'project/svc/Dockerfile'), 'utf8'), FIXED_DOCKERFILE);
  assert.match(fs.readFileSync(path.join(dir, 'project/compose.yaml'), 'utf8'), /privileged: true/, 'unsafe fixes are not applied');
  assert.deepEqual(jsonResults(r.out).map(summary), ['project/compose.yaml:DC001:error'], 'reports what remains');
  const before = snapshot(dir);
  cli(['scan', 'project', '--fix'], dir);
  assert.deepEqual(snapshot(dir), before);
  const unsafe = cli(['scan', 'project', '--fix', '--unsafe-fixes'], dir);
  assert.equal(unsafe.code, 0, unsafe.out);
  assert.doesNotMatch(fs.readFileSync(path.join(dir, 'project/compose.yaml'), 'utf8'), /privileged/);
});

test('--fix stops short of making a file too large to analyze, and says so', async () => {
  const pod = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n${'    - name: c\n      image: nginx:1.27\n'.repeat(20)}`;
  const dir = tempTree({ 'pod.yaml': pod });
  const config = { ...DEFAULT_CONFIG, maxFileBytes: pod.length + 200 };
  const outcome = await checkFile(path.join(dir, 'pod.yaml'), new NodeWorkspaceHost({ roots: [dir], maxFileBytes: config.maxFileBytes }), config, { fix: ['safe', 'unsafe'], fingerprints: false });
  const fixed = fs.readFileSync(path.join(dir, 'pod.yaml'), 'utf8');
  assert.ok(fixed !== pod && fixed.length <= config.maxFileBytes, `${fixed.length} chars written`);
  assert.ok('errors' in outcome && outcome.errors.some((e) => e.startsWith('fixes left unapplied')), JSON.stringify(outcome));
});

test('config: --config, then the nearest in the scanned tree, then the current directory; a broken config is exit 2', () => {
  const dir = copyFixtures();
  const scanJson = (args: string[]) => {
    const r = cli(['scan', 'project', '--format', 'json', ...args], dir);
    return { code: r.code, results: jsonResults(r.out).map(summary) };
  };
  fs.writeFileSync(path.join(dir, 'project', '.bulkhead.json'), '{"rules": {"DC001": "off"}}');
  assert.deepEqual(scanJson([]), { code: 1, results: ['project/svc/Dockerfile:DF006:warning'] }, 'the scanned root');
  fs.writeFileSync(path.join(dir, '.bulkhead.yaml'), 'rules:\n  DF006: off\n  DC001: info\n');
  // Issue 13: the nearest config wins; the current directory's (outside the scanned tree) is the fallback.
  assert.deepEqual(scanJson([]), { code: 1, results: ['project/svc/Dockerfile:DF006:warning'] }, "the scanned tree's own config wins");
  fs.rmSync(path.join(dir, 'project', '.bulkhead.json'));
  assert.deepEqual(scanJson([]), { code: 0, results: ['project/compose.yaml:DC001:info'] }, "without one, the current directory's");
  fs.writeFileSync(path.join(dir, 'ci.yaml'), 'rules:\n  DF006: error\n');
  assert.deepEqual(scanJson(['--config', 'ci.yaml', '--rule', 'DC001=off']), { code: 1, results: ['project/svc/Dockerfile:DF006:error'] }, '--config, then --rule');

  fs.writeFileSync(path.join(dir, 'bad.yaml'), 'rules: [');
  const bad = cli(['scan', 'project', '--config', 'bad.yaml'], dir);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /^bulkhead: invalid config: bad\.yaml: cannot parse/);
  assert.equal(cli(['scan', 'project', '--config', 'none.yaml'], dir).code, 2);
  fs.writeFileSync(path.join(dir, '.bulkhead.yaml'), 'rules:\n  DF006: loud\n');
  assert.equal(cli(['scan', 'project'], dir).code, 2, 'a discovered config with invalid entries');
});

test('unreadable inputs: binary and invalid UTF-8 are skipped with a reason; nothing readable is exit 2', () => {
  const dir = copyFixtures();
  fs.writeFileSync(path.join(dir, 'project', 'Dockerfile.bin'), Buffer.from([0x46, 0x52, 0, 1, 2]));
  fs.writeFileSync(path.join(dir, 'project', 'Containerfile'), Buffer.from([0x46, 0x52, 0x4f, 0x4d, 0x20, 0xff, 0xfe, 0x0a]));
  const r = cli(['scan', 'project', '--format', 'json', '--fail-on', 'never'], dir);
  assert.equal(r.code, 0, 'skipped files do not change the exit code');
  assert.deepEqual(JSON.parse(r.out).errors, [
    { file: 'project/Containerfile', message: 'skipped: not valid UTF-8' },
    { file: 'project/Dockerfile.bin', message: 'skipped: binary content' },
  ]);
  const notContainer = JSON.parse(cli(['scan', 'project/values.yaml', '--format', 'json'], dir).out);
  assert.deepEqual(notContainer, { tool: notContainer.tool, results: [], errors: [{ file: 'project/values.yaml', message: 'skipped: not a Dockerfile, Compose file or Kubernetes manifest' }] });
  const nothing = cli(['scan', 'project/Dockerfile.bin', 'project/Containerfile'], dir);
  assert.equal(nothing.code, 2);
  assert.match(nothing.out, /^0 files, 0 findings/m);
});

test('rules and docs subcommands', () => {
  const rules = cli(['rules']);
  assert.equal(rules.code, 0);
  assert.match(rules.out, /^DF001 +warning +unsafe +Container runs as root$/m);
  assert.match(rules.out, /^DF006 +warning +safe +ADD used for local files$/m);
  const docs = cli(['docs', 'df006']);
  assert.equal(docs.code, 0);
  assert.match(docs.out, /^# DF006 · ADD used for local files/);
  assert.equal(cli(['docs', 'XX999']).code, 2);
});

test('cross-file: Compose checked against the Dockerfile it builds; --fix --unsafe-fixes writes .dockerignore', () => {
  const dir = tempTree({
    'api/Dockerfile': 'FROM node:22-alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\nWORKDIR /app\nCOPY . .\nUSER 10001\n',
    'api/.env': 'API_KEY=x\n',
    'api/id_rsa': 'key\n',
    'compose.yaml': 'services:\n  api:\n    build: ./api\n    user: root\n',
  });
  const only = ['--rule', 'XF002=error', '--rule', 'XF003=warning'];
  const before = jsonResults(cli(['scan', '.', '--format', 'json', ...only], dir).out)
    .filter((r) => r.ruleId.startsWith('XF'))
    .map(summary);
  assert.deepEqual(before, ['api/Dockerfile:XF002:error', 'compose.yaml:XF003:warning']);

  const fixed = cli(['scan', 'api', '--fix', '--unsafe-fixes', '--format', 'json'], dir);
  assert.deepEqual(
    jsonResults(fixed.out).filter((r) => r.ruleId === 'XF002'),
    [],
    'the finding is gone after the fix',
  );
  assert.equal(fs.readFileSync(path.join(dir, 'api', '.dockerignore'), 'utf8'), '# Credentials kept out of the build context\n/.env\n/id_rsa\n');
  const again = cli(['scan', 'api', '--fix', '--unsafe-fixes'], dir);
  assert.equal(fs.readFileSync(path.join(dir, 'api', '.dockerignore'), 'utf8'), '# Credentials kept out of the build context\n/.env\n/id_rsa\n', 'idempotent');
  assert.doesNotMatch(again.out, /XF002/);
});

test('end-of-life images are judged against today, or BULKHEAD_TODAY for a reproducible run', () => {
  const dir = tempTree({ Dockerfile: 'FROM php:8.2-fpm\nUSER 10001\n' });
  const scanOn = (date: string) =>
    spawnSync(process.execPath, [CLI, 'scan', '.', '--format', 'json', '--fail-on', 'never'], { cwd: dir, encoding: 'utf8', env: { ...process.env, BULKHEAD_TODAY: date } });
  const eol = (date: string) => (JSON.parse(scanOn(date).stdout) as { results: Array<{ ruleId: string; severity: string }> }).results.filter((f) => f.ruleId === 'DF040').map((f) => f.severity);
  assert.deepEqual([eol('2026-06-01'), eol('2026-12-06'), eol('2027-01-05')], [[], ['info'], ['error']]);
  assert.equal(scanOn('next tuesday').status, 2, 'a date that is not one is a usage error');
});
