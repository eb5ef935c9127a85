// The pre-commit hook (.pre-commit-hooks.yaml) as pre-commit runs it: its `files` pattern picks the
// staged files, its `entry` runs with them as arguments in the repository. Here in a temporary git
// repository, with `bulkhead` standing for the bundled CLI (what `language: node` installs).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempTrees } from '../harness/tempTree';
import { parse } from 'yaml';
import { isCandidate } from '../../server/src/engine/index';

const REPO = path.resolve(__dirname, '..', '..', '..');
const CLI = process.env.BULKHEAD_CLI ?? path.join(REPO, 'dist', 'cli.js');

interface Hook {
  id: string;
  entry: string;
  language: string;
  files: string;
  pass_filenames?: boolean;
}
const [hook] = parse(fs.readFileSync(path.join(REPO, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];

const tempTree = tempTrees('bulkhead-precommit-');
// The fixtures' images are judged as of a fixed date, so that their end of life does not fail the test later.
process.env.BULKHEAD_TODAY = '2025-01-01';

function git(repo: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: repo, encoding: 'utf8' });
}

function repository(files: Record<string, string>): string {
  const repo = tempTree(files);
  git(repo, 'init', '-q');
  return repo;
}

/** What pre-commit does for this hook: staged files matching `files`, passed to `entry`. */
function runHook(repo: string) {
  const staged = git(repo, 'diff', '--cached', '--name-only', '--diff-filter=ACMR', '-z').split('\0').filter(Boolean);
  const selected = staged.filter((f) => new RegExp(hook.files).test(f));
  const [command, ...args] = hook.entry.split(' ');
  assert.equal(command, 'bulkhead', 'the entry runs the package bin');
  const r = spawnSync(process.execPath, [CLI, ...args, ...(hook.pass_filenames === false ? [] : selected)], { cwd: repo, encoding: 'utf8' });
  return { selected, code: r.status, out: r.stdout + r.stderr };
}

const BAD_DOCKERFILE = 'FROM alpine:3.20\nRUN curl -k https://example.com/x -o /x\n';
const GOOD_DOCKERFILE = 'FROM alpine:3.20@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\nCOPY app.py /app/\nUSER 10001\nHEALTHCHECK CMD ["/app/health"]\n';
const PRIVILEGED_COMPOSE = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n';

test('the hook is a node hook installing the package bin', () => {
  assert.equal(hook.id, 'bulkhead');
  assert.equal(hook.language, 'node');
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { bin: Record<string, string>; scripts: Record<string, string> };
  assert.ok(pkg.bin.bulkhead, 'package.json bin "bulkhead"');
  assert.match(pkg.scripts.prepack, /build/, 'npm pack (run by pre-commit) builds dist/ first');
});

test('its files pattern selects what the CLI scans', () => {
  const names = [
    'Dockerfile',
    'app/Dockerfile.prod',
    'web.dockerfile',
    'Containerfile',
    'compose.yaml',
    'deploy/pod.yml',
    'k8s/A.YAML',
    '.bulkhead.yaml',
    '.bulkhead.json',
    'README.md',
    'src/app.py',
    'Dockerfile/readme.txt',
    'package.json',
  ];
  for (const name of names) assert.equal(new RegExp(hook.files).test(name), isCandidate(name), name);
});

test('on staged files: findings fail the commit; unstaged and other files are not checked', () => {
  const repo = repository({ 'Dockerfile': BAD_DOCKERFILE, 'notes.md': '# notes\n', 'compose.yaml': PRIVILEGED_COMPOSE, 'app.py': '' });
  git(repo, 'add', 'Dockerfile', 'notes.md');
  const run = runHook(repo);
  assert.deepEqual(run.selected, ['Dockerfile']);
  assert.equal(run.code, 1, run.out);
  assert.match(run.out, /Dockerfile/);
  assert.match(run.out, /DF009/);
  assert.doesNotMatch(run.out, /compose\.yaml|DC001/, 'the unstaged compose file is not checked');
});

test('on clean staged files the hook passes, and the repository config applies', () => {
  const repo = repository({ 'Dockerfile': GOOD_DOCKERFILE, 'app.py': '', 'compose.yaml': PRIVILEGED_COMPOSE, '.bulkhead.yaml': 'rules:\n  DC001: off\n  DC007: off\n' });
  git(repo, 'add', '.');
  const run = runHook(repo);
  assert.deepEqual(run.selected.sort(), ['.bulkhead.yaml', 'Dockerfile', 'compose.yaml']);
  assert.doesNotMatch(run.out, /DC001/, '.bulkhead.yaml at the repository root turns DC001 (and DC007) off');
  assert.equal(run.code, 0, run.out);
});
