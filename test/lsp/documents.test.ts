// How the server holds open documents, over the real protocol: versions must increase, a document
// over the size limit is refused before its text is kept, a superseded version is never analyzed,
// and a closed document leaves nothing behind. Analyses are counted from the server's trace.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { CodeAction, Hover } from 'vscode-languageserver-protocol';
import { LspClient, type PublishedDiagnostics } from '../harness/lspClient';
import { analyzedVersions } from '../harness/serverMemory';

const BASE = 'FROM alpine:3.20\nUSER 10001\n';
/** A Dockerfile with `n` ADD instructions: `n` DF006 findings, so a publication tells which text was analyzed. */
const withAdds = (n: number): string => `FROM alpine:3.20\n${'ADD a /a\n'.repeat(n)}USER 10001\n`;
const adds = (p: PublishedDiagnostics): number => p.diagnostics.filter((d) => d.code === 'DF006').length;

async function session(run: (client: LspClient) => Promise<void>, debounceMs = 0): Promise<void> {
  const client = new LspClient();
  try {
    await client.initialize(undefined, { debounceMs });
    await client.connection.sendNotification('$/setTrace', { value: 'messages' });
    await run(client);
  } finally {
    await client.stop();
  }
}

const hover = (client: LspClient, uri: string): Promise<Hover | null> => client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 1 } });
const codeActions = (client: LspClient, uri: string): Promise<CodeAction[]> =>
  client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, context: { diagnostics: [] } });

test('a change whose version goes backwards, repeats or is not an integer is ignored and logged; the last good text stays', () =>
  session(async (client) => {
    const uri = 'file:///versions/Dockerfile';
    await client.open(uri, 'dockerfile', withAdds(1), 5);
    assert.equal(adds(await client.waitForDiagnostics((p) => p.uri === uri && p.version === 5)), 1);
    for (const version of [3, 5, 5.5, '6', null]) {
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: withAdds(4) }] });
    }
    // Applied to the last good text (version 5, one ADD): a second ADD after the first.
    await client.edit(uri, 6, { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, 'ADD b /b\n');
    const next = await client.waitForDiagnostics((p) => p.uri === uri && p.version === 6);
    assert.equal(adds(next), 2);
    assert.deepEqual(
      client
        .allPublished()
        .filter((p) => p.uri === uri)
        .map((p) => p.version),
      [5, 6],
    );
    assert.deepEqual(analyzedVersions(client, uri), [5, 6]);
    const ignored = client.logs().filter((m) => m.includes('ignored a change') && m.includes(uri));
    assert.equal(ignored.length, 5, `one log line per rejected change: ${ignored.join('\n')}`);
  }));

test('a document over the size limit is refused on open: BH004 and no analysis, and its edits cost nothing', () =>
  session(async (client) => {
    const uri = 'file:///huge/settings.yaml';
    const huge = 'apiVersion: v1\nkind: ConfigMap\ndata:\n' + '  k: v\n'.repeat(5_000_000); // 30 MB
    await client.open(uri, 'yaml', huge);
    const refused = await client.waitForDiagnostics((p) => p.uri === uri && p.version === 1, 60_000);
    assert.deepEqual(
      refused.diagnostics.map((d) => d.code),
      ['BH004'],
    );
    assert.ok(String(refused.diagnostics[0].message).includes(`${huge.length} bytes is over`), String(refused.diagnostics[0].message));
    assert.ok(
      client.logs().some((m) => m.includes(uri) && m.includes('not analyzed')),
      'the skip is logged',
    );
    await client.edit(uri, 2, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, '# x\n');
    assert.ok((await hover(client, uri)) === null, 'nothing to explain on line 1');
    assert.deepEqual(analyzedVersions(client, uri), [], 'a refused document is never analyzed');
  }));

