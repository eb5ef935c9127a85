// The language server as a real process over stdio: diagnostics, code actions, hover, fix-all,
// stale versions, configuration, the workspace scan, robustness and a clean exit.
import { test, before, after, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Hover, TextEdit } from 'vscode-languageserver-types';
import { LspClient, fileUri, REPO_ROOT } from '../harness/lspClient';

const WS = path.join(REPO_ROOT, 'test', 'fixtures', 'lsp-workspace');
const DOCKERFILE = 'FROM alpine:3.20\nADD app.py /app/\nUSER 10001\n';
const COMPOSE = 'services:\n  web:\n    image: nginx:1.27\n    security_opt: ["no-new-privileges:true"]\n    cap_drop: [ALL]\n    read_only: true\n    privileged: true\n';

function apply(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('x', 'x', 0, text), edits);
}

async function codeActions(client: LspClient, uri: string, diagnostics: unknown[], only?: string[]): Promise<CodeAction[]> {
  const range = diagnostics.length ? (diagnostics[0] as { range: unknown }).range : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) } });
}

describe('language server over stdio', () => {
  let client: LspClient;
  before(async () => {
    client = new LspClient();
    await client.initialize(WS);
  });
  after(async () => {
    await client.stop();
  });

  test('didOpen publishes diagnostics with code, source, link, data and severity', async () => {
    const uri = fileUri(path.join(WS, 'scratch', 'Dockerfile'));
    await client.open(uri, 'dockerfile', DOCKERFILE);
    const p = await client.waitForDiagnostics((x) => x.uri === uri && x.version === 1);
    const d = p.diagnostics.find((x) => x.code === 'DF006')!;
    assert.ok(d, JSON.stringify(p.diagnostics));
    assert.equal(d.source, 'bulkhead');
    assert.deepEqual(d.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } });
    assert.deepEqual(d.data, { ruleId: 'DF006', version: 1 });
    assert.equal(d.severity, 1, '.bulkhead.yaml raises DF006 to error');
    assert.match(d.codeDescription!.href, /^file:\/\/.*\/docs\/rules\/DF006-prefer-copy-over-add\.md$/);
  });

  test('quick fix edit → apply → didChange → the diagnostic is gone', async () => {
    const uri = fileUri(path.join(WS, 'scratch', 'Dockerfile'));
    const p = await client.waitForDiagnostics((x) => x.uri === uri && x.version === 1);
    const diag = p.diagnostics.find((x) => x.code === 'DF006')!;
    const actions = await codeActions(client, uri, [diag], ['quickfix']);
    assert.deepEqual(actions.map((a) => a.title), ['Replace ADD with COPY', 'Ignore DF006 for this line', 'Show documentation for DF006']);
    const fix = actions[0];
    assert.equal(fix.isPreferred, true);
    assert.equal(fix.command, undefined, 'fixes are edits, not command round trips');
    assert.deepEqual(actions[2].command, { title: 'Show documentation for DF006', command: 'bulkhead.showRuleDocumentation', arguments: ['DF006'] });
    const fixed = apply(DOCKERFILE, fix.edit!.changes![uri]);
    await client.change(uri, 2, fixed);
    const after = await client.waitForDiagnostics((x) => x.uri === uri && x.version === 2);
    assert.deepEqual(after.diagnostics.filter((x) => x.code === 'DF006'), []);
  });

  test('"Ignore for this line" inserts a suppression that silences the finding', async () => {
    const uri = fileUri(path.join(WS, 'scratch', 'compose.yaml'));
    await client.open(uri, 'dockercompose', COMPOSE);
    const p = await client.waitForDiagnostics((x) => x.uri === uri && x.version === 1);
    const diag = p.diagnostics.find((x) => x.code === 'DC001')!;
    const actions = await codeActions(client, uri, [diag]);
    const fix = actions.find((a) => a.title === 'Remove privileged: true (review)')!;
    assert.equal(fix.isPreferred, false, 'unsafe fixes are never preferred');
    const ignore = actions.find((a) => a.title === 'Ignore DC001 for this line')!;
    const text = apply(COMPOSE, ignore.edit!.changes![uri]);
    assert.equal(text, 'services:\n  web:\n    image: nginx:1.27\n    security_opt: ["no-new-privileges:true"]\n    cap_drop: [ALL]\n    read_only: true\n    # bulkhead-ignore DC001 -- <reason>\n    privileged: true\n');
    await client.change(uri, 2, text);
    const after = await client.waitForDiagnostics((x) => x.uri === uri && x.version === 2);
    assert.deepEqual(after.diagnostics.map((x) => x.code), []);
  });

  test('hover explains the finding: threat, principle, references, link', async () => {
    const uri = fileUri(path.join(WS, 'scratch', 'pod.yaml'));
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      securityContext:\n        privileged: true\n';
    await client.open(uri, 'yaml', text);
    await client.waitForDiagnostics((x) => x.uri === uri && x.diagnostics.some((d) => d.code === 'K8S001'));
    const hover: Hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 8, character: 20 } });
    const value = (hover.contents as { value: string }).value;
    assert.match(value, /\*\*K8S001 · Container runs privileged\*\* \(error\)/);
    assert.match(value, /\*\*Threat:\*\* Container escape/);
    assert.match(value, /\*\*Principle:\*\* Least privilege/);
    assert.match(value, /Pod Security Standards, baseline: Privileged Containers/);
    assert.match(value, /kube-linter `privileged-container`/);
    assert.match(value, /\[Rule documentation\]\(file:\/\//);
    const nothing = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
    assert.equal(nothing, null);
  });

  test('source.fixAll.bulkhead applies safe fixes only', async () => {
    const uri = fileUri(path.join(WS, 'scratch', 'fixall', 'Dockerfile'));
    const text = 'FROM alpine:3.20\nADD a.py /a/\nADD b.py /b/\n';
    await client.open(uri, 'dockerfile', text);
    await client.waitForDiagnostics((x) => x.uri === uri);
    const actions = await codeActions(client, uri, [], ['source.fixAll.bulkhead']);
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, 'source.fixAll.bulkhead');
    assert.equal(apply(text, actions[0].edit!.changes![uri]), 'FROM alpine:3.20\nCOPY a.py /a/\nCOPY b.py /b/\n');
    const composeUri = fileUri(path.join(WS, 'scratch', 'fixall', 'compose.yaml'));
    await client.open(composeUri, 'dockercompose', COMPOSE);
    await client.waitForDiagnostics((x) => x.uri === composeUri);
    assert.deepEqual(await codeActions(client, composeUri, [], ['source.fixAll']), [], 'an unsafe fix is never part of fix-all');
  });

  test('configuration change re-publishes without the disabled rule', async () => {
    const uri = fileUri(path.join(WS, 'scratch', 'config', 'compose.yaml'));
    await client.open(uri, 'dockercompose', COMPOSE);
    await client.waitForDiagnostics((x) => x.uri === uri && x.diagnostics.some((d) => d.code === 'DC001'));
    client.resetPublished();
    client.settings = { rules: { DC001: 'off' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { bulkhead: client.settings } });
    const after = await client.waitForDiagnostics((x) => x.uri === uri);
    assert.deepEqual(after.diagnostics.map((d) => d.code), []);
    client.settings = { enable: false };
    client.resetPublished();
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    const disabled = await client.waitForDiagnostics((x) => x.uri === fileUri(path.join(WS, 'scratch', 'Dockerfile')));
    assert.deepEqual(disabled.diagnostics, []);
    client.settings = {};
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  });

  test('bad input: broken YAML, binary text, a 3 MB file: a diagnostic or a skip, never a crash', async () => {
    const broken = fileUri(path.join(WS, 'scratch', 'bad', 'compose.yaml'));
    await client.open(broken, 'dockercompose', 'services:\n  web:\n    image: x\n   privileged: [\n');
    const p = await client.waitForDiagnostics((x) => x.uri === broken);
    assert.ok(p.diagnostics.some((d) => d.code === 'BH001'));
    const bin = fileUri(path.join(WS, 'scratch', 'bad', 'Dockerfile'));
    await client.open(bin, 'dockerfile', 'FROM x\u0000\u0001');
    const b = await client.waitForDiagnostics((x) => x.uri === bin);
    assert.deepEqual(b.diagnostics.map((d) => d.code), ['BH004']);
    const big = fileUri(path.join(WS, 'scratch', 'bad', 'big.yaml'));
    await client.open(big, 'yaml', 'a: 1\n'.repeat(600_000));
    const g = await client.waitForDiagnostics((x) => x.uri === big);
    assert.deepEqual(g.diagnostics.map((d) => d.code), ['BH004']);
    const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///never/opened.yaml' }, position: { line: 0, character: 0 } });
    assert.equal(hover, null);
  });
});

