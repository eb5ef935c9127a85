// Fixes that move a credential keep it in the workspace, and what they leave works: the pod references
// a Secret that exists (XF008 finds it), the file holding it is not reported as committed (K8S083),
// and fix-all never applies the text of a move whose file is not written yet (the value would be lost).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze, applyEdits, fixAll, fixAllWriting, memoryHost, mergeConfig, type Finding } from '../../server/src/engine/index';

const config = mergeConfig({ rules: { XF008: 'warning' } });
const GIT = { '/ws/.git/HEAD': 'ref: refs/heads/main\n' };
const deployment =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: example/api:1.0\n          env:\n            - name: DB_PASSWORD\n              value: hunter2hunter2\n';
// A Secret manifest elsewhere: the workspace manages Secrets, so XF008 checks every reference.
const committed = { '/ws/db/secret.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: ""\n' };

/** Applies the first fix of `finding`, its edits to other files included, to `files`; returns the new text. */
function applyFix(finding: Finding, text: string, files: Record<string, string>): string {
  const fix = finding.fixes[0];
  for (const edit of fix.fileEdits ?? []) files[edit.path] = applyEdits(files[edit.path] ?? '', edit.edits);
  return applyEdits(text, fix.edits);
}

test('K8S080: the pod references a Secret that exists and has the key; the Secret file is not reported as committed', () => {
  const files: Record<string, string> = { ...GIT, ...committed };
  const uri = 'file:///ws/deploy.yaml';
  const finding = analyze({ uri, text: deployment, workspace: memoryHost(files, '/ws') }, config).findings.find((f) => f.ruleId === 'K8S080')!;
  const fixed = applyFix(finding, deployment, files);
  const after = analyze({ uri, text: fixed, workspace: memoryHost(files, '/ws') }, config).findings.map((f) => f.ruleId);
  assert.ok(!after.includes('XF008'), `a reference is missing: ${after.join(', ')}`);
  assert.ok(!after.includes('K8S080'));
  assert.match(files['/ws/api-secrets.secret.yaml'], /stringData:\n {2}db_password: hunter2hunter2\n$/);
  const secretFile = analyze({ uri: 'file:///ws/api-secrets.secret.yaml', text: files['/ws/api-secrets.secret.yaml'], workspace: memoryHost(files, '/ws') }, config);
  assert.deepEqual(
    secretFile.findings.filter((f) => f.ruleId === 'K8S083').map((f) => f.message),
    [],
  );
  assert.equal(files['/ws/.gitignore'], '/api-secrets.secret.yaml\n');
});

test('fix-all waits for a move whose file is not written yet, then applies it once it is', () => {
  const text = 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: hunter2hunter2\n';
  const uri = 'file:///ws/compose.yaml';
  const files: Record<string, string> = { ...GIT };
  const waiting = fixAll({ uri, text, workspace: memoryHost(files, '/ws') }, config, ['unsafe']);
  assert.match(waiting.text, /POSTGRES_PASSWORD: hunter2hunter2/, 'the value must not leave the file before its new file exists');
  // The host writes the file edits first (as scan --fix does), then fixes the text.
  const finding = analyze({ uri, text, workspace: memoryHost(files, '/ws') }, config).findings.find((f) => f.ruleId === 'DC005')!;
  for (const edit of finding.fixes[0].fileEdits ?? []) files[edit.path] = applyEdits(files[edit.path] ?? '', edit.edits);
  const done = fixAll({ uri, text, workspace: memoryHost(files, '/ws') }, config, ['unsafe']);
  assert.match(done.text, /POSTGRES_PASSWORD_FILE: \/run\/secrets\/postgres_password/);
  assert.equal(files['/ws/secrets/postgres_password.txt'], 'hunter2hunter2');
});

test('fixAllWriting writes the moved value first, then fixes the text, in one loop; a failed write stops only the moves', async () => {
  const text = 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: hunter2hunter2\n';
  const uri = 'file:///ws/compose.yaml';
  const files: Record<string, string> = { ...GIT };
  const writes: string[][] = [];
  const done = await fixAllWriting({ uri, text, workspace: memoryHost(files, '/ws') }, config, ['unsafe'], async (edits) => {
    writes.push(edits.map((e) => e.path));
    for (const edit of edits) files[edit.path] = applyEdits(files[edit.path] ?? '', edit.edits);
    return true;
  });
  assert.match(done.text, /POSTGRES_PASSWORD_FILE: \/run\/secrets\/postgres_password/);
  assert.equal(files['/ws/secrets/postgres_password.txt'], 'hunter2hunter2');
  assert.equal(new Set(writes.flat()).size, writes.flat().length, 'each file is written once per pass and never twice');

  const refused = await fixAllWriting({ uri, text, workspace: memoryHost({ ...GIT }, '/ws') }, config, ['unsafe'], async () => false);
  assert.match(refused.text, /POSTGRES_PASSWORD: hunter2hunter2/, 'the value stays where it is when its new file cannot be written');
  assert.ok(refused.remaining.some((f) => f.ruleId === 'DC005'));
});

test('fixAll with a synchronous writer moves the value and fixes the text in one call', () => {
  const text = 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: hunter2hunter2\n';
  const files: Record<string, string> = { ...GIT };
  const done = fixAll({ uri: 'file:///ws/compose.yaml', text, workspace: memoryHost(files, '/ws') }, config, ['unsafe'], (edits) => {
    for (const edit of edits) files[edit.path] = applyEdits(files[edit.path] ?? '', edit.edits);
    return true;
  });
  assert.match(done.text, /POSTGRES_PASSWORD_FILE: \/run\/secrets\/postgres_password/);
  assert.equal(files['/ws/secrets/postgres_password.txt'], 'hunter2hunter2');
});