test('a document an edit grows past the size limit is refused from then on', () =>
  session(async (client) => {
    const uri = 'file:///grown/Dockerfile';
    await client.open(uri, 'dockerfile', withAdds(1));
    await client.waitForDiagnostics((p) => p.uri === uri && p.version === 1);
    await client.change(uri, 2, `${withAdds(1)}${'# padding\n'.repeat(300_000)}`); // 3 MB
    const refused = await client.waitForDiagnostics((p) => p.uri === uri && p.version === 2);
    assert.deepEqual(
      refused.diagnostics.map((d) => d.code),
      ['BH004'],
    );
    assert.deepEqual(analyzedVersions(client, uri), [1]);
  }));

test('a hover, a code action and a scheduled run for a version superseded while settings reload analyze nothing', () =>
  session(async (client) => {
    const uri = 'file:///stale/Dockerfile';
    let release!: () => void;
    client.configurationGate = new Promise((resolve) => (release = resolve));
    client.reset();
    await client.configure({});
    await client.waitFor('workspace/configuration', () => true); // the reload now waits for the gate
    await client.open(uri, 'dockerfile', withAdds(1)); // its run waits for the reload too
    const staleHover = hover(client, uri);
    const staleActions = codeActions(client, uri);
    await client.change(uri, 2, withAdds(2));
    release();
    assert.equal(await staleHover, null, 'a hover for version 1 has no answer once version 2 arrived');
    assert.deepEqual(await staleActions, []);
    assert.equal(adds(await client.waitForDiagnostics((p) => p.uri === uri && p.version === 2)), 2);
    assert.ok((await hover(client, uri)) !== null, 'a hover for the current version is answered');
    assert.deepEqual(analyzedVersions(client, uri), [2], 'version 2 analyzed once, shared by its run and the hover; version 1 never');
  }));

test('a hover and code actions share the analysis of the version they ask about: one per version', () =>
  session(async (client) => {
    const uri = 'file:///shared/Dockerfile';
    await client.open(uri, 'dockerfile', withAdds(1));
    await client.waitForDiagnostics((p) => p.uri === uri && p.version === 1);
    for (let v = 2; v <= 4; v++) {
      await client.change(uri, v, withAdds(v));
      await hover(client, uri);
      await codeActions(client, uri);
      await client.waitForDiagnostics((p) => p.uri === uri && p.version === v);
      await hover(client, uri);
    }
    assert.deepEqual(analyzedVersions(client, uri), [1, 2, 3, 4]);
  }));

test('requests sent while typing wait for the debounced validation: they cost no analysis of their own', () =>
  session(async (client) => {
    const uri = 'file:///typing/Dockerfile';
    await client.open(uri, 'dockerfile', withAdds(1));
    await client.waitForDiagnostics((p) => p.uri === uri && p.version === 1);
    const answers: Array<Promise<unknown>> = [];
    for (let v = 2; v <= 4; v++) {
      await client.change(uri, v, withAdds(v));
      answers.push(hover(client, uri), codeActions(client, uri));
    }
    const [hover2, actions2, hover3, actions3, hover4] = await Promise.all(answers);
    assert.deepEqual([hover2, actions2, hover3, actions3], [null, [], null, []], 'versions 2 and 3 were superseded before their validation ran');
    assert.ok(hover4 !== null, 'the last version is answered once validated');
    assert.deepEqual(analyzedVersions(client, uri), [1, 4]);
  }, 300));

test('closing forgets a document: a request for it analyzes nothing, and reopened at the same version it is analyzed afresh', () =>
  session(async (client) => {
    const uri = 'file:///closed/Dockerfile';
    await client.open(uri, 'dockerfile', withAdds(1));
    await client.waitForDiagnostics((p) => p.uri === uri && p.version === 1);
    await client.close(uri);
    await client.waitForDiagnostics((p) => p.uri === uri && p.diagnostics.length === 0);
    assert.equal(await hover(client, uri), null);
    assert.deepEqual(await codeActions(client, uri), []);
    client.reset();
    await client.open(uri, 'dockerfile', BASE);
    const reopened = await client.waitForDiagnostics((p) => p.uri === uri && p.version === 1);
    assert.equal(adds(reopened), 0, 'the new text, not what was held for version 1 before');
    assert.deepEqual(analyzedVersions(client, uri), [1]);
  }));
