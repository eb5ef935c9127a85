// .bulkhead.yaml per folder: each scanned file gets the nearest config in its directory or above it
// inside the workspace (a monorepo's projects, a multi-root workspace's folders); it replaces, not
// merges with, configs further up. --config still applies one config to every file.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { tempTrees } from '../harness/tempTree';

const REPO = path.resolve(__dirname, '..', '..', '..');
const CLI = process.env.BULKHEAD_CLI ?? path.join(REPO, 'dist', 'cli.js');
const PRIVILEGED = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n';

const tempTree = tempTrees('bulkhead-monorepo-');

function monorepo(extra: Record<string, string> = {}): string {
  return tempTree({
    '.bulkhead.yaml': 'rules:\n  DC007: off\n',
    'a/.bulkhead.yaml': 'rules:\n  DC001: off\n',
    'a/svc/compose.yaml': PRIVILEGED,
    'b/compose.yaml': PRIVILEGED,
    ...extra,
  });
}

function rulesByFile(args: string[], cwd: string): Record<string, string[]> {
  const r = spawnSync(process.execPath, [CLI, 'scan', ...args, '--format', 'json', '--fail-on', 'never'], { cwd, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const out: Record<string, string[]> = {};
  for (const x of (JSON.parse(r.stdout) as { results: Array<{ file: string; ruleId: string }> }).results) (out[x.file] ??= []).push(x.ruleId);
  return out;
}

test('each file follows the nearest .bulkhead.yaml above it', () => {
  const dir = monorepo();
  const found = rulesByFile(['.'], dir);
  assert.ok(!found['a/svc/compose.yaml'].includes('DC001'), 'a/.bulkhead.yaml turns DC001 off for its project');
  assert.ok(found['a/svc/compose.yaml'].includes('DC007'), 'the nearest config replaces the root one');
  assert.ok(found['b/compose.yaml'].includes('DC001'), 'b has no config of its own: the root one');
  assert.ok(!found['b/compose.yaml'].includes('DC007'));
  // The same from inside a project, and when the projects are scanned as two folders.
  assert.ok(!rulesByFile(['.'], path.join(dir, 'a'))['svc/compose.yaml'].includes('DC001'));
  const two = rulesByFile(['a', 'b'], dir);
  assert.ok(!two['a/svc/compose.yaml'].includes('DC001') && two['b/compose.yaml'].includes('DC001'));
});

test('--config applies one config to every file', () => {
  const dir = monorepo();
  const found = rulesByFile(['.', '--config', '.bulkhead.yaml'], dir);
  assert.ok(found['a/svc/compose.yaml'].includes('DC001'));
  assert.ok(!found['a/svc/compose.yaml'].includes('DC007'));
});

test('an invalid config of a sub-project stops the scan (exit 2)', () => {
  const dir = monorepo({ 'b/.bulkhead.yaml': 'rules:\n  DC001: loud\n' });
  const r = spawnSync(process.execPath, [CLI, 'scan', '.'], { cwd: dir, encoding: 'utf8' });
  assert.equal(r.status, 2, r.stdout + r.stderr);
  assert.match(r.stderr, /invalid config/);
});
