// `scan --fix --unsafe-fixes` on credentials, as users run it: the values move into files the fixes
// create and Git ignores, the files left behind are valid, and a second and third run change nothing.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempTrees } from '../harness/tempTree';
import { composeErrors, yamlErrors } from '../harness/fixValidity';

const REPO = path.resolve(__dirname, '..', '..', '..');
const CLI = process.env.BULKHEAD_CLI ?? path.join(REPO, 'dist', 'cli.js');

const FILES: Record<string, string> = {
  '.git/HEAD': 'ref: refs/heads/main\n',
  '.gitignore': 'node_modules/\n',
  'compose.yaml':
    'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: hunter2hunter2\n  replica:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: hunter2hunter2\n  cache:\n    image: redis:7\n    environment:\n      - REDIS_PASSWORD=s3cr3t-Pa55\n',
  'k8s/api.yaml':
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: example/api:1.0\n          env:\n            - name: DB_PASSWORD\n              value: hunter2hunter2\n            - name: API_TOKEN\n              value: abcd1234efgh5678\n',
  // A Secret manifest in the workspace: XF008 checks every Secret reference.
  'k8s/db.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: ""\n',
};

const tempTree = tempTrees('bulkhead-moved-');
const workspace = (): string => tempTree(FILES);

function scan(dir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, 'scan', '.', '--fail-on', 'never', ...args], { cwd: dir, encoding: 'utf8' });
  if (r.error) throw r.error;
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rel of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const p = path.join(dir, rel);
    if (fs.statSync(p).isFile()) out[rel.split(path.sep).join('/')] = fs.readFileSync(p, 'utf8');
  }
  return out;
}

test('scan --fix --unsafe-fixes keeps moved credentials in git-ignored files, leaves valid files, and a second and third run change nothing', () => {
  const dir = workspace();
  scan(dir, '--fix', '--unsafe-fixes');
  const first = snapshot(dir);
  assert.equal(first['secrets/postgres_password.txt'], 'hunter2hunter2');
  assert.equal(first['secrets/redis_password.txt'], 's3cr3t-Pa55');
  assert.deepEqual(first['.gitignore'].split('\n').sort(), ['', '/k8s/api-secrets.secret.yaml', '/secrets/postgres_password.txt', '/secrets/redis_password.txt', 'node_modules/'].sort());
  assert.deepEqual(composeErrors(first['compose.yaml']), []);
  assert.equal(first['compose.yaml'].match(/^ {2}postgres_password:$/gm)?.length, 1, 'one secret for the shared password');
  assert.match(first['k8s/api-secrets.secret.yaml'], /stringData:\n {2}db_password: hunter2hunter2\n {2}api_token: abcd1234efgh5678\n$/);
  for (const rel of ['k8s/api.yaml', 'k8s/api-secrets.secret.yaml']) assert.deepEqual(yamlErrors(first[rel]), [], rel);

  const results: Array<{ file: string; ruleId: string }> = JSON.parse(scan(dir, '--fix', '--unsafe-fixes', '--format', 'json')).results;
  const left = results.filter((r) => ['DC005', 'K8S080', 'XF008', 'K8S083'].includes(r.ruleId)).map((r) => `${r.file}:${r.ruleId}`);
  assert.deepEqual(left, [], 'moved, referenced, and not reported as committed');
  assert.deepEqual(snapshot(dir), first, 'the second run changed files');
  scan(dir, '--fix', '--unsafe-fixes');
  assert.deepEqual(snapshot(dir), first, 'the third run changed files');
});

test('SARIF leaves out fixes that also write other files: their replacements alone would drop the value', () => {
  const dir = workspace();
  const sarif = JSON.parse(scan(dir, '--format', 'sarif'));
  const moves = sarif.runs[0].results.filter((r: { ruleId: string }) => r.ruleId === 'DC005' || r.ruleId === 'K8S080');
  assert.ok(moves.length > 0);
  for (const r of moves) assert.deepEqual(r.fixes, [], `${r.ruleId} offers a fix without the file keeping the value`);
});
