// The CLI on hostile workspaces: nothing outside the workspace is opened, listed, quoted or written, with
// or without --fix; links out are reported, not followed; file names are not URIs; missing roots do not
// stop a scan; and the exit code is 0, 1 or 2 whatever happens to the output.
import { after, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../server/src/cli/main';
import { CANARY, hostileWorkspace, type HostileWorkspace } from '../harness/hostileWorkspace';
import { tempTrees } from '../harness/tempTree';
// The modules themselves (not namespace copies): wrapping their functions reaches every caller.
import nodeFs = require('node:fs');
import nodeFsPromises = require('node:fs/promises');

const REPO = path.resolve(__dirname, '..', '..', '..');
const CLI = process.env.BULKHEAD_CLI ?? path.join(REPO, 'dist', 'cli.js');

const workspaces: HostileWorkspace[] = [];
after(() => workspaces.forEach((w) => w.remove()));
const tempTree = tempTrees('bulkhead-containment-');

function fresh(): HostileWorkspace {
  const w = hostileWorkspace();
  workspaces.push(w);
  return w;
}

/** The `fs` entry points that open, list or change a file, wrapped to record the path they are given. */
const RECORDED: Array<[object, string[]]> = [
  [
    nodeFs,
    [
      'openSync',
      'readFileSync',
      'readdirSync',
      'opendirSync',
      'writeFileSync',
      'appendFileSync',
      'mkdirSync',
      'renameSync',
      'rmSync',
      'unlinkSync',
      'copyFileSync',
      'truncateSync',
      'createReadStream',
      'createWriteStream',
      'open',
      'readFile',
      'readdir',
      'opendir',
      'writeFile',
      'appendFile',
      'mkdir',
      'rename',
      'rm',
      'unlink',
      'copyFile',
      'truncate',
    ],
  ],
  [nodeFsPromises, ['open', 'readFile', 'readdir', 'opendir', 'writeFile', 'appendFile', 'mkdir', 'rename', 'rm', 'unlink', 'copyFile', 'truncate']],
];

/** Runs the CLI in-process in `cwd`, recording every path handed to those entry points. */
async function runRecorded(cwd: string, args: string[]): Promise<{ code: number; out: string; err: string; touched: string[] }> {
  const touched: string[] = [];
  const originals: Array<() => void> = [];
  for (const [module, names] of RECORDED) {
    const target = module as Record<string, (...a: unknown[]) => unknown>;
    for (const name of names) {
      const original = target[name];
      target[name] = function (this: unknown, p: unknown, ...rest: unknown[]) {
        touched.push(path.resolve(cwd, String(p)));
        return original.call(this, p, ...rest);
      };
      originals.push(() => (target[name] = original));
    }
  }
  const before = process.cwd();
  let out = '';
  let err = '';
  try {
    process.chdir(cwd);
    const code = await main(args, { out: (s) => (out += s), err: (s) => (err += s), colors: false });
    return { code, out, err, touched };
  } finally {
    process.chdir(before);
    originals.forEach((restore) => restore());
  }
}

const outsideReferences = (results: Array<{ file: string; ruleId: string; message: string }>) =>
  results
    .filter((r) => r.ruleId === 'BH006')
    .map((r) => `${r.file}: ${/^Not evaluated: (.*) is outside the workspace\.$/.exec(r.message)?.[1]}`)
    .sort();

function assertNoCanary(text: string): void {
  for (const token of CANARY) assert.ok(!text.includes(token), `"${token}" from a file outside the workspace appears in the output`);
}

test('a hostile workspace: every outside reference is BH006, links out are skipped, nothing outside is opened or quoted', async () => {
  const w = fresh();
  const outsideBefore = w.snapshotOutside();
  // The recorder patches this thread's fs, so the recorded scan runs on it; a pool's workers run the same
  // per-file check over a host with the same roots, and must report exactly the same (checked below).
  const r = await runRecorded(w.ws, ['scan', '.', '--format', 'json', '--jobs', '1']);
  assert.equal(r.code, 1, r.err);
  assert.ok(r.touched.includes(path.join(w.ws, 'compose.yaml')), 'the recorder sees the reads inside');
  const pooled = await runRecorded(w.ws, ['scan', '.', '--format', 'json', '--jobs', '2']);
  assert.deepEqual({ code: pooled.code, out: pooled.out, err: pooled.err }, { code: r.code, out: r.out, err: r.err }, 'worker threads report what one thread does');
  assert.deepEqual(r.touched.filter(w.isOutside), [], 'opened, listed or written outside the workspace');
  assertNoCanary(r.out + r.err);
  const report = JSON.parse(r.out);
  const expected = Object.entries(w.references)
    .flatMap(([file, refs]) => refs.map((ref) => `${file}: ${ref}`))
    .sort();
  assert.deepEqual(outsideReferences(report.results), expected);
  assert.deepEqual(
    report.errors,
    ['Dockerfile', 'app/linked', 'linked', 'svc/linked'].map((file) => ({ file, message: 'skipped: symbolic link out of the workspace' })),
  );
  const files = new Set(report.results.map((x: { file: string }) => x.file));
  assert.deepEqual([...files].sort(), ['app/Dockerfile', 'compose.yaml', 'pod.yaml', 'svc/Dockerfile'], 'Dockerfile%2Ebak is not a Dockerfile; nothing under a link out');
  const envFinding = report.results.find((x: { ruleId: string; message: string }) => x.ruleId === 'XF007');
  assert.equal(envFinding.message, 'db.env holds plaintext secrets: POSTGRES_PASSWORD (line 1).', 'Git metadata above the workspace is not consulted');
  assert.deepEqual(w.snapshotOutside(), outsideBefore);
});

test('--fix --unsafe-fixes on the hostile workspace writes nothing outside and never through a link', async () => {
  const w = fresh();
  const outsideBefore = w.snapshotOutside();
  const r = await runRecorded(w.ws, ['scan', '.', '--fix', '--unsafe-fixes', '--format', 'json']);
  assert.ok(r.code === 0 || r.code === 1, r.err);
  assert.deepEqual(r.touched.filter(w.isOutside), []);
  assertNoCanary(r.out + r.err);
  assert.deepEqual(w.snapshotOutside(), outsideBefore, 'files outside are byte-identical, and none was created');
  for (const link of ['Dockerfile', 'linked', 'app/.dockerignore', 'app/linked']) assert.ok(fs.lstatSync(path.join(w.ws, link)).isSymbolicLink(), `${link} is still a link`);
  assert.doesNotMatch(fs.readFileSync(path.join(w.ws, 'compose.yaml'), 'utf8'), /user: root/, 'fixes inside are applied');
});

test('the real command opens nothing outside the workspace (strace)', (t) => {
  if (spawnSync('strace', ['-V']).status !== 0) return t.skip('strace is not available');
  const w = fresh();
  const trace = path.join(w.top, 'trace.txt');
  const r = spawnSync(
    'strace',
    [
      '-f',
      '-qq',
      '-o',
      trace,
      '-e',
      'trace=open,openat,creat,truncate,rename,renameat,renameat2,mkdir,mkdirat,unlink,unlinkat,symlink,symlinkat',
      process.execPath,
      CLI,
      'scan',
      '.',
      '--fix',
      '--unsafe-fixes',
    ],
    { cwd: w.ws, encoding: 'utf8' },
  );
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  const paths = [...fs.readFileSync(trace, 'utf8').matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]);
  assert.ok(
    paths.some((p) => path.resolve(w.ws, p) === path.join(w.ws, 'compose.yaml')),
    'the trace records the reads inside',
  );
  assert.deepEqual(
    paths.filter((p) => w.isOutside(p) && !p.endsWith('trace.txt')),
    [],
  );
  assertNoCanary(r.stdout + r.stderr);
});

