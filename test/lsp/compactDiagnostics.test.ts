// Compact diagnostics (InitializationOptions.compactDiagnostics, what the extension's clients ask for):
// the server leaves out each diagnostic's source and rule link, and the client's completion
// (client/src/ruleLinks.ts) puts back exactly what a full publication carries, in order, so the editor
// shows the same and code actions still find their findings.
import { test, describe, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient, fileUri, tempWorkspace, type PublishedDiagnostics } from '../harness/lspClient';
import { completingDiagnostics, type CompletableDiagnostic } from '../../client/src/ruleLinks';
import { CLIENT_OPTIONS, DIAGNOSTIC_SOURCE, RULES_METHOD, type RuleSummary } from '../../shared/protocol';

process.env.BULKHEAD_TODAY = '2025-01-01';

const DOCKERFILE = 'FROM alpine:3.20\nADD app.py /app/\nRUN curl https://x.example/i.sh | sh\n';
const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n      securityContext:\n        privileged: true\n';

/** An editor's diagnostic as the client's middleware sees it: the code carries the link as its target. */
type EditorDiagnostic = Omit<Diagnostic, 'code' | 'codeDescription'> & CompletableDiagnostic<string>;

/** Runs the client's completion over `diagnostics` and resolves with what it hands on. */
function complete(handle: (uri: string, diagnostics: EditorDiagnostic[], next: (uri: string, d: EditorDiagnostic[]) => void) => void, diagnostics: EditorDiagnostic[]): Promise<EditorDiagnostic[]> {
  return new Promise((resolve) => handle('file:///x', diagnostics, (_uri, done) => resolve(done)));
}

/** A full publication in the editor's form: the code's link is its target. */
const asEditor = (d: Diagnostic): EditorDiagnostic => {
  const { codeDescription, code, ...rest } = d;
  return { ...rest, code: codeDescription ? { value: code as string, target: codeDescription.href } : code };
};

describe('compact diagnostics over the real protocol', () => {
  let root: string;
  let full: LspClient;
  let compact: LspClient;
  before(async () => {
    root = tempWorkspace({ 'Dockerfile': DOCKERFILE, 'pod.yaml': POD });
    full = new LspClient();
    compact = new LspClient();
    await full.initialize(root, {});
    await compact.initialize(root, CLIENT_OPTIONS);
  });
  after(async () => {
    assert.equal(await full.stop(), 0);
    assert.equal(await compact.stop(), 0);
    fs.rmSync(root, { recursive: true, force: true });
  });

  async function publications(file: string, languageId: string, text: string): Promise<[PublishedDiagnostics, PublishedDiagnostics]> {
    const uri = fileUri(`${root}/${file}`);
    return Promise.all(
      [full, compact].map(async (client) => {
        await client.open(uri, languageId, text);
        return client.waitForDiagnostics((p) => p.uri === uri && p.version === 1);
      }),
    ) as Promise<[PublishedDiagnostics, PublishedDiagnostics]>;
  }

  for (const [file, languageId, text] of [
    ['Dockerfile', 'dockerfile', DOCKERFILE],
    ['pod.yaml', 'yaml', POD],
  ]) {
    test(`${file}: the compact publication carries range, severity, code, message (and related information) only; completed, it is the full one`, async () => {
      const [whole, part] = await publications(file, languageId, text);
      assert.ok(whole.diagnostics.length >= 2, JSON.stringify(whole.diagnostics));
      for (const d of part.diagnostics) assert.deepEqual(Object.keys(d).sort(), ['code', 'message', 'range', ...(d.relatedInformation ? ['relatedInformation'] : []), 'severity']);
      assert.ok(Buffer.byteLength(JSON.stringify(part)) < Buffer.byteLength(JSON.stringify(whole)) * 0.75, 'a quarter of the bytes or more are gone');
      const handle = completingDiagnostics<string, string, EditorDiagnostic>(
        () => compact.connection.sendRequest<RuleSummary[]>(RULES_METHOD),
        (doc) => doc,
      );
      // A copy: the completion changes the diagnostics it is handed, as the editor's middleware may.
      assert.deepEqual(await complete(handle, structuredClone(part.diagnostics) as EditorDiagnostic[]), whole.diagnostics.map(asEditor));
    });
  }

  test('a completed diagnostic sent back finds its quick fix, as a full one does', async () => {
    const uri = fileUri(`${root}/Dockerfile`);
    const [whole, part] = await Promise.all([full, compact].map((c) => c.waitForDiagnostics((p) => p.uri === uri && p.version === 1)));
    const titles = async (client: LspClient, diagnostic: Diagnostic) =>
      (
        await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic], only: ['quickfix'] } })
      ).map((a) => a.title);
    const add = (p: PublishedDiagnostics) => p.diagnostics.find((d) => d.code === 'DF006')!;
    // What VS Code sends back of a completed diagnostic: the code's value, the source the client added.
    const sentBack: Diagnostic = { ...add(part), source: DIAGNOSTIC_SOURCE };
    assert.deepEqual(await titles(compact, sentBack), await titles(full, add(whole)));
    assert.ok((await titles(compact, sentBack)).includes('Replace ADD with COPY'));
  });
});

