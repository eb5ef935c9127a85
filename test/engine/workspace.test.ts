// The Node-side walker, reader, boundary, host, fix writer and config loader shared by the CLI and the server.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { tempTrees } from '../harness/tempTree';
import { loadConfigFile, loadWorkspaceConfig, readTextFile, readTextFileSync, walkWorkspace, type WalkEntry, type WalkOptions } from '../../server/src/host/workspace';
import { Boundary } from '../../server/src/host/boundary';
import { DirectoryListings } from '../../server/src/host/directories';
import { isWithin } from '../../server/src/host/paths';
import { NodeWorkspaceHost } from '../../server/src/host/workspaceHost';
import { editWorkspaceFile } from '../../server/src/host/writeFile';

const MB = 1024 * 1024;

/** A temporary directory holding `files` (relative path → content). */
const tree = tempTrees('bulkhead-walk-');

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
const rel = (root: string, entries: WalkEntry[]) => entries.map((e) => path.relative(root, e.path).split(path.sep).join('/') + (e.skipped ? ` (${e.skipped})` : ''));

test('walk yields container candidates only, in name order, and never enters .git or node_modules', async () => {
  const root = tree({
    'Dockerfile': 'FROM a',
    'README.md': '#',
    'main.go': 'package main',
    'compose.yaml': 'services: {}',
    'deploy/pod.yml': 'kind: Pod',
    'deploy/api.Dockerfile': 'FROM a',
    'b/Containerfile': 'FROM a',
    '.git/Dockerfile': 'FROM a',
    'node_modules/pkg/compose.yaml': 'services: {}',
    'sub/node_modules/x.yaml': 'a: 1',
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
  assert.deepEqual(
    entries.map((e) => ({ ...e, path: path.basename(e.path) })),
    [
      { path: 'notes.txt', explicit: true },
      { path: 'missing', skipped: 'cannot read: ENOENT' },
    ],
  );
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

/** Turns of the event loop's check phase taken while `during` runs. */
async function turnsDuring(during: () => Promise<void>): Promise<number> {
  let turns = 0;
  let running = true;
  const turn = (): void => {
    turns++;
    if (running) setImmediate(turn);
  };
  setImmediate(turn);
  await during();
  running = false;
  return turns;
}

test('a walk gives other events a turn while it holds the thread, not one per directory', async () => {
  const files = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`d${i}/Dockerfile`, 'FROM a']));
  const root = tree(files);
  const quick = await turnsDuring(async () => assert.equal((await walk([root])).length, 200));
  assert.ok(quick < 100, `${quick} turns for 200 directories`);
  // A caller that holds the thread on each entry (a server analyzing as it walks) still lets other events in.
  const entries: WalkEntry[] = [];
  const slow = await turnsDuring(async () => {
    for await (const entry of walkWorkspace([root], { exclude: [], maxFileBytes: MB, contains: () => true })) {
      const start = performance.now();
      while (performance.now() - start < 1); // 1 ms of work on each entry
      if (entries.push(entry) === 20) break;
    }
  });
  assert.ok(slow >= 2, `${slow} turns over 20 entries of 1 ms each`);
});

test('readTextFile and readTextFileSync: UTF-8 text without BOM; binary, invalid UTF-8, oversize and missing files are skipped with a reason', async () => {
  const root = tree({
    'bom.yaml': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('kind: Pod\n')]),
    'utf8.yaml': 'name: café ✓\n',
    'bin.yaml': Buffer.from([0x61, 0x00, 0x62]),
    'latin1.yaml': Buffer.from([0x63, 0x61, 0x66, 0xe9]),
    'big.yaml': 'x'.repeat(50),
  });
  for (const reader of [readTextFile, readTextFileSync]) {
    const read = async (name: string, max = MB) => reader(path.join(root, name), max);
    assert.deepEqual(await read('bom.yaml'), { text: 'kind: Pod\n' });
    assert.deepEqual(await read('utf8.yaml'), { text: 'name: café ✓\n' });
    assert.deepEqual(await read('bin.yaml'), { skipped: 'binary content' });
    assert.deepEqual(await read('latin1.yaml'), { skipped: 'not valid UTF-8' });
    assert.deepEqual(await read('big.yaml', 10), { skipped: 'larger than 10 bytes (50)' });
    assert.deepEqual(await read('missing.yaml'), { skipped: 'cannot read: ENOENT' });
    assert.deepEqual(await read('bom.yaml/below'), { skipped: 'cannot read: ENOTDIR' });
  }
});

