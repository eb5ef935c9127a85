// The language server on a hostile workspace: references out of the workspace are BH006 diagnostics, never
// read or quoted; no code action edits a file outside it; the workspace scan walks no link out and is not
// derailed by file names that look like URI escapes; files outside stay byte-identical.
import { after, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, Diagnostic } from 'vscode-languageserver/node';
import { LspClient, fileUri, type PublishedDiagnostics } from '../harness/lspClient';
import { CANARY, hostileWorkspace, type HostileWorkspace } from '../harness/hostileWorkspace';
import { codeActions } from '../../server/src/lsp/codeActions';
import { analyze, memoryHost, type Finding } from '../../server/src/engine/index';

const workspaces: HostileWorkspace[] = [];
after(() => workspaces.forEach((w) => w.remove()));

async function withHostileServer(run: (client: LspClient, w: HostileWorkspace) => Promise<void>): Promise<void> {
  const w = hostileWorkspace();
  workspaces.push(w);
  const outsideBefore = w.snapshotOutside();
  const client = new LspClient();
  try {
    await client.initialize(w.ws, { debounceMs: 0 });
    await run(client, w);
    const everything = JSON.stringify(client.allPublished()) + client.logs().join('\n');
    for (const token of CANARY) assert.ok(!everything.includes(token), `"${token}" from outside appears in a diagnostic or log`);
    assert.deepEqual(w.snapshotOutside(), outsideBefore, 'files outside are byte-identical');
  } finally {
    assert.equal(await client.stop(), 0);
  }
}

async function openAndWait(client: LspClient, w: HostileWorkspace, rel: string, languageId: string): Promise<PublishedDiagnostics> {
  const uri = fileUri(path.join(w.ws, rel));
  await client.open(uri, languageId, fs.readFileSync(path.join(w.ws, rel), 'utf8'));
  return client.waitForDiagnostics((p) => p.uri === uri);
}

const referencesOf = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.code === 'BH006').map((d) => /^Not evaluated: (.*) is outside the workspace\.$/.exec(String(d.message))?.[1]);

/** Every URI a code action would create or edit. */
function targets(actions: CodeAction[]): string[] {
  return actions.flatMap((a) => [...Object.keys(a.edit?.changes ?? {}), ...(a.edit?.documentChanges ?? []).map((c) => ('textDocument' in c ? c.textDocument.uri : 'uri' in c ? c.uri : ''))]);
}

async function actionsFor(client: LspClient, published: PublishedDiagnostics): Promise<CodeAction[]> {
  return client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri: published.uri },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: published.diagnostics },
  });
}

test('an open Compose file: each outside reference is a BH006 diagnostic, and no action edits outside', () =>
  withHostileServer(async (client, w) => {
    const published = await openAndWait(client, w, 'compose.yaml', 'dockercompose');
    assert.deepEqual(referencesOf(published.diagnostics), w.references['compose.yaml']);
    assert.ok(
      published.diagnostics.filter((d) => d.code === 'BH006').every((d) => d.severity === 3),
      'information',
    );
    const env = published.diagnostics.find((d) => d.code === 'XF007');
    assert.equal(env?.message, 'db.env holds plaintext secrets: POSTGRES_PASSWORD (line 1).', 'Git metadata above the workspace is not consulted');
    assert.deepEqual(
      published.diagnostics.filter((d) => ['XF003', 'XF005', 'XF006'].includes(String(d.code))),
      [],
    );
    const actions = await actionsFor(client, published);
    assert.ok(actions.length > 0);
    assert.deepEqual(
      targets(actions).filter((uri) => !uri.startsWith(fileUri(w.ws) + '/')),
      [],
    );
    assert.ok(!actions.some((a) => /gitignore/.test(a.title)), 'no .gitignore edit is offered');
  }));

test('Dockerfiles: a .dockerignore linked out and a COPY through a link are reported; no fix appends to the linked file', () =>
  withHostileServer(async (client, w) => {
    const app = await openAndWait(client, w, 'app/Dockerfile', 'dockerfile');
    assert.deepEqual(referencesOf(app.diagnostics), w.references['app/Dockerfile']);
    assert.ok(!app.diagnostics.some((d) => d.code === 'XF002'), 'the context is not judged without its .dockerignore');
    assert.deepEqual(
      targets(await actionsFor(client, app)).filter((uri) => uri !== app.uri),
      [],
    );
    const svc = await openAndWait(client, w, 'svc/Dockerfile', 'dockerfile');
    assert.deepEqual(referencesOf(svc.diagnostics), w.references['svc/Dockerfile']);
  }));

