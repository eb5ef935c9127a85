// test/corpus holds third-party files: each must be the file its project published (same bytes), under a
// license that allows redistributing it here, with that license's text and notices beside it, and none of
// it may ship in the extension or the npm package.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import gitignore from 'ignore';
import { minimatch } from 'minimatch';
import { REPO_ROOT } from '../../scripts/generated';
import { CORPUS_FOLDERS, filesUnder, IN_REPO_CORPUS } from '../../scripts/corpus';

/** Permissive licenses that ask for attribution only: no copyleft, no Commons Clause. */
const REDISTRIBUTABLE = new Set(['Apache-2.0', 'MIT', 'BSD-2-Clause', 'BSD-3-Clause']);
const COLUMNS = ['path', 'repo', 'commit', 'source_path', 'license', 'license_text', 'sha256'];

const read = (rel: string) => fs.readFileSync(path.join(IN_REPO_CORPUS, rel), 'utf8');
const [header, ...rows] = read('FILES.tsv')
  .trimEnd()
  .split('\n')
  .map((l) => l.split('\t'));
const entries = rows.map((cells) => Object.fromEntries(COLUMNS.map((c, i) => [c, cells[i]])) as Record<(typeof COLUMNS)[number], string>);
const corpusFiles = Object.keys(CORPUS_FOLDERS)
  .filter((f) => fs.existsSync(path.join(IN_REPO_CORPUS, f)))
  .flatMap((f) => filesUnder(path.join(IN_REPO_CORPUS, f)))
  .map((f) => path.relative(IN_REPO_CORPUS, f).split(path.sep).join('/'));

test('FILES.tsv lists every corpus file once, with its origin and unchanged bytes', () => {
  assert.deepEqual(header, COLUMNS);
  assert.deepEqual(entries.map((e) => e.path).sort(), [...corpusFiles].sort());
  for (const e of entries) {
    assert.match(e.repo, /^[\w.-]+\/[\w.-]+$/, e.path);
    assert.match(e.commit, /^[0-9a-f]{40}$/, e.path);
    assert.equal(e.path.split('/')[1], e.repo.replace('/', '__'), `${e.path} is filed under its repository`);
    assert.equal(
      crypto
        .createHash('sha256')
        .update(fs.readFileSync(path.join(IN_REPO_CORPUS, e.path)))
        .digest('hex'),
      e.sha256,
      `${e.path} differs from the file taken`,
    );
  }
});

test('every file is under a redistributable license whose text and notices are in the corpus', () => {
  const notice = read('NOTICE.md');
  for (const e of entries) {
    assert.ok(REDISTRIBUTABLE.has(e.license), `${e.path}: ${e.license}`);
    assert.ok(fs.existsSync(path.join(IN_REPO_CORPUS, e.license_text)), `${e.path}: ${e.license_text} is missing`);
    assert.ok(notice.includes(`| ${e.repo} | ${e.commit} |`), `${e.repo} at ${e.commit} has no entry in NOTICE.md`);
  }
});

test('the corpus ships in neither the extension nor the npm package', () => {
  const corpus = filesUnder(IN_REPO_CORPUS).map((f) => path.relative(REPO_ROOT, f).split(path.sep).join('/'));
  // npm reads .npmignore with .gitignore's rules.
  const npm = gitignore().add(fs.readFileSync(path.join(REPO_ROOT, '.npmignore'), 'utf8'));
  // vsce leaves out a file that an ignore pattern matches and no `!` pattern does (minimatch, dot files too).
  const patterns = fs
    .readFileSync(path.join(REPO_ROOT, '.vscodeignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const vsceIgnores = (f: string) => patterns.some((p) => !p.startsWith('!') && minimatch(f, p, { dot: true })) && !patterns.some((p) => p.startsWith('!') && minimatch(f, p.slice(1), { dot: true }));
  for (const f of corpus) {
    assert.ok(npm.ignores(f), `npm pack would ship ${f}`);
    assert.ok(vsceIgnores(f), `the .vsix would ship ${f}`);
  }
  // What each package is for still ships: the reading of both files above is not "ignore everything".
  assert.ok(!npm.ignores('dist/cli.js'), 'npm pack ships the CLI');
  assert.ok(!vsceIgnores('dist/extension.js') && !vsceIgnores('package.json'), 'the .vsix ships the extension');
});