test('readTextFile and readTextFileSync open only a regular file: a FIFO would block the thread reading it', { skip: process.platform === 'win32' }, async () => {
  const root = tree({});
  const fifo = path.join(root, 'Dockerfile');
  execFileSync('mkfifo', [fifo]);
  for (const reader of [readTextFile, readTextFileSync]) {
    assert.deepEqual(await reader(fifo, MB), { skipped: 'not a regular file' });
    assert.deepEqual(await reader(root, MB), { skipped: 'not a regular file' });
  }
  // A committed config that is a FIFO would otherwise hang the scan that loads it.
  execFileSync('mkfifo', [path.join(root, '.bulkhead.yaml')]);
  assert.deepEqual((await loadWorkspaceConfig(root)).errors, ['.bulkhead.yaml: not a regular file']);
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
  assert.deepEqual(unreadable.errors, ['.bulkhead.yaml: not a regular file']);
});

test('loadConfigFile labels errors with the path it was given', async () => {
  const root = tree({ 'ci.yaml': 'rules: [' });
  const file = path.join(root, 'ci.yaml');
  const loaded = await loadConfigFile(file);
  assert.equal(loaded.errors.length, 1);
  assert.ok(loaded.errors[0].startsWith(`${file}: cannot parse`), loaded.errors[0]);
  assert.deepEqual((await loadConfigFile(path.join(root, 'none.yaml'))).errors, [`${path.join(root, 'none.yaml')}: cannot read: ENOENT`]);
});

/** `outside/` beside a workspace `ws/` holding `links` (name in ws → target relative to ws). */
function linkedTree(links: Record<string, string>, files: Record<string, string> = {}) {
  const top = tree({ 'outside/Dockerfile': 'FROM a', 'outside/sub/compose.yaml': 'services: {}', 'outside/notes.txt': 'x', ...files });
  const ws = path.join(top, 'ws');
  fs.mkdirSync(ws, { recursive: true });
  for (const [name, target] of Object.entries(links)) fs.symlinkSync(target, path.join(ws, name));
  return { top, ws, outside: path.join(top, 'outside') };
}

test('links out of the workspace are not walked: a directory or a candidate file is yielded as skipped, other names not at all', async () => {
  const { ws } = linkedTree({ 'linked': '../outside', 'Dockerfile': '../outside/Dockerfile', 'notes.txt': '../outside/notes.txt', 'loop': '.' }, { 'ws/app/compose.yaml': 'services: {}' });
  assert.deepEqual(rel(ws, await walk([ws])), ['Dockerfile (symbolic link out of the workspace)', 'app/compose.yaml', 'linked (symbolic link out of the workspace)']);
});

test('a root outside the boundary is skipped; a file named with % is a name, never decoded (the walk does not throw)', async () => {
  const { ws, outside } = linkedTree({}, { 'ws/50%off.txt': 'x', 'ws/Dockerfile%2Ebak': 'FROM a', 'ws/Dockerfile.50%': 'FROM a' });
  const boundary = new Boundary([ws]);
  const entries: WalkEntry[] = [];
  for await (const e of walkWorkspace([ws, outside], { exclude: [], maxFileBytes: MB, contains: (p) => boundary.contains(p) })) entries.push(e);
  assert.deepEqual(rel(ws, entries), ['Dockerfile.50%', '../outside (outside the workspace)']);
});

