// Baselines: record today's findings, then fail only on new ones. A recorded finding stays recorded when
// lines are inserted around it, spacing in its lines changes, or the scan runs from another directory; a new
// finding on a line identical to a recorded one in another object is new. SARIF carries the same fingerprint.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { tempTrees } from '../harness/tempTree';

const REPO = path.resolve(__dirname, '..', '..', '..');
const CLI = process.env.BULKHEAD_CLI ?? path.join(REPO, 'dist', 'cli.js');

const POD = (name: string, extra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: shop
spec:
  containers:
    - name: ${name}
      image: nginx:1.27
      securityContext:
        privileged: true
${extra}`;

const project = tempTrees('bulkhead-baseline-');

function cli(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, 'scan', ...args], { cwd, encoding: 'utf8' });
  if (r.error) throw r.error;
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const reported = (out: string): string[] => (JSON.parse(out) as { results: Array<{ file: string; ruleId: string }> }).results.map((r) => `${r.file}:${r.ruleId}`);

test('a baseline hides recorded findings through edits around them, and reports new ones', () => {
  const dir = project({ 'k8s/web.yaml': POD('web'), 'Dockerfile': 'FROM alpine:3.20\nRUN apk add curl\n' });
  const write = cli(['.', '--baseline-write', 'bulkhead-baseline.json', '--format', 'json'], dir);
  assert.equal(write.code, 0, write.err);
  assert.ok(reported(write.out).length > 3, 'the recording run still reports');
  const baseline = JSON.parse(fs.readFileSync(path.join(dir, 'bulkhead-baseline.json'), 'utf8')) as { files: Record<string, unknown[]> };
  assert.deepEqual(Object.keys(baseline.files), ['Dockerfile', 'k8s/web.yaml']);

  assert.equal(cli(['.', '--baseline', 'bulkhead-baseline.json'], dir).code, 0, 'nothing new');

  // Lines above and between, trailing spaces, spaces inside a line: the same findings.
  fs.writeFileSync(path.join(dir, 'k8s/web.yaml'), '# the web pod\n\n' + POD('web').replace('spec:\n', 'spec:\n  # one container\n\n').replace(/\n/g, '   \n'));
  fs.writeFileSync(path.join(dir, 'Dockerfile'), '# syntax=docker/dockerfile:1\n\nFROM alpine:3.20\nRUN   apk add curl\n');
  const moved = cli(['.', '--baseline', 'bulkhead-baseline.json', '--format', 'json'], dir);
  assert.deepEqual(reported(moved.out), [], moved.out);
  assert.equal(moved.code, 0);
  assert.match(moved.err, /finding\(s\) recorded in the baseline not reported/);

  // From another directory, the baseline's paths still match (they are relative to the baseline file).
  assert.equal(cli([dir, '--baseline', path.join(dir, 'bulkhead-baseline.json')], os.tmpdir()).code, 0);

  // A second pod with the very same privileged line is a new object: its findings are new.
  fs.appendFileSync(path.join(dir, 'k8s/web.yaml'), '---\n' + POD('api'));
  const added = cli(['.', '--baseline', 'bulkhead-baseline.json', '--format', 'json'], dir);
  assert.equal(added.code, 1);
  assert.ok(reported(added.out).includes('k8s/web.yaml:K8S001'), added.out);
  assert.ok(
    reported(added.out).every((r) => r.startsWith('k8s/web.yaml:')),
    'only the new pod',
  );
});

test('identical findings in one object are told apart by rank: a third copy is new', () => {
  const dir = project({ 'Dockerfile': 'FROM alpine:3.20\nUSER 10001\nRUN curl -k https://a.example/x\nRUN curl -k https://a.example/x\n' });
  cli(['.', '--baseline-write', 'b.json'], dir);
  fs.appendFileSync(path.join(dir, 'Dockerfile'), 'RUN curl -k https://a.example/x\n');
  const r = cli(['.', '--baseline', 'b.json', '--format', 'json', '--fail-on', 'info'], dir);
  const counts = (out: string) => reported(out).filter((x) => x.endsWith(':DF009')).length;
  assert.equal(counts(r.out), 1, r.out);
});

test('SARIF results carry the baseline fingerprint as partialFingerprints, stable across moved lines', () => {
  const dir = project({ 'pod.yaml': POD('web') });
  const prints = () =>
    (JSON.parse(cli(['.', '--format', 'sarif'], dir).out) as { runs: Array<{ results: Array<{ ruleId: string; partialFingerprints: Record<string, string> }> }> }).runs[0].results
      .map((r) => `${r.ruleId}:${r.partialFingerprints['bulkhead/v1']}`)
      .sort();
  const before = prints();
  assert.ok(before.length > 0 && before.every((p) => /:[0-9a-f]{32}$/.test(p)), before.join());
  fs.writeFileSync(path.join(dir, 'pod.yaml'), '\n\n' + POD('web'));
  assert.deepEqual(prints(), before);
  cli(['.', '--baseline-write', 'b.json'], dir);
  const recorded = (JSON.parse(fs.readFileSync(path.join(dir, 'b.json'), 'utf8')) as { files: Record<string, Array<{ rule: string; fingerprint: string }>> }).files['pod.yaml'];
  assert.deepEqual(recorded.map((e) => `${e.rule}:${e.fingerprint}`).sort(), before);
});

test('a missing or foreign baseline is an error (exit 2), and the two options exclude each other', () => {
  const dir = project({ 'pod.yaml': POD('web'), 'other.json': '{"version": 2}' });
  assert.equal(cli(['.', '--baseline', 'missing.json'], dir).code, 2);
  const foreign = cli(['.', '--baseline', 'other.json'], dir);
  assert.equal(foreign.code, 2);
  assert.match(foreign.err, /not a Bulkhead baseline/);
  assert.equal(cli(['.', '--baseline', 'a.json', '--baseline-write', 'b.json'], dir).code, 2);
});
