// --jobs and --shard: a scan on a pool of worker threads reports exactly what one thread does (same
// bytes, same order), and the shards of a scan are disjoint and together give the whole scan.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '..', '..', '..');
const CLI = process.env.BULKHEAD_CLI ?? path.join(REPO, 'dist', 'cli.js');
/** The in-repository corpus: real Dockerfiles, Compose files and manifests, with cross-file references. */
const CORPUS = path.join(REPO, 'test', 'corpus');

function scan(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, 'scan', '.', '--fail-on', 'never', ...args], { cwd: CORPUS, encoding: 'utf8' });
  if (r.error) throw r.error;
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The files a JSON report has findings in, in report order. */
const fileNames = (json: string): string[] => [...new Set((JSON.parse(json) as { results: Array<{ file: string }> }).results.map((r) => r.file))];

test('--jobs 3 gives the same report as --jobs 1, in every format', () => {
  for (const format of ['json', 'sarif', 'text']) {
    const one = scan('--format', format, '--jobs', '1');
    const three = scan('--format', format, '--jobs', '3');
    assert.equal(one.code, 0, one.err);
    assert.ok(one.out.length > 1000, `the corpus has findings (${format})`);
    assert.equal(three.out, one.out, `--jobs 3 differs from --jobs 1 in ${format}`);
    assert.equal(three.err, one.err);
  }
});

test('--shard i/n: disjoint shards that together are the whole scan, each the same on every run', () => {
  const whole = fileNames(scan('--format', 'json').out);
  const shards = [1, 2, 3].map((i) => fileNames(scan('--format', 'json', '--shard', `${i}/3`).out));
  for (const s of shards) assert.ok(s.length > 0 && s.length < whole.length, `a shard holds part of the files: ${s.length} of ${whole.length}`);
  assert.deepEqual(shards.flat().sort(), [...whole].sort(), 'every file with findings in exactly one shard');
  assert.deepEqual(fileNames(scan('--format', 'json', '--shard', '2/3', '--jobs', '2').out), shards[1], 'a shard is the same with other --jobs');
});

test('--jobs and --shard reject malformed values with exit 2', () => {
  for (const args of [
    ['--jobs', '0'],
    ['--jobs', 'two'],
    ['--shard', '0/3'],
    ['--shard', '4/3'],
    ['--shard', '1-3'],
  ]) {
    const r = scan(...args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
    assert.match(r.err, new RegExp(args[0]));
  }
});