for (const listed of [false, true]) {
  test(`Boundary${listed ? ' over directories already listed' : ''}: real paths decide; a missing file inside is inside (a fix may create it), a dangling or looping link is outside`, () => {
    const { top, ws, outside } = linkedTree({ 'linked': '../outside', 'dangling': '../outside/nothing', 'loop': 'loop', 'back': '../ws/app' }, { 'ws/app/x.env': 'A=1' });
    fs.symlinkSync(ws, path.join(top, 'alias'));
    // Listed, every directory answers from its entries what an lstat would: links are still followed to where they lead.
    const listings = new DirectoryListings();
    if (listed) for (const dir of [top, ws, path.join(ws, 'app'), outside]) listings.read(dir);
    const boundary = new Boundary([path.join(top, 'alias')], listings);
    const inside = (p: string) => boundary.contains(path.join(ws, p));
    assert.equal(inside('app/x.env'), true);
    assert.equal(inside('app/.dockerignore'), true, 'missing, inside');
    assert.equal(inside('new/dir/.gitignore'), true, 'missing directories, inside');
    assert.equal(inside('back/x.env'), true, 'a link that stays inside');
    assert.equal(inside('linked'), false);
    assert.equal(inside('linked/Dockerfile'), false);
    assert.equal(inside('linked/missing.env'), false, 'missing, behind a link out');
    assert.equal(inside('dangling'), false, 'writing to it would create the target');
    assert.equal(inside('loop'), false);
    assert.equal(inside('../outside/Dockerfile'), false);
    assert.equal(boundary.contains(outside), false);
    assert.equal(boundary.contains(path.join(top, 'alias', 'app', 'x.env')), true, 'a root reached through a link');
  });
}

test('DirectoryListings: a listed directory answers what is in it, or that nothing is; a name another case or Unicode form may match asks the disk', () => {
  const root = tree({ 'Dockerfile': 'FROM a', 'caf\u00e9/x': '', 'sub/y': '' });
  const listings = new DirectoryListings();
  assert.equal(listings.known(path.join(root, 'Dockerfile')), undefined, 'not listed yet');
  assert.deepEqual(
    listings
      .read(root)
      .map((e) => e.name)
      .sort(),
    ['Dockerfile', 'caf\u00e9', 'sub'],
  );
  assert.ok(listings.known(path.join(root, 'Dockerfile'))?.isFile());
  assert.ok(listings.known(path.join(root, 'sub'))?.isDirectory());
  assert.equal(listings.known(path.join(root, '.dockerignore')), null);
  assert.equal(listings.known(path.join(root, 'sub', 'y')), undefined, 'sub is not listed');
  assert.equal(listings.known(path.join(root, 'DOCKERFILE')), undefined, 'the same file on a case-insensitive file system');
  assert.equal(listings.known(path.join(root, 'cafe\u0301')), undefined, 'the same file where names are normalized');
  fs.writeFileSync(path.join(root, '.dockerignore'), '*');
  assert.equal(listings.known(path.join(root, '.dockerignore')), null, 'kept until forgotten');
  listings.forget();
  listings.read(root);
  assert.ok(listings.known(path.join(root, '.dockerignore'))?.isFile());
});

test("a walk that lists through the host's listings yields the same entries, and leaves each directory listed for the analysis", async () => {
  const root = tree({ 'Dockerfile': 'FROM a', 'b/compose.yaml': 'services: {}', 'a/pod.yaml': 'kind: Pod', 'a/notes.txt': 'x' });
  const host = new NodeWorkspaceHost({ roots: [root], maxFileBytes: MB });
  const shared = await walk([root], { readdir: (dir) => host.directories.read(dir) });
  assert.deepEqual(rel(root, shared), rel(root, await walk([root])));
  for (const file of ['Dockerfile', 'a/notes.txt', 'b/compose.yaml']) assert.ok(host.directories.known(path.join(root, file)), file);
  assert.deepEqual(
    host.directories.read(root).map((e) => e.name),
    fs.readdirSync(root),
    "the walk's sort leaves the listing in the disk's order",
  );
});

