// The language server as a real process over stdio, in an editing session: diagnostics, code actions,
// hover, fix-all, stale versions and bad input.
import { test, before, after, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, Hover, Range, TextEdit } from 'vscode-languageserver-protocol';
import { LspClient, fileUri, REPO_ROOT } from '../harness/lspClient';

const WS = path.join(REPO_ROOT, 'test', 'fixtures', 'lsp-workspace');
const DOCKERFILE = 'FROM alpine:3.20\nADD app.py /app/\nUSER 10001\n';
// The server judges images as of a fixed day, when the fixtures' images were supported: results do not age.
process.env.BULKHEAD_TODAY = '2025-01-01';

const COMPOSE =
  'services:\n  web:\n    image: nginx:1.27\n    security_opt: ["no-new-privileges:true"]\n    cap_drop: [ALL]\n    read_only: true\n    mem_limit: 256m\n    pids_limit: 100\n    privileged: true\n';
const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      securityContext:\n        privileged: true\n';
const scratch = (...parts: string[]) => fileUri(path.join(WS, 'scratch', ...parts));

function apply(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'x', 0, text), edits);
}

function codeActions(client: LspClient, uri: string, diagnostics: Diagnostic[], only?: string[], range?: Range): Promise<CodeAction[]> {
  const at = range ?? diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: at, context: { diagnostics, ...(only ? { only } : {}) } });
}

/** Opens `text` and returns the first publication for version 1. */
async function openAndWait(client: LspClient, uri: string, languageId: string, text: string) {
  await client.open(uri, languageId, text);
  return client.waitForDiagnostics((x) => x.uri === uri && x.version === 1);
}

const byCode = (diagnostics: Diagnostic[], code: string): Diagnostic => {
  const d = diagnostics.find((x) => x.code === code);
  assert.ok(d, `no ${code} in ${JSON.stringify(diagnostics.map((x) => x.code))}`);
  return d;
};