test('a link that stays inside is analyzed, but --fix does not write through it', async () => {
  const dir = tempTree({ 'real/app.Dockerfile': 'FROM alpine:3.20\nADD app.py /app/\nUSER 10001\n' });
  fs.symlinkSync('real/app.Dockerfile', path.join(dir, 'Dockerfile'));
  const r = await runRecorded(dir, ['scan', 'Dockerfile', '--fix', '--format', 'json']);
  assert.equal(JSON.parse(r.out).errors[0].message, 'fixes not written: a symbolic link (fix the file it points to)');
  assert.match(fs.readFileSync(path.join(dir, 'real', 'app.Dockerfile'), 'utf8'), /^ADD /m);
  assert.ok(fs.lstatSync(path.join(dir, 'Dockerfile')).isSymbolicLink());
});

test('--root sets the workspace: a reference inside it is evaluated, a scan root outside it is skipped, a bad --root is exit 2', async () => {
  const dir = tempTree({
    'shared/api.env': 'POSTGRES_PASSWORD=changeme\n',
    'svc/compose.yaml': 'services:\n  api:\n    image: x/api:1\n    env_file: ../shared/api.env\n',
  });
  const ids = (out: string) =>
    JSON.parse(out)
      .results.filter((x: { ruleId: string }) => /^(BH006|XF007)$/.test(x.ruleId))
      .map((x: { ruleId: string }) => x.ruleId);
  assert.deepEqual(ids((await runRecorded(dir, ['scan', 'svc', '--format', 'json'])).out), ['BH006']);
  assert.deepEqual(ids((await runRecorded(dir, ['scan', 'svc', '--root', '.', '--format', 'json'])).out), ['XF007']);
  const narrow = await runRecorded(dir, ['scan', 'svc', 'shared', '--root', 'svc', '--format', 'json']);
  assert.deepEqual(JSON.parse(narrow.out).errors, [{ file: 'shared', message: 'skipped: outside the workspace' }]);
  const missing = await runRecorded(dir, ['scan', 'svc', '--root', 'nowhere']);
  assert.equal(missing.code, 2);
  assert.equal(missing.err, 'bulkhead: --root nowhere: ENOENT\n');
});

