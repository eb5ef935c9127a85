// The Node-side walker, reader and config loader shared by the CLI and the server's workspace scan.
import { after, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfigFile, loadWorkspaceConfig, readTextFile, walkWorkspace, type WalkEntry, type WalkOptions } from '../../server/src/node/workspace';
import { Boundary } from '../../server/src/node/boundary';

const MB = 1024 * 1024;

const temps: string[] = [];
after(() => temps.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** A temporary directory holding `files` (relative path → content). */
function tree(files: Record<string, string | Buffer>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-walk-'));
  temps.push(root);
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), content);
  }
  return root;
}

/** The CLI's default boundary: the walked directories, a file standing for its directory. */
function boundaryOf(roots: string[]): Boundary {
  return new Boundary(roots.map((r) => (fs.existsSync(r) && fs.statSync(r).isDirectory() ? r : path.dirname(r))));
}

async function walk(roots: string[], opts: Partial<WalkOptions> = {}): Promise<WalkEntry[]> {
  const out: WalkEntry[] = [];
  const boundary = boundaryOf(roots);
  for await (const e of walkWorkspace(roots, { exclude: [], maxFileBytes: MB, contains: (p) => boundary.contains(p), ...opts })) out.push(e);
  return out;
}

/** Walked paths relative to `root`, forward slashes, with the skip reason when there is one. */
const rel = (root: string, entries: WalkEntry[]) =>
  entries.map((e) => path.relative(root, e.path).split(path.sep).join('/') + (e.skipped ? ` (${e.skipped})` : ''));

test('walk yields container candidates only, in name order, and never enters .git or node_modules', async () => {
  const root = tree({
    'Dockerfile': 'FROM a', 'README.md': '#', 'main.go': 'package main', 'compose.yaml': 'services: {}',
    'deploy/pod.yml': 'kind: Pod', 'deploy/api.Dockerfile': 'FROM a', 'b/Containerfile': 'FROM a',
    '.git/Dockerfile': 'FROM a', 'node_modules/pkg/compose.yaml': 'services: {}', 'sub/node_modules/x.yaml': 'a: 1',
  });
  assert.deepEqual(rel(root, await walk([root])), ['Dockerfile', 'b/Containerfile', 'compose.yaml', 'deploy/api.Dockerfile', 'deploy/pod.yml']);
});

test('exclude globs match paths relative to the scanned root, files and whole directories', async () => {
  const root = tree({ 'Dockerfile': 'FROM a', 'vendor/Dockerfile': 'FROM a', 'a/generated/x.yaml': 'a: 1', 'a/keep.yaml': 'a: 1', 'charts/c/values.yaml': 'a: 1' });
  const entries = await walk([root], { exclude: ['vendor/**', '**/generated/**', '**/values.yaml'] });
  assert.deepEqual(rel(root, entries), ['Dockerfile', 'a/keep.yaml']);
});

test('files over the size cap are yielded as skipped with the reason, before any read', async () => {
  const root = tree({ 'big.yaml': 'a: 1\n'.repeat(300), 'small.yaml': 'a: 1\n' });
  assert.deepEqual(rel(root, await walk([root], { maxFileBytes: 1000 })), ['big.yaml (larger than 1000 bytes (1500))', 'small.yaml']);
});

test('symlink loops end, and every file is yielded once even through several links or overlapping roots', { timeout: 10_000 }, async (t) => {
  const root = tree({ 'a/Dockerfile': 'FROM a' });
  try {
    fs.symlinkSync(root, path.join(root, 'a', 'loop'), 'dir');
    fs.symlinkSync(path.join(root, 'a'), path.join(root, 'alias'), 'dir');
    fs.symlinkSync(path.join(root, 'a', 'Dockerfile'), path.join(root, 'Dockerfile'));
  } catch {
    t.skip('symlinks are not available here');
    return;
  }
  const entries = await walk([root, path.join(root, 'a')]);
  assert.equal(entries.length, 1, rel(root, entries).join(', '));
  assert.ok(['Dockerfile', 'a/Dockerfile'].includes(rel(root, entries)[0]));
});

test('a dangling symlink is ignored', async (t) => {
  const root = tree({ 'Dockerfile': 'FROM a' });
  try {
    fs.symlinkSync(path.join(root, 'gone.yaml'), path.join(root, 'broken.yaml'));
  } catch {
    t.skip('symlinks are not available here');
    return;
  }
  assert.deepEqual(rel(root, await walk([root])), ['Dockerfile']);
});