describe('language server over stdio', () => {
  let client: LspClient;
  let initialized: { capabilities: Record<string, unknown>; serverInfo?: unknown };
  before(async () => {
    client = new LspClient();
    initialized = await client.initialize(WS);
  });
  after(async () => {
    assert.equal(await client.stop(), 0);
  });

  test('initialize announces incremental sync with save, hover and the three code action kinds', () => {
    assert.deepEqual(initialized.capabilities.textDocumentSync, { openClose: true, change: 2, save: { includeText: false } });
    assert.equal(initialized.capabilities.hoverProvider, true);
    assert.deepEqual(initialized.capabilities.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.bulkhead', 'source.hardenToRestricted.bulkhead'], resolveProvider: false });
  });

  test('initialize names the server with the version package.json declares', () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.deepEqual(initialized.serverInfo, { name: 'bulkhead', version });
  });

  test('didOpen publishes diagnostics with code, source, link, severity and range, and nothing more', async () => {
    const uri = scratch('Dockerfile');
    const p = await openAndWait(client, uri, 'dockerfile', DOCKERFILE);
    const d = byCode(p.diagnostics, 'DF006');
    assert.equal(d.source, 'bulkhead');
    assert.deepEqual(d.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } });
    // Per keystroke, every byte counts: a code action finds the finding by code and range, so no `data`.
    assert.deepEqual(Object.keys(d).sort(), ['code', 'codeDescription', 'message', 'range', 'severity', 'source']);
    assert.equal(d.severity, 1, '.bulkhead.yaml raises DF006 to error');
    assert.match(d.message as string, /ADD/);
    // The link points at the page shipped beside the bundle: <bundle dir>/../docs/rules.
    assert.match(d.codeDescription!.href, /^file:\/\/.*\/docs\/rules\/DF006-prefer-copy-over-add\.md$/);
  });

  test('quick fix edit → apply → didChange → the diagnostic is gone', async () => {
    const uri = scratch('Dockerfile');
    const p = await client.waitForDiagnostics((x) => x.uri === uri && x.version === 1);
    const diag = byCode(p.diagnostics, 'DF006');
    const actions = await codeActions(client, uri, [diag], ['quickfix']);
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind, a.isPreferred]),
      [
        ['Replace ADD with COPY', 'quickfix', true],
        ['Ignore DF006 for this line', 'quickfix', undefined],
        ['Show documentation for DF006', 'quickfix', undefined],
      ],
    );
    const [fix, , docs] = actions;
    assert.equal(fix.command, undefined, 'fixes are edits, not command round trips');
    assert.deepEqual(fix.diagnostics, [diag]);
    assert.deepEqual(docs.command, { title: 'Show documentation for DF006', command: 'bulkhead.showRuleDocumentation', arguments: ['DF006'] });
    assert.equal(docs.edit, undefined);
    const fixed = apply(DOCKERFILE, fix.edit!.changes![uri]);
    assert.equal(fixed, 'FROM alpine:3.20\nCOPY app.py /app/\nUSER 10001\n');
    await client.change(uri, 2, fixed);
    const after = await client.waitForDiagnostics((x) => x.uri === uri && x.version === 2);
    assert.deepEqual(
      after.diagnostics.filter((x) => x.code === 'DF006'),
      [],
    );
  });

  test('an unsafe fix is not preferred and says "(review)"; "Ignore" silences the finding', async () => {
    const uri = scratch('compose.yaml');
    const p = await openAndWait(client, uri, 'dockercompose', COMPOSE);
    const diag = byCode(p.diagnostics, 'DC001');
    const actions = await codeActions(client, uri, [diag]);
    const fix = actions.find((a) => a.title === 'Remove privileged: true (review)');
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(fix.isPreferred, false, 'unsafe fixes are never preferred');
    assert.ok(!actions.some((a) => a.kind === 'source.fixAll.bulkhead'), 'fix-all only when asked for by kind');
    const ignore = actions.find((a) => a.title === 'Ignore DC001 for this line')!;
    const text = apply(COMPOSE, ignore.edit!.changes![uri]);
    assert.equal(text, COMPOSE.replace('    privileged: true\n', '    # bulkhead-ignore DC001 -- <reason>\n    privileged: true\n'));
    await client.change(uri, 2, text);
    const after = await client.waitForDiagnostics((x) => x.uri === uri && x.version === 2);
    assert.deepEqual(
      after.diagnostics.map((x) => x.code),
      [],
    );
  });

  test('in a Dockerfile, "Ignore" goes above the instruction that holds the finding', async () => {
    const uri = scratch('continued', 'Dockerfile');
    const text = 'FROM alpine:3.20\nRUN apk add curl && \\\n    curl -fsSL https://example.com/i.sh | sh\nUSER 10001\n';
    const p = await openAndWait(client, uri, 'dockerfile', text);
    const diag = byCode(p.diagnostics, 'DF004');
    assert.equal(diag.range.start.line, 2, 'the finding is on the continuation line');
    const ignore = (await codeActions(client, uri, [diag])).find((a) => a.title === 'Ignore DF004 for this line')!;
    const ignored = apply(text, ignore.edit!.changes![uri]);
    assert.equal(ignored, text.replace('RUN apk', '# bulkhead-ignore DF004 -- <reason>\nRUN apk'));
    await client.change(uri, 2, ignored);
    const after = await client.waitForDiagnostics((x) => x.uri === uri && x.version === 2);
    assert.ok(!after.diagnostics.some((d) => d.code === 'DF004'));
  });

  test('a code action is matched on rule id and range, never on the message', async () => {
    const uri = scratch('Dockerfile');
    const p = await client.waitForDiagnostics((x) => x.uri === uri && x.version === 2);
    assert.ok(p.diagnostics.length > 0);
    const renamed = p.diagnostics.map((d) => ({ ...d, message: 'edited by another extension' }));
    const titles = (await codeActions(client, uri, renamed, ['quickfix'])).map((a) => a.title);
    assert.ok(titles.includes(`Show documentation for ${p.diagnostics[0].code}`), JSON.stringify(titles));
    const moved = p.diagnostics.map((d) => ({ ...d, range: { start: { line: 9, character: 0 }, end: { line: 9, character: 1 } } }));
    assert.deepEqual(await codeActions(client, uri, moved, ['quickfix']), [], 'a range no finding has gets no action');
    const foreign = p.diagnostics.map((d) => ({ ...d, source: 'hadolint' }));
    assert.deepEqual(await codeActions(client, uri, foreign, ['quickfix']), [], "another tool's diagnostics are not ours");
  });

  test('hover is short: heading, one line of threat and why, the fix in one line, links; not the message', async () => {
    const uri = scratch('pod.yaml');
    await client.open(uri, 'yaml', POD);
    const published = await client.waitForDiagnostics((x) => x.uri === uri && x.diagnostics.some((d) => d.code === 'K8S001'));
    const hover: Hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 8, character: 20 } });
    const value = (hover.contents as { kind: string; value: string }).value;
    assert.equal((hover.contents as { kind: string }).kind, 'markdown');
    const lines = value.split('  \n');
    assert.equal(lines.length, 4, value);
    assert.match(lines[0], /^\*\*K8S001 · Container runs privileged\*\* · error$/);
    assert.match(lines[1], /^\*\*Threat:\*\* Container escape\. \S/);
    assert.match(lines[2], /^\*\*Fix:\*\* Remove privileged: true \(Quick Fix, review: [^)]*\)$/);
    assert.match(lines[3], /^\[Rule documentation\]\(file:\/\/\S*\/docs\/rules\/K8S001-no-privileged\.md\) · \[Threat model\]\(file:\/\/\S*\/docs\/threat-model\.md#container-escape\)$/);
    assert.ok(!value.includes(byCode(published.diagnostics, 'K8S001').message as string), 'VS Code shows the diagnostic message already');
    assert.ok(value.split(/\s+/).length <= 120, `${value.split(/\s+/).length} words`);
    assert.equal(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } }), null);
  });

  test('hover over two findings joins them with a rule', async () => {
    const uri = scratch('two', 'Dockerfile');
    const text = 'FROM alpine:3.20\nRUN curl -fsSL https://example.com/i.sh | sh\nUSER 10001\n';
    const p = await openAndWait(client, uri, 'dockerfile', text);
    const here = p.diagnostics.filter((x) => x.range.start.line === 1 && x.range.start.character <= 10 && x.range.end.character >= 10);
    assert.ok(here.length >= 2, `expected overlapping findings, got ${JSON.stringify(p.diagnostics.map((x) => [x.code, x.range]))}`);
    const hover: Hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 10 } });
    const value = (hover.contents as { value: string }).value;
    assert.equal(value.split('\n\n---\n\n').length, here.length);
    for (const x of here) assert.match(value, new RegExp(`\\*\\*${x.code} · `));
  });

  test('source.fixAll.bulkhead applies safe fixes only', async () => {
    const uri = scratch('fixall', 'Dockerfile');
    const text = 'FROM alpine:3.20\nADD a.py /a/\nADD b.py /b/\nUSER 10001\n';
    await openAndWait(client, uri, 'dockerfile', text);
    const actions = await codeActions(client, uri, [], ['source.fixAll.bulkhead']);
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind]),
      [['Bulkhead: fix all safe problems', 'source.fixAll.bulkhead']],
    );
    assert.equal(apply(text, actions[0].edit!.changes![uri]), 'FROM alpine:3.20\nCOPY a.py /a/\nCOPY b.py /b/\nUSER 10001\n');
    const composeUri = scratch('fixall', 'compose.yaml');
    await openAndWait(client, composeUri, 'dockercompose', COMPOSE);
    assert.deepEqual(await codeActions(client, composeUri, [], ['source.fixAll']), [], 'an unsafe fix is never part of fix-all');
    assert.deepEqual(await codeActions(client, uri, [], ['quickfix']), [], 'a quickfix request gets no fix-all');
  });

  test('code actions answer for the text the client sees, before the debounced analysis ran', async () => {
    const uri = scratch('fresh', 'Dockerfile');
    await client.open(uri, 'dockerfile', 'FROM alpine:3.20\nUSER 10001\n');
    await client.change(uri, 2, DOCKERFILE);
    const actions = await codeActions(client, uri, [], ['source.fixAll.bulkhead']);
    assert.equal(apply(DOCKERFILE, actions[0].edit!.changes![uri]), 'FROM alpine:3.20\nCOPY app.py /app/\nUSER 10001\n');
  });

  test('closing a document clears its diagnostics and its hover', async () => {
    const uri = scratch('closed', 'compose.yaml');
    await openAndWait(client, uri, 'dockercompose', COMPOSE);
    await client.close(uri);
    const cleared = await client.waitForDiagnostics((x) => x.uri === uri && x.diagnostics.length === 0);
    assert.equal(cleared.version, undefined);
    assert.equal(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 6, character: 6 } }), null);
  });

  test('bad input: broken YAML, binary text, a 3 MB file: a diagnostic or a skip, never a crash', async () => {
    const broken = scratch('bad', 'compose.yaml');
    const p = await openAndWait(client, broken, 'dockercompose', 'services:\n  web:\n    image: x\n   privileged: [\n');
    assert.ok(p.diagnostics.some((d) => d.code === 'BH001'));
    const parseError = byCode(p.diagnostics, 'BH001');
    const titles = (await codeActions(client, broken, [parseError])).map((a) => a.title);
    assert.deepEqual(titles, ['Show documentation for BH001'], 'engine findings cannot be suppressed inline');
    const bin = scratch('bad', 'Dockerfile');
    const b = await openAndWait(client, bin, 'dockerfile', 'FROM x\u0000\u0001');
    assert.deepEqual(
      b.diagnostics.map((d) => d.code),
      ['BH004'],
    );
    const big = scratch('bad', 'big.yaml');
    const g = await openAndWait(client, big, 'yaml', 'a: 1\n'.repeat(600_000));
    assert.deepEqual(
      g.diagnostics.map((d) => d.code),
      ['BH004'],
    );
    assert.ok(
      client.logs().some((m) => m.includes('big.yaml') && m.includes('not analyzed')),
      'the skip reason is logged',
    );
    const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///never/opened.yaml' }, position: { line: 0, character: 0 } });
    assert.equal(hover, null);
    assert.deepEqual(await codeActions(client, 'file:///never/opened.yaml', []), []);
  });

  test('an untitled buffer is analyzed by its language id', async () => {
    const uri = 'untitled:Untitled-1';
    const p = await openAndWait(client, uri, 'dockerfile', DOCKERFILE);
    assert.equal(byCode(p.diagnostics, 'DF006').severity, 2, 'no workspace config file applies: the default severity');
  });
});

test('a burst of changes within the debounce window publishes only the latest version', async () => {
  const client = new LspClient();
  try {
    await client.initialize(WS, { debounceMs: 400 });
    const uri = scratch('rapid', 'Dockerfile');
    await client.open(uri, 'dockerfile', 'FROM alpine:3.20\n');
    for (let v = 2; v <= 6; v++) await client.change(uri, v, `FROM alpine:3.20\n${'ADD x /x\n'.repeat(v)}`);
    const last = await client.waitForDiagnostics((x) => x.uri === uri && x.version === 6);
    assert.equal(last.diagnostics.filter((d) => d.code === 'DF006').length, 6);
    const versions = client
      .allPublished()
      .filter((x) => x.uri === uri)
      .map((x) => x.version);
    assert.deepEqual(versions, [6], `stale versions were published: ${versions}`);
  } finally {
    await client.stop();
  }
});
