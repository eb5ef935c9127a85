// Instant feedback with default settings (no debounceMs from the client): a validation never waits,
// however costly the document's last analysis, every version of a slow typist's edits is published,
// keystrokes that queued up meanwhile are analyzed once, for the latest, and a keystroke is not held up
// by a workspace scan running meanwhile. Waits and analyses are read from the server's trace, never
// timed by the test.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LspClient, fileUri, tempWorkspace } from '../harness/lspClient';

const VALIDATING = /^bulkhead: validating (\S+) \(version (\d+)\) in (\d+) ms/;
const ANALYZED_IN = /^bulkhead: analyzed (\S+) \(version (\d+)\) in ([\d.e-]+) ms/;
const DOCKERFILE = (n: number) => `FROM alpine:3.20\n${'ADD x /x\n'.repeat(n)}`;
/** What the former adaptive debounce analyzed at once; a costlier document waited as long as its last analysis took. */
const FORMERLY_INSTANT_BELOW_MS = 15;

/** Each validation of `uri` the server traced after a first analysis: its wait, and the cost of the analysis before it. */
function waitsAfterAnalyses(client: LspClient, uri: string): Array<{ wait: number; lastCost: number }> {
  const out: Array<{ wait: number; lastCost: number }> = [];
  let lastCost: number | undefined;
  for (const { message } of client.messages<{ message: string }>('$/logTrace')) {
    const analyzed = ANALYZED_IN.exec(message);
    if (analyzed?.[1] === uri) lastCost = Number(analyzed[3]);
    const validating = VALIDATING.exec(message);
    if (validating?.[1] === uri && lastCost !== undefined) out.push({ wait: Number(validating[3]), lastCost });
  }
  return out;
}

/** The versions of `uri` the server traced analyzing. */
function analyzedVersions(client: LspClient, uri: string): number[] {
  return client
    .messages<{ message: string }>('$/logTrace')
    .map(({ message }) => ANALYZED_IN.exec(message))
    .filter((m) => m?.[1] === uri)
    .map((m) => Number(m![2]));
}

/** Notifications written to the server in one write: keystrokes that queued up in the pipe while it was busy. */
function writeAtOnce(client: LspClient, notifications: Array<{ method: string; params: unknown }>): void {
  const framed = notifications.map((n) => {
    const body = JSON.stringify({ jsonrpc: '2.0', ...n });
    return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
  });
  client.process.stdin!.write(framed.join(''));
}

async function withDefaultServer(files: Record<string, string>, run: (client: LspClient, root: string) => Promise<void>): Promise<void> {
  const root = tempWorkspace(files);
  const client = new LspClient();
  try {
    await client.initialize(root, {}); // the editor's defaults: no debounceMs
    await client.connection.sendNotification('$/setTrace', { value: 'messages' });
    await run(client, root);
  } finally {
    assert.equal(await client.stop(), 0);
    fs.rmSync(root, { recursive: true, force: true });
  }
}

test('with default settings every version of a slow typist is published, none waiting for a timer', () =>
  withDefaultServer({}, async (client, root) => {
    const uri = fileUri(path.join(root, 'Dockerfile'));
    await client.open(uri, 'dockerfile', DOCKERFILE(1));
    await client.waitForDiagnostics((p) => p.uri === uri && p.version === 1);
    for (let v = 2; v <= 6; v++) {
      await client.change(uri, v, DOCKERFILE(v));
      const published = await client.waitForDiagnostics((p) => p.uri === uri && p.version === v);
      assert.equal(published.diagnostics.filter((d) => d.code === 'DF006').length, v);
    }
    const waits = waitsAfterAnalyses(client, uri);
    assert.equal(waits.length, 5, `validations traced: ${JSON.stringify(waits)}`);
    assert.ok(
      waits.every(({ wait }) => wait === 0),
      JSON.stringify(waits),
    );
  }));

test('with default settings a costly document is validated without a wait too', () =>
  withDefaultServer({}, async (client, root) => {
    const uri = fileUri(path.join(root, 'Dockerfile'));
    // Thousands of findings: an analysis far over what the former adaptive debounce analyzed at once.
    const big = (v: number) => `${DOCKERFILE(4000)}# ${v}\n`;
    await client.open(uri, 'dockerfile', big(1));
    await client.waitForDiagnostics((p) => p.uri === uri && p.version === 1, 60_000);
    await client.change(uri, 2, big(2));
    await client.waitForDiagnostics((p) => p.uri === uri && p.version === 2, 60_000);
    const [{ wait, lastCost }] = waitsAfterAnalyses(client, uri);
    assert.ok(lastCost >= FORMERLY_INSTANT_BELOW_MS, `the first analysis took ${lastCost} ms`);
    assert.equal(wait, 0);
  }));

test('with default settings keystrokes that arrive together are analyzed once, for the latest version', () =>
  withDefaultServer({}, async (client, root) => {
    const uri = fileUri(path.join(root, 'Dockerfile'));
    const text = DOCKERFILE(200);
    await client.open(uri, 'dockerfile', text);
    await client.waitForDiagnostics((p) => p.uri === uri && p.version === 1);
    client.reset();
    // 15 one-character insertions in one write (under the 4 KiB a pipe delivers whole).
    const keystrokes = Array.from({ length: 15 }, (_, i) => ({
      method: 'textDocument/didChange',
      params: { textDocument: { uri, version: i + 2 }, contentChanges: [{ range: { start: { line: 1, character: i }, end: { line: 1, character: i } }, text: 'x' }] },
    }));
    writeAtOnce(client, keystrokes);
    await client.waitForDiagnostics((p) => p.uri === uri && p.version === 16);
    assert.deepEqual(analyzedVersions(client, uri), [16]);
    assert.deepEqual(
      client
        .allPublished()
        .filter((p) => p.uri === uri)
        .map((p) => p.version),
      [16],
    );
  }));

test('a keystroke during a workspace scan is published before the scan ends', () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 600; i++) files[`svc-${i}/Dockerfile`] = DOCKERFILE(3);
  return withDefaultServer(files, async (client, root) => {
    const uri = fileUri(path.join(root, 'svc-0', 'Dockerfile'));
    await client.open(uri, 'dockerfile', DOCKERFILE(1));
    await client.waitForDiagnostics((p) => p.uri === uri && p.version === 1);
    let scanEnded = false;
    const scan = client.connection.sendRequest('bulkhead/scanWorkspace', {}).then(() => (scanEnded = true));
    await client.waitForDiagnostics((p) => p.uri !== uri); // the scan is under way
    await client.change(uri, 2, DOCKERFILE(2));
    await client.waitForDiagnostics((p) => p.uri === uri && p.version === 2);
    assert.equal(scanEnded, false, 'the edited document was published while the scan still ran');
    await scan;
  });
});
