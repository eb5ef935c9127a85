// The CLI as users run it: a real process on fixture folders; formats, exit codes, --fix, config.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '..', '..', '..');
const CLI = process.env.BULKHEAD_CLI ?? path.join(REPO, 'dist', 'cli.js');
const FIXTURES = path.join(REPO, 'test', 'fixtures', 'cli');

function cli(args: string[], cwd = FIXTURES) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function copyFixtures(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-cli-'));
  fs.cpSync(FIXTURES, dir, { recursive: true });
  return dir;
}

test('text output: one line per finding (1-based) and a summary; exit 1 on warnings', () => {
  const r = cli(['scan', 'project']);
  assert.equal(r.code, 1);
  const lines = r.out.trim().split('\n');
  assert.match(lines[0], /^project\/compose\.yaml:7:17  error +DC001 +Service "web" runs privileged/);
  assert.match(lines[1], /^project\/svc\/Dockerfile:2:1  warning +DF006 +ADD copies local files here; use COPY\. \[fix: safe\]$/);
  assert.equal(lines[lines.length - 1], '2 files, 2 findings (1 error, 1 warning, 0 info)');
  assert.doesNotMatch(r.out, /\x1b\[/, 'no colour when not a TTY');
});

test('JSON output follows the documented format', () => {
  const r = cli(['scan', 'project', '--format', 'json']);
  const json = JSON.parse(r.out);
  assert.deepEqual(Object.keys(json), ['tool', 'results', 'errors']);
  assert.equal(json.tool.name, 'bulkhead');
  assert.match(json.tool.version, /^\d+\.\d+\.\d+/);
  assert.deepEqual(json.results[1], {
    file: 'project/svc/Dockerfile', ruleId: 'DF006', severity: 'warning', message: 'ADD copies local files here; use COPY.',
    range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } },
    aliases: ['DL3020', 'CKV_DOCKER_4', 'AVD-DS-0005'], threat: 'supply-chain', fix: { title: 'Replace ADD with COPY', applicability: 'safe' },
  });
  assert.deepEqual(json.errors, []);
});

test('SARIF 2.1.0: rules with help, 1-based regions, fixes', () => {
  const r = cli(['scan', 'project', '--format', 'sarif']);
  const sarif = JSON.parse(r.out);
  assert.equal(sarif.version, '2.1.0');
  const run = sarif.runs[0];
  assert.equal(run.tool.driver.name, 'bulkhead');
  const ids = run.tool.driver.rules.map((x: { id: string }) => x.id);
  assert.deepEqual(ids, ['DC001', 'DF006']);
  for (const rule of run.tool.driver.rules) {
    assert.ok(rule.shortDescription.text && rule.fullDescription.text && rule.help.text && rule.help.markdown);
    assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level));
  }
  const df = run.results.find((x: { ruleId: string }) => x.ruleId === 'DF006');
  assert.equal(df.ruleIndex, 1);
  assert.equal(df.level, 'warning');
  assert.deepEqual(df.locations[0].physicalLocation.region, { startLine: 2, startColumn: 1, endLine: 2, endColumn: 4 });
  assert.equal(df.locations[0].physicalLocation.artifactLocation.uri, 'project/svc/Dockerfile');
  assert.deepEqual(df.fixes[0].artifactChanges[0].replacements[0], { deletedRegion: { startLine: 2, startColumn: 1, endLine: 2, endColumn: 4 }, insertedContent: { text: 'COPY' } });
});

test('exit codes: --fail-on, a clean tree, usage errors, missing paths', () => {
  assert.equal(cli(['scan', 'project', '--fail-on', 'error']).code, 1);
  assert.equal(cli(['scan', 'project', '--fail-on', 'never']).code, 0);
  assert.equal(cli(['scan', 'project', '--rule', 'DC001=off', '--fail-on', 'error']).code, 0);
  assert.equal(cli(['scan', 'with space']).code, 0, 'paths with spaces');
  assert.equal(cli(['scan', 'project', '--format', 'xml']).code, 2);
  assert.equal(cli(['scan', '--bogus']).code, 2);
  assert.equal(cli(['scan', 'no-such-dir']).code, 2);
  assert.equal(cli(['scan', 'project', '--rule', 'NOPE=off']).code, 2);
  assert.equal(cli(['--version']).code, 0);
});

test('--fix applies safe fixes only, and a second run changes nothing', () => {
  const dir = copyFixtures();
  const r = cli(['scan', 'project', '--fix', '--format', 'json'], dir);
  assert.equal(fs.readFileSync(path.join(dir, 'project/svc/Dockerfile'), 'utf8'), 'FROM alpine:3.20@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\nCOPY app.py /app/\nUSER 10001\n');
  assert.match(fs.readFileSync(path.join(dir, 'project/compose.yaml'), 'utf8'), /privileged: true/, 'unsafe fixes are not applied');
  assert.deepEqual(JSON.parse(r.out).results.map((x: { ruleId: string }) => x.ruleId), ['DC001']);
  const before = fs.readFileSync(path.join(dir, 'project/svc/Dockerfile'), 'utf8');
  cli(['scan', 'project', '--fix'], dir);
  assert.equal(fs.readFileSync(path.join(dir, 'project/svc/Dockerfile'), 'utf8'), before);
  const unsafe = cli(['scan', 'project', '--fix', '--unsafe-fixes'], dir);
  assert.equal(unsafe.code, 0, unsafe.out);
  assert.doesNotMatch(fs.readFileSync(path.join(dir, 'project/compose.yaml'), 'utf8'), /privileged/);
});

test('config file and unreadable inputs', () => {
  const dir = copyFixtures();
  fs.writeFileSync(path.join(dir, '.bulkhead.yaml'), 'rules:\n  DF006: off\n  DC001: info\n');
  const r = cli(['scan', 'project', '--format', 'json'], dir);
  assert.deepEqual(JSON.parse(r.out).results.map((x: { ruleId: string; severity: string }) => `${x.ruleId}:${x.severity}`), ['DC001:info']);
  assert.equal(r.code, 0);
  fs.writeFileSync(path.join(dir, 'bad.yaml'), 'rules: [');
  assert.equal(cli(['scan', 'project', '--config', 'bad.yaml'], dir).code, 2);
  fs.writeFileSync(path.join(dir, 'project', 'Dockerfile.bin'), Buffer.from([0x46, 0x52, 0, 1, 2]));
  fs.writeFileSync(path.join(dir, 'project', 'Containerfile'), Buffer.from([0x46, 0x52, 0x4f, 0x4d, 0x20, 0xff, 0xfe, 0x0a]));
  const j = JSON.parse(cli(['scan', 'project', '--format', 'json'], dir).out);
  assert.deepEqual(j.errors.map((e: { file: string; message: string }) => `${e.file}: ${e.message}`).sort(), [
    'project/Containerfile: skipped: not valid UTF-8',
    'project/Dockerfile.bin: skipped: binary content',
  ]);
});

test('rules and docs subcommands', () => {
  const rules = cli(['rules']);
  assert.equal(rules.code, 0);
  assert.match(rules.out, /^DF001 +warning +unsafe +Container runs as root$/m);
  const docs = cli(['docs', 'df006']);
  assert.match(docs.out, /^# DF006 · ADD used for local files/);
  assert.equal(cli(['docs', 'XX999']).code, 2);
});