test('NodeWorkspaceHost answers a read of a file absent from a directory it listed without the disk, until invalidate()', () => {
  const root = tree({ 'app/Dockerfile': 'FROM a' });
  const host = new NodeWorkspaceHost({ roots: [root], maxFileBytes: MB });
  const posix = (p: string) => p.split(path.sep).join('/');
  assert.deepEqual(host.listFiles(posix(path.join(root, 'app'))), ['Dockerfile']);
  fs.writeFileSync(path.join(root, 'app', '.dockerignore'), '*');
  assert.equal(host.readFile(posix(path.join(root, 'app', '.dockerignore'))), undefined, 'absent when listed');
  host.invalidate();
  assert.equal(host.readFile(posix(path.join(root, 'app', '.dockerignore'))), '*');
  assert.deepEqual(host.listFiles(posix(path.join(root, 'app'))), ['.dockerignore', 'Dockerfile']);
});

test('NodeWorkspaceHost refuses to read or list outside, even when asked directly, and its listings never follow links', () => {
  const { ws, outside } = linkedTree({ 'linked': '../outside', 'Dockerfile': '../outside/Dockerfile' }, { 'ws/app/Dockerfile': 'FROM b', 'ws/app/.env': 'A=1' });
  const host = new NodeWorkspaceHost({ roots: [ws], maxFileBytes: MB });
  const posix = (p: string) => p.split(path.sep).join('/');
  assert.equal(host.readFile(posix(path.join(ws, 'app', 'Dockerfile'))), 'FROM b');
  assert.equal(host.readFile(posix(path.join(ws, 'Dockerfile'))), undefined);
  assert.equal(host.readFile(posix(path.join(ws, 'linked', 'Dockerfile'))), undefined);
  assert.equal(host.readFile(posix(path.join(outside, 'Dockerfile'))), undefined);
  assert.equal(host.listFiles(posix(path.join(ws, 'linked'))), undefined);
  assert.deepEqual(host.listFiles(posix(ws)), ['app/.env', 'app/Dockerfile']);
  assert.deepEqual(host.yamlFiles(), []);
});

test('editWorkspaceFile: writes inside; refuses outside, a link (inside or out), a non-regular file; creates only where nothing is', async () => {
  const { ws, outside } = linkedTree({ 'linked': '../outside', 'Dockerfile': '../outside/Dockerfile', 'inner': 'app/Dockerfile' }, { 'ws/app/Dockerfile': 'FROM b' });
  const boundary = new Boundary([ws]);
  const contains = (p: string) => boundary.contains(p);
  const edit = (rel: string, create = false) =>
    editWorkspaceFile(path.join(ws, rel), (t) => `${t}!`, { create, contains }).then(
      () => 'written',
      (e: Error) => e.message,
    );
  assert.equal(await edit('app/Dockerfile'), 'written');
  assert.equal(fs.readFileSync(path.join(ws, 'app', 'Dockerfile'), 'utf8'), 'FROM b!');
  assert.equal(await edit('app/.dockerignore', true), 'written');
  assert.equal(fs.readFileSync(path.join(ws, 'app', '.dockerignore'), 'utf8'), '!');
  assert.equal(await edit('app/.dockerignore', true), "EEXIST: file already exists, open '" + path.join(ws, 'app', '.dockerignore') + "'");
  assert.equal(await edit('Dockerfile'), 'outside the workspace');
  assert.equal(await edit('linked/.gitignore', true), 'outside the workspace');
  assert.equal(await edit('inner'), 'a symbolic link (fix the file it points to)');
  assert.equal(await edit('app'), 'not a regular file');
  assert.equal(fs.readFileSync(path.join(outside, 'Dockerfile'), 'utf8'), 'FROM a');
  assert.equal(fs.existsSync(path.join(outside, '.gitignore')), false);
  assert.equal(fs.readFileSync(path.join(ws, 'app', 'Dockerfile'), 'utf8'), 'FROM b!', 'not through the inside link either');
});

test('isWithin is lexical containment: the root itself and below, never a sibling sharing its prefix or a way up', () => {
  const root = path.resolve('/ws/app');
  for (const inside of ['/ws/app', '/ws/app/a', '/ws/app/..b/c']) assert.ok(isWithin(root, path.resolve(inside)), inside);
  for (const outside of ['/ws/application', '/ws', '/ws/app/../other', '/']) assert.ok(!isWithin(root, path.resolve(outside)), outside);
});
