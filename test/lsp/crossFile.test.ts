// Cross-file rules over the real protocol: the server reads neighbouring files (unsaved editor text
// first), re-checks a document when a file it read changes, and offers fixes that edit other files.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileUri, withWorkspaceServer, type PublishedDiagnostics } from '../harness/lspClient';

const COMPOSE = 'services:\n  api:\n    build: ./api\n    user: root\n';
const NON_ROOT = 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nUSER node\n';

const codes = (p: PublishedDiagnostics): string[] => p.diagnostics.map((d) => String(d.code));

test('editing the Dockerfile re-checks the open Compose file that builds it, before any save', () =>
  withWorkspaceServer({ 'compose.yaml': COMPOSE, 'api/Dockerfile': NON_ROOT }, async (client, root) => {
    const compose = fileUri(path.join(root, 'compose.yaml'));
    const dockerfile = fileUri(path.join(root, 'api/Dockerfile'));
    await client.open(compose, 'dockercompose', COMPOSE);
    const first = await client.waitForDiagnostics((p) => p.uri === compose);
    const override = first.diagnostics.find((d) => d.code === 'XF003');
    assert.ok(override, `XF003 expected, got ${codes(first)}`);
    assert.equal(override.relatedInformation?.[0].location.uri, dockerfile, 'related information points into the Dockerfile');
    assert.equal(override.relatedInformation?.[0].location.range.start.line, 3);

    await client.open(dockerfile, 'dockerfile', NON_ROOT);
    client.reset();
    await client.change(dockerfile, 2, 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\n'); // the image no longer sets a non-root user
    // Opening the Dockerfile may itself re-publish the Compose file: wait for the state the edit leads to.
    await client.waitForDiagnostics((p) => p.uri === compose && !codes(p).includes('XF003'));

    client.reset();
    await client.change(dockerfile, 3, NON_ROOT);
    await client.waitForDiagnostics((p) => p.uri === compose && codes(p).includes('XF003'));
  }));

test('a new .env in the build context, reported by the file watcher, flags COPY . . and the fix creates .dockerignore', () =>
  withWorkspaceServer({ 'Dockerfile': NON_ROOT, 'src/app.js': '1\n' }, async (client, root) => {
    const dockerfile = fileUri(path.join(root, 'Dockerfile'));
    await client.open(dockerfile, 'dockerfile', NON_ROOT);
    assert.ok(!codes(await client.waitForDiagnostics((p) => p.uri === dockerfile)).includes('XF002'));

    fs.writeFileSync(path.join(root, '.env'), 'API_KEY=x\n');
    client.reset();
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(path.join(root, '.env')), type: 1 }] });
    const published = await client.waitForDiagnostics((p) => p.uri === dockerfile && codes(p).includes('XF002'));
    const diagnostic = published.diagnostics.find((d) => d.code === 'XF002')!;
    assert.match(String(diagnostic.message), /\.env/);

    const actions = await client.connection.sendRequest<Array<{ title: string; edit?: { documentChanges?: unknown[] } }>>('textDocument/codeAction', {
      textDocument: { uri: dockerfile },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    });
    const fix = actions.find((a) => a.title.startsWith('Add 1 path(s) to .dockerignore'));
    assert.ok(fix, `fix expected among ${actions.map((a) => a.title)}`);
    const ignoreUri = fileUri(path.join(root, '.dockerignore'));
    assert.deepEqual(fix.edit?.documentChanges, [
      { kind: 'create', uri: ignoreUri, options: { ignoreIfExists: true } },
      {
        textDocument: { uri: ignoreUri, version: null },
        edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '# Credentials kept out of the build context\n/.env\n' }],
      },
    ]);
  }));