describe('the client completes publications in arrival order', () => {
  const rule = (id: string): RuleSummary => ({ id, title: id, appliesTo: 'dockerfile', severity: 'warning', aliases: [], doc: `page:${id}` });
  const diagnostic = (code: string): EditorDiagnostic => ({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: code, code });

  test('publications that arrive before the rule pages wait for them, and are handed on in order', async () => {
    let answer!: (rules: RuleSummary[]) => void;
    let asked = 0;
    const handle = completingDiagnostics<string, string, EditorDiagnostic>(
      () => {
        asked++;
        return new Promise((resolve) => (answer = resolve));
      },
      (doc) => doc,
    );
    const handed: string[] = [];
    handle('file:///a', [diagnostic('DF001')], (uri, d) => handed.push(`${uri} ${JSON.stringify(d[0].code)}`));
    handle('file:///a', [diagnostic('XX999')], (uri, d) => handed.push(`${uri} ${JSON.stringify(d[0].code)}`));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(handed, [], 'nothing is shown without its link while the pages are on their way');
    answer([rule('DF001')]);
    const last = await complete(handle, [diagnostic('DF001')]);
    assert.deepEqual(handed, ['file:///a {"value":"DF001","target":"page:DF001"}', 'file:///a "XX999"'], 'a rule with no page keeps its plain code');
    assert.equal(last[0].source, DIAGNOSTIC_SOURCE);
    assert.equal(asked, 1, 'the pages are asked for once');
  });

  test('a failed request leaves that publication without links, and the next one asks again', async () => {
    let asked = 0;
    const handle = completingDiagnostics<string, string, EditorDiagnostic>(
      () => (++asked === 1 ? Promise.reject(new Error('server restarting')) : Promise.resolve([rule('DF001')])),
      (doc) => doc,
    );
    const first = await complete(handle, [diagnostic('DF001')]);
    assert.deepEqual([first[0].code, first[0].source], ['DF001', DIAGNOSTIC_SOURCE]);
    const second = await complete(handle, [diagnostic('DF001')]);
    assert.deepEqual(second[0].code, { value: 'DF001', target: 'page:DF001' });
    assert.equal(asked, 2);
  });

  test('a failure showing one publication does not stop the next', async () => {
    const handle = completingDiagnostics<string, string, EditorDiagnostic>(
      () => Promise.resolve([]),
      (doc) => doc,
    );
    const error = console.error;
    console.error = () => undefined;
    try {
      handle('file:///a', [diagnostic('DF001')], () => {
        throw new Error('editor gone');
      });
      assert.equal((await complete(handle, [diagnostic('DF002')]))[0].message, 'DF002');
    } finally {
      console.error = error;
    }
  });
});
