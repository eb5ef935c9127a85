// bulkhead.baseline.file in the editor: the findings a baseline written by the CLI records are shown at hint
// level (or hidden, or unchanged, per bulkhead.baseline.showAs), new findings at their own severity, in
// open documents and scanned files; a baseline path leading out of the workspace folder is not read.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileUri, LspClient, REPO_ROOT, tempWorkspace, type PublishedDiagnostics } from '../harness/lspClient';

const CLI = process.env.BULKHEAD_CLI ?? path.join(REPO_ROOT, 'dist', 'cli.js');
const RECORDED = 'FROM alpine:3.20\nADD app.py /app/\n';
// A new line above the recorded one (its fingerprint does not depend on line numbers) and a new finding.
const EDITED = 'FROM alpine:3.20\nRUN echo start\nADD app.py /app/\nUSER root\n';
const HINT = 4;

/** code → severity of what was published, sorted. */
const severities = (p: PublishedDiagnostics): string[] => p.diagnostics.map((d) => `${String(d.code)}:${d.severity}`).sort();

function withBaselinedWorkspace(run: (client: LspClient, root: string) => Promise<void>): Promise<void> {
  const root = tempWorkspace({ 'app/Dockerfile': RECORDED, 'other/Dockerfile': RECORDED });
  const written = spawnSync(process.execPath, [CLI, 'scan', '.', '--baseline-write', '.bulkhead-baseline.json'], { cwd: root, encoding: 'utf8' });
  assert.equal(written.status, 0, written.stderr);
  const client = new LspClient();
  return (async () => {
    try {
      await client.initialize(root);
      await run(client, root);
      assert.equal(await client.stop(), 0);
    } finally {
      if (client.process.exitCode === null) client.process.kill();
      fs.rmSync(root, { recursive: true, force: true });
    }
  })();
}

/** Opens app/Dockerfile with the edited text under these settings; what the server published for it. */
async function openEdited(client: LspClient, root: string, baseline: object): Promise<PublishedDiagnostics> {
  await client.configure({ baseline });
  const uri = fileUri(path.join(root, 'app', 'Dockerfile'));
  await client.open(uri, 'dockerfile', EDITED);
  return client.waitForDiagnostics((p) => p.uri === uri && p.version === 1);
}

test('recorded findings are hints, new ones keep their severity; without the setting nothing changes', () =>
  withBaselinedWorkspace(async (client, root) => {
    const unbaselined = severities(await openEdited(client, root, {}));
    assert.ok(unbaselined.includes('DF006:2'), `ADD is a recorded finding: ${unbaselined.join(' ')}`);
    assert.ok(unbaselined.includes('DF001:2'), `USER root is a new one: ${unbaselined.join(' ')}`);

    await client.close(fileUri(path.join(root, 'app', 'Dockerfile')));
    client.reset();
    const hinted = severities(await openEdited(client, root, { file: '.bulkhead-baseline.json' }));
    // USER root is new; every other finding was recorded (DF001 "no USER" then is a different finding, now gone).
    assert.deepEqual(hinted, unbaselined.map((s) => (s.startsWith('DF001:') ? s : `${s.split(':')[0]}:${HINT}`)).sort());

    // The scan applies it to files read from disk too.
    client.reset();
    await client.connection.sendRequest('bulkhead/scanWorkspace', {});
    const other = client.allPublished().find((p) => p.uri === fileUri(path.join(root, 'other', 'Dockerfile')))!;
    assert.ok(other.diagnostics.length > 0 && other.diagnostics.every((d) => d.severity === HINT), JSON.stringify(severities(other)));
  }));

test('showAs hidden leaves recorded findings out, unchanged shows them as new', () =>
  withBaselinedWorkspace(async (client, root) => {
    const hidden = severities(await openEdited(client, root, { file: '.bulkhead-baseline.json', showAs: 'hidden' }));
    assert.deepEqual(hidden, ['DF001:2']);
    client.reset();
    await client.configure({ baseline: { file: '.bulkhead-baseline.json', showAs: 'unchanged' } });
    const uri = fileUri(path.join(root, 'app', 'Dockerfile'));
    const unchanged = severities(await client.waitForDiagnostics((p) => p.uri === uri));
    assert.ok(unchanged.length > 1 && !unchanged.some((s) => s.endsWith(`:${HINT}`)), unchanged.join(' '));
  }));

test('a baseline path out of the workspace folder is refused with a warning, and nothing is hinted', () =>
  withBaselinedWorkspace(async (client, root) => {
    const outside = path.join(path.dirname(root), `${path.basename(root)}-outside.json`);
    fs.copyFileSync(path.join(root, '.bulkhead-baseline.json'), outside);
    try {
      const published = severities(await openEdited(client, root, { file: `../${path.basename(outside)}` }));
      assert.ok(!published.some((s) => s.endsWith(`:${HINT}`)), published.join(' '));
      const warning = await client.waitFor<{ message: string }>('window/showMessageRequest', (m) => m.message.includes('outside the workspace folder'));
      assert.match(warning.message, /bulkhead\.baseline\.file/);
    } finally {
      fs.rmSync(outside, { force: true });
    }
  }));