describe('workspace scan', () => {
  test('publishes diagnostics for files never opened, reports progress and counts', async () => {
    const client = new LspClient();
    try {
      await client.initialize(WS);
      const result = await client.connection.sendRequest('bulkhead/scanWorkspace', { workDoneToken: 'scan-1' }) as Record<string, number | boolean>;
      assert.deepEqual({ ...result, durationMs: 0 }, { files: 3, findings: 3, errors: 3, warnings: 0, infos: 0, skipped: 1, cancelled: false, durationMs: 0 });
      const pod = await client.waitForDiagnostics((x) => x.uri === fileUri(path.join(WS, 'deploy', 'pod.yaml')));
      assert.deepEqual(pod.diagnostics.map((d) => d.code), ['K8S001']);
      const kinds = client.progress.filter((p) => (p as { token: string }).token === 'scan-1').map((p) => (p as { value: { kind: string } }).value.kind);
      assert.equal(kinds[0], 'begin');
      assert.equal(kinds[kinds.length - 1], 'end');
      assert.ok(!client.allPublished().some((x) => x.uri.endsWith('ci.yaml')), 'non-container YAML gets nothing');
    } finally {
      assert.equal(await client.stop(), 0);
    }
  });

  test('a cancelled scan returns cancelled: true', async () => {
    const client = new LspClient();
    try {
      await client.initialize(WS);
      const { CancellationTokenSource } = await import('vscode-jsonrpc/node');
      const source = new CancellationTokenSource();
      source.cancel();
      const result = await client.connection.sendRequest('bulkhead/scanWorkspace', { workDoneToken: 'scan-2' }, source.token) as { cancelled: boolean; files: number };
      assert.equal(result.cancelled, true);
      assert.equal(result.files, 0);
    } finally {
      await client.stop();
    }
  });
});

test('a burst of changes within the debounce window publishes only the latest version', async () => {
  const client = new LspClient();
  try {
    await client.initialize(WS, { debounceMs: 400 });
    const uri = fileUri(path.join(WS, 'scratch', 'rapid', 'Dockerfile'));
    await client.open(uri, 'dockerfile', 'FROM alpine:3.20\n');
    for (let v = 2; v <= 6; v++) await client.change(uri, v, `FROM alpine:3.20\n${'ADD x /x\n'.repeat(v)}`);
    const last = await client.waitForDiagnostics((x) => x.uri === uri && x.version === 6);
    assert.equal(last.diagnostics.filter((d) => d.code === 'DF006').length, 6);
    const versions = client.allPublished().filter((x) => x.uri === uri).map((x) => x.version);
    assert.deepEqual(versions, [6], `stale versions were published: ${versions}`);
  } finally {
    await client.stop();
  }
});

test('shutdown and exit end the process (no orphan)', async () => {
  const client = new LspClient();
  await client.initialize();
  const code = await client.stop();
  assert.equal(code, 0);
  assert.notEqual(client.process.exitCode, null);
});
