// A multi-root workspace over LSP: each file gets the .bulkhead.yaml nearest above it (its directory or an
// ancestor, up to its own workspace folder), in open documents and in the workspace scan alike, and a
// nested config file that changes on disk applies at once. An untitled document (no path) gets the settings alone.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileUri, LspClient, tempWorkspace, type PublishedDiagnostics } from '../harness/lspClient';

const ROOT_USER = 'FROM alpine:3.20\nUSER root\n';
const SEVERITY_NAMES = ['', 'error', 'warning', 'info', 'hint'];

/** DF001's severity in what was published for the file ('absent' when the rule is off there). */
const df001 = (published: PublishedDiagnostics | undefined): string => {
  assert.ok(published, 'published');
  const found = published.diagnostics.find((d) => d.code === 'DF001');
  return found ? SEVERITY_NAMES[found.severity!] : 'absent';
};

test('two workspace folders: the nearest .bulkhead.yaml wins, per folder and per directory', async () => {
  const root = tempWorkspace({
    'api/.bulkhead.yaml': 'rules:\n  DF001: off\n',
    'api/Dockerfile': ROOT_USER,
    'api/services/billing/.bulkhead.yaml': 'rules:\n  DF001: error\n',
    'api/services/billing/worker/Dockerfile': ROOT_USER,
    'api/services/billing/Dockerfile.ci': ROOT_USER,
    'api/services/other/Dockerfile': ROOT_USER,
    'web/.bulkhead.yaml': 'rules:\n  DF001: info\n',
    'web/Dockerfile': ROOT_USER,
    'web/nested/deeper/Dockerfile': ROOT_USER,
  });
  const folders = [path.join(root, 'api'), path.join(root, 'web')];
  const uriOf = (rel: string) => fileUri(path.join(root, rel));
  const client = new LspClient();
  try {
    await client.initialize(folders);
    const opened = ['api/Dockerfile', 'api/services/billing/worker/Dockerfile', 'api/services/other/Dockerfile', 'web/Dockerfile', 'web/nested/deeper/Dockerfile'];
    const seen: Record<string, string> = {};
    for (const rel of opened) {
      await client.open(uriOf(rel), 'dockerfile', ROOT_USER);
      seen[rel] = df001(await client.waitForDiagnostics((p) => p.uri === uriOf(rel) && p.version === 1));
    }
    assert.deepEqual(seen, {
      'api/Dockerfile': 'absent',
      'api/services/billing/worker/Dockerfile': 'error',
      'api/services/other/Dockerfile': 'absent',
      'web/Dockerfile': 'info',
      'web/nested/deeper/Dockerfile': 'info',
    });

    // The scan reads a closed file from disk under its nearest config too.
    client.reset();
    await client.connection.sendRequest('bulkhead/scanWorkspace', {});
    assert.equal(df001(client.allPublished().find((p) => p.uri === uriOf('api/services/billing/Dockerfile.ci'))), 'error');

    // Editing the nested config on disk (the client's file watcher reports it) re-checks the open documents under it.
    const nested = path.join(root, 'api/services/billing/.bulkhead.yaml');
    fs.writeFileSync(nested, 'rules:\n  DF001: info\n');
    client.reset();
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(nested), type: 2 }] });
    const worker = uriOf('api/services/billing/worker/Dockerfile');
    assert.equal(df001(await client.waitForDiagnostics((p) => p.uri === worker && p.version === 1)), 'info');
    assert.equal(await client.stop(), 0);
  } finally {
    if (client.process.exitCode === null) client.process.kill();
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('an untitled document is analyzed under the settings alone, even when the server runs inside the workspace', async () => {
  // Its URI is no path: read as a relative one it would resolve into the workspace (editors often start
  // the server there) and the lookup of its nearest config would never end.
  const root = tempWorkspace({ '.bulkhead.yaml': 'rules:\n  DF001: off\n', 'app/Dockerfile': ROOT_USER });
  const client = new LspClient(undefined, { cwd: root });
  try {
    await client.initialize(root);
    await client.open('untitled:Untitled-1', 'dockerfile', ROOT_USER);
    const published = await client.waitForDiagnostics((p) => p.uri === 'untitled:Untitled-1' && p.version === 1);
    assert.equal(df001(published), 'warning');
    assert.equal(await client.stop(), 0);
  } finally {
    if (client.process.exitCode === null) client.process.kill();
    fs.rmSync(root, { recursive: true, force: true });
  }
});
