// The launcher of dist/cli.js and dist/server.js (server/src/host/launch.ts) runs the bundle beside it
// from V8's code cache: written by the first run under code-cache/ beside the bundle, used as it is by
// the next runs, rewritten when V8 rejects it, and the caches of earlier bundles removed.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { version } from '../../package.json';

const DIST = path.resolve(__dirname, '..', '..', '..', 'dist');

/** `node <dir>/cli.js --version`: the version it prints. */
function runVersion(dir: string): string {
  const r = spawnSync(process.execPath, [path.join(dir, 'cli.js'), '--version'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

test('the CLI writes its code cache once, uses it after, and rewrites a rejected one', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-launch-'));
  try {
    for (const file of ['cli.js', 'cli.bundle.js', 'cel.js']) fs.copyFileSync(path.join(DIST, file), path.join(dir, file));
    const cacheDir = path.join(dir, 'code-cache');

    assert.equal(runVersion(dir), version);
    const written = fs.readdirSync(cacheDir);
    assert.equal(written.length, 1, `one cache: ${written.join(', ')}`);
    assert.match(written[0], /^cli\.bundle\.[0-9a-f]{16}\..+\.v8$/, "named by the bundle's hash and the V8 version");
    const cache = path.join(cacheDir, written[0]);
    const first = fs.statSync(cache);
    assert.ok(first.size > 100_000, `a cache of the bundle's code: ${first.size} bytes`);

    assert.equal(runVersion(dir), version);
    assert.equal(fs.statSync(cache).mtimeMs, first.mtimeMs, 'the cache V8 accepted is not written again');

    // A cache V8 rejects (here, not a cache at all), beside one of an earlier bundle.
    fs.writeFileSync(cache, 'not a code cache');
    const earlier = path.join(cacheDir, 'cli.bundle.0123456789abcdef.0.v8');
    fs.writeFileSync(earlier, 'an earlier bundle');
    assert.equal(runVersion(dir), version);
    assert.ok(fs.statSync(cache).size > 100_000, 'the rejected cache is rewritten');
    assert.deepEqual(fs.readdirSync(cacheDir), written, "the earlier bundle's cache is removed");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a cache from a run that compiled little (--version) grows with the code a later scan compiles, then stays', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-launch-'));
  try {
    for (const file of ['cli.js', 'cli.bundle.js', 'cel.js']) fs.copyFileSync(path.join(DIST, file), path.join(dir, file));
    // Enough files for the scan to outlast GROWTH_CHECK_AFTER_MS on a fast machine.
    for (let i = 0; i < 300; i++) {
      fs.mkdirSync(path.join(dir, 'project', String(i)), { recursive: true });
      fs.writeFileSync(path.join(dir, 'project', String(i), 'Dockerfile'), `FROM alpine:3.20\nRUN apk add curl && echo ${i}\nUSER 10001\n`);
    }
    const scan = (): void => {
      const r = spawnSync(process.execPath, [path.join(dir, 'cli.js'), 'scan', path.join(dir, 'project'), '--format', 'json', '--fail-on', 'never'], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
    };
    assert.equal(runVersion(dir), version);
    const [name] = fs.readdirSync(path.join(dir, 'code-cache'));
    const cache = path.join(dir, 'code-cache', name);
    const started = fs.statSync(cache);
    scan();
    const grown = fs.statSync(cache);
    assert.ok(grown.size > started.size, `the scan's rule code is added: ${started.size} -> ${grown.size} bytes`);
    scan();
    assert.equal(fs.statSync(cache).mtimeMs, grown.mtimeMs, 'a scan that compiled nothing new leaves it');
    assert.deepEqual(fs.readdirSync(path.join(dir, 'code-cache')), [name]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** The built-in modules `node dist/cli.js <args>` loaded, of those a scan may do without (`preload`: a file to write the preload to). */
function optionalBuiltinsLoaded(args: string[], preload: string): string[] {
  fs.writeFileSync(preload, `process.on('exit', () => process.stderr.write('builtins ' + JSON.stringify(process.moduleLoadList)));`);
  const r = spawnSync(process.execPath, ['--require', preload, path.join(DIST, 'cli.js'), ...args], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const loaded = JSON.parse(/builtins (.*)/.exec(r.stderr)?.[1] ?? '[]') as string[];
  return loaded.map((m) => m.replace(/^NativeModule /, '')).filter((m) => ['crypto', 'worker_threads', 'fs/promises', 'perf_hooks'].includes(m));
}

test('a scan loads crypto, worker threads and promise-based fs only when it uses them (each cost a start a few ms)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-builtins-'));
  try {
    fs.mkdirSync(path.join(dir, 'project'));
    fs.writeFileSync(path.join(dir, 'project', 'Dockerfile'), 'FROM alpine:3.20\nUSER 10001\n');
    const scan = ['scan', path.join(dir, 'project'), '--fail-on', 'never', '--output', path.join(dir, 'report')];
    const preload = path.join(dir, 'preload.js');
    assert.deepEqual(optionalBuiltinsLoaded([...scan, '--format', 'json'], preload), []);
    assert.deepEqual(optionalBuiltinsLoaded([...scan, '--format', 'json', '--jobs', '2'], preload), ['worker_threads'], '--jobs starts its workers at once');
    assert.deepEqual(optionalBuiltinsLoaded([...scan, '--format', 'sarif'], preload), ['crypto'], 'SARIF fingerprints findings');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
