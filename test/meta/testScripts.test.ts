// `npm test` checks the editor prerequisites before anything else and says what to install, then lint and
// formatting; the suites also run on their own (test:unit, test:lsp, test:e2e), and `npm test` runs them all.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../../scripts/generated';

const PREREQUISITES = path.join(REPO_ROOT, 'out', 'test', 'e2e', 'launch', 'prerequisites.js');
const scripts = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

test('npm test checks the prerequisites first, then lint and formatting, then runs every suite', () => {
  assert.deepEqual(scripts.test.split(' && '), ['npm run test:prerequisites', 'npm run lint', 'npm run format:check', 'npm run test:unit', 'npm run test:lsp', 'npm run test:e2e']);
  assert.match(scripts['test:prerequisites'], /prerequisites\.js$/);
  // The desktop suite, then the web extension in the web-worker extension host.
  assert.match(scripts['test:e2e'], /^npm run test:prerequisites && .*codeServer\.js && node out\/test\/e2e\/launch\/web\.js$/);
  for (const dir of ['rules', 'engine', 'meta', 'cli', 'fuzz']) assert.match(scripts['test:unit'], new RegExp(`out/test/${dir}\\b`));
  assert.match(scripts['test:lsp'], /out\/test\/lsp\b/);
});

test('without Chromium the check fails at once and says what to install', () => {
  const r = spawnSync(process.execPath, [PREREQUISITES], { env: { ...process.env, BULKHEAD_CHROMIUM: path.join(REPO_ROOT, 'no-such-chromium') }, encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /apt-get install chromium/);
  assert.match(r.stderr, /npm run test:unit/);
});