test('the workspace scan: links out are skipped, % names do not abort it, nothing outside is published', () =>
  withHostileServer(async (client, w) => {
    const result = await client.connection.sendRequest<{ files: number; skipped: number } | null>('bulkhead/scanWorkspace', {});
    assert.ok(result, 'the scan returned a result');
    const published = client
      .allPublished()
      .map((p) => path.relative(w.ws, new URL(p.uri).pathname))
      .sort();
    assert.deepEqual(published, ['app/Dockerfile', 'compose.yaml', 'pod.yaml', 'skaffold.yaml', 'svc/Dockerfile']);
    assert.equal(result.files, 5);
    assert.equal(result.skipped, 4, 'Dockerfile, linked, app/linked and svc/linked lead out');
    assert.ok(client.logs().some((m) => m.includes(path.join(w.ws, 'linked')) && m.includes('symbolic link out of the workspace')));
    const pod = client.allPublished().find((p) => p.uri.endsWith('/pod.yaml'))!;
    assert.deepEqual(referencesOf(pod.diagnostics), w.references['pod.yaml']);
  }));

test('a fix whose edit of another file would land outside the workspace is not offered', () => {
  const uri = 'file:///w/ws/Dockerfile';
  const result = analyze({ uri, text: 'FROM alpine:3.20\nCOPY . .\n' });
  const edit = (p: string) => ({ path: p, create: true, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '/.env\n' }] });
  const finding = (p: string, line: number): Finding => ({
    ruleId: 'XF002',
    messageId: 'copied',
    data: {},
    severity: 'error',
    message: 'm',
    range: { start: { line, character: 0 }, end: { line, character: 4 } },
    fixes: [{ title: `edit ${p}`, applicability: 'unsafe', edits: [], fileEdits: [edit(p)] }],
  });
  const findings = [finding('/w/ws/.dockerignore', 0), finding('/w/outside/.dockerignore', 1)];
  const diagnostics = findings.map((f) => ({ range: f.range, message: f.message, code: f.ruleId, source: 'bulkhead', data: { ruleId: f.ruleId } }));
  const cached = { version: 1, result: { ...result, findings } };
  const titles = (workspace?: ReturnType<typeof memoryHost>) =>
    codeActions(uri, cached, { diagnostics }, { languageId: 'dockerfile', config: undefined as never, workspace })
      .map((a) => a.title)
      .filter((t) => t.startsWith('edit '));
  assert.deepEqual(titles(memoryHost({}, '/w/ws')), ['edit /w/ws/.dockerignore (review)'], 'the code action adds the one applicability label');
  assert.deepEqual(titles(undefined), [], 'without a workspace no other file is edited');
});

test("a scanned file that became a link out is not re-read when the scan's diagnostics are refreshed", () =>
  withHostileServer(async (client, w) => {
    await client.connection.sendRequest('bulkhead/scanWorkspace', {});
    const dockerfile = path.join(w.ws, 'svc', 'Dockerfile');
    assert.ok(client.allPublished().some((p) => p.uri === fileUri(dockerfile) && p.diagnostics.length > 0));
    fs.rmSync(dockerfile);
    fs.symlinkSync('../../outside/Dockerfile', dockerfile);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(dockerfile), type: 2 }] });
    client.reset();
    await client.configure({ rules: { DF002: 'off' } }); // a settings change re-publishes every scanned file from disk
    await client.waitForDiagnostics((p) => p.uri === fileUri(dockerfile) && p.diagnostics.length === 0);
    assert.ok(client.logs().some((m) => m.includes(dockerfile) && m.includes('outside the workspace')));
  }));

test('a document opened from outside the workspace is analyzed alone: its neighbours are not read', () =>
  withHostileServer(async (client, w) => {
    const uri = fileUri(path.join(w.outside, 'compose.yaml'));
    await client.open(uri, 'dockercompose', 'services:\n  a:\n    image: x/a:1\n    env_file: secret.env\n    build: .\n    user: root\n');
    const published = await client.waitForDiagnostics((p) => p.uri === uri);
    assert.ok(published.diagnostics.length > 0, 'the document itself is checked');
    assert.deepEqual(
      published.diagnostics.filter((d) => String(d.code).startsWith('XF') || d.code === 'BH006'),
      [],
    );
  }));