test('several roots: a missing one is reported and the others are scanned; exit 2 only when nothing could be', async () => {
  const w = fresh();
  const r = await runRecorded(w.ws, ['scan', 'missing-one', 'app', 'missing-two', '--format', 'json', '--fail-on', 'never']);
  assert.equal(r.code, 0, r.err);
  const report = JSON.parse(r.out);
  assert.deepEqual(report.errors, [
    { file: 'missing-one', message: 'skipped: cannot read: ENOENT' },
    { file: 'app/linked', message: 'skipped: symbolic link out of the workspace' },
    { file: 'missing-two', message: 'skipped: cannot read: ENOENT' },
  ]);
  assert.deepEqual([...new Set(report.results.map((x: { file: string }) => x.file))], ['app/Dockerfile']);
  assert.equal((await runRecorded(w.ws, ['scan', 'missing-one', 'missing-two'])).code, 2);
});

test('file names are not URIs: 50%off.txt and Dockerfile%2Ebak neither abort the scan nor pass for what they are not', async () => {
  const dir = tempTree({ '50%off.txt': 'x\n', 'Dockerfile%2Ebak': 'FROM alpine\n', '100%.Dockerfile': 'FROM alpine:3.20\nADD a /a\nUSER 1\n' });
  const r = await runRecorded(dir, ['scan', '.', '--format', 'json', '--rule', 'DF002=off', '--rule', 'DF030=off', '--rule', 'DF040=off']);
  assert.equal(r.code, 1, r.err);
  const report = JSON.parse(r.out);
  assert.deepEqual(report.errors, []);
  assert.deepEqual(
    report.results.map((x: { file: string; ruleId: string }) => `${x.file} ${x.ruleId}`),
    ['100%.Dockerfile DF006'],
  );
  const fixed = await runRecorded(dir, ['scan', '.', '--fix', '--rule', 'DF002=off', '--rule', 'DF030=off', '--rule', 'DF040=off']);
  assert.equal(fixed.code, 0, fixed.out + fixed.err);
  assert.match(fs.readFileSync(path.join(dir, '100%.Dockerfile'), 'utf8'), /^COPY a \/a$/m, 'fixed under its own name');
});

/** Runs the real command with stdout connected to a pipe closed before anything is written. */
function runWithClosedStdout(args: string[]): Promise<{ code: number | null; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: path.join(REPO, 'test', 'fixtures', 'cli'), stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => resolve({ code, err }));
  });
}

test("exit codes stay 0, 1 or 2: a closed stdout keeps the scan's code quietly; an output that cannot be written is 2", async () => {
  assert.deepEqual(await runWithClosedStdout(['scan', 'project']), { code: 1, err: '' });
  assert.deepEqual(await runWithClosedStdout(['scan', 'project', '--fail-on', 'never']), { code: 0, err: '' });
  if (!fs.existsSync('/dev/full')) return;
  const full = spawnSync(process.execPath, [CLI, 'scan', 'project', '--fail-on', 'never'], {
    cwd: path.join(REPO, 'test', 'fixtures', 'cli'),
    stdio: ['ignore', fs.openSync('/dev/full', 'w'), 'pipe'],
    encoding: 'utf8',
  });
  assert.equal(full.status, 2);
  assert.equal(full.stderr, 'bulkhead: ENOSPC: no space left on device, write\n');
});