test('roots: an explicit file is yielded whatever its name; a missing root is skipped with the reason', async () => {
  const root = tree({ 'notes.txt': 'FROM a' });
  const entries = await walk([path.join(root, 'notes.txt'), path.join(root, 'missing')]);
  assert.deepEqual(entries.map((e) => ({ ...e, path: path.basename(e.path) })), [
    { path: 'notes.txt', explicit: true },
    { path: 'missing', skipped: 'cannot read: ENOENT' },
  ]);
});

test('an aborted signal stops the walk', async () => {
  const root = tree({ 'a/Dockerfile': 'FROM a', 'b/Dockerfile': 'FROM a', 'c/Dockerfile': 'FROM a' });
  const abort = new AbortController();
  const seen: string[] = [];
  for await (const e of walkWorkspace([root], { exclude: [], maxFileBytes: MB, contains: () => true, signal: abort.signal })) {
    seen.push(e.path);
    abort.abort();
  }
  assert.equal(seen.length, 1);
});

test('readTextFile: UTF-8 text without BOM; binary, invalid UTF-8, oversize and missing files are skipped with a reason', async () => {
  const root = tree({
    'bom.yaml': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('kind: Pod\n')]),
    'utf8.yaml': 'name: café ✓\n',
    'bin.yaml': Buffer.from([0x61, 0x00, 0x62]),
    'latin1.yaml': Buffer.from([0x63, 0x61, 0x66, 0xe9]),
    'big.yaml': 'x'.repeat(50),
  });
  const read = (name: string, max = MB) => readTextFile(path.join(root, name), max);
  assert.deepEqual(await read('bom.yaml'), { text: 'kind: Pod\n' });
  assert.deepEqual(await read('utf8.yaml'), { text: 'name: café ✓\n' });
  assert.deepEqual(await read('bin.yaml'), { skipped: 'binary content' });
  assert.deepEqual(await read('latin1.yaml'), { skipped: 'not valid UTF-8' });
  assert.deepEqual(await read('big.yaml', 10), { skipped: 'larger than 10 bytes (50)' });
  assert.deepEqual(await read('missing.yaml'), { skipped: 'cannot read: ENOENT' });
});

test('loadWorkspaceConfig: none, YAML before JSON, invalid entries reported, unreadable reported', async () => {
  assert.deepEqual(await loadWorkspaceConfig(tree({})), { config: {}, errors: [] });

  const both = tree({ '.bulkhead.yaml': 'rules:\n  DF006: off\n', '.bulkhead.json': '{"rules": {"DF006": "error"}}' });
  assert.deepEqual(await loadWorkspaceConfig(both), { config: { rules: { DF006: 'off' } }, errors: [], path: path.join(both, '.bulkhead.yaml') });

  const json = tree({ '.bulkhead.json': '{"trustedRegistries": ["ghcr.io/acme"]}' });
  assert.deepEqual((await loadWorkspaceConfig(json)).config, { trustedRegistries: ['ghcr.io/acme'] });

  const invalid = await loadWorkspaceConfig(tree({ '.bulkhead.yml': 'rules:\n  DF006: loud\n' }));
  assert.deepEqual(invalid.errors, ['.bulkhead.yml: rules.DF006: expected off, info, warning or error']);

  const dir = tree({ '.bulkhead.yaml/inner': 'x' });
  const unreadable = await loadWorkspaceConfig(dir);
  assert.equal(unreadable.path, path.join(dir, '.bulkhead.yaml'));
  assert.deepEqual(unreadable.errors, ['.bulkhead.yaml: cannot read: EISDIR']);
});

test('loadConfigFile labels errors with the path it was given', async () => {
  const root = tree({ 'ci.yaml': 'rules: [' });
  const file = path.join(root, 'ci.yaml');
  const loaded = await loadConfigFile(file);
  assert.equal(loaded.errors.length, 1);
  assert.ok(loaded.errors[0].startsWith(`${file}: cannot parse`), loaded.errors[0]);
  assert.deepEqual((await loadConfigFile(path.join(root, 'none.yaml'))).errors, [`${path.join(root, 'none.yaml')}: cannot read: ENOENT`]);
});
