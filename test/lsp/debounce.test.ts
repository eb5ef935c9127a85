// Instant feedback with default settings (no debounceMs from the client): each validation waits what
// the document's last analysis cost says (nothing for a cheap one), every version of a slow typist's
// edits is published, and a keystroke is not held up by a workspace scan running meanwhile. Waits and
// costs are read from the server's trace, never timed by the test.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LspClient, fileUri, tempWorkspace } from '../harness/lspClient';
import { adaptiveDelay, INSTANT_BELOW_MS } from '../../server/src/lsp/debounce';

const VALIDATING = /^bulkhead: validating (\S+) \(version (\d+)\) in (\d+) ms/;
const ANALYZED_IN = /^bulkhead: analyzed (\S+) \(version (\d+)\) in ([\d.e-]+) ms/;
const DOCKERFILE = (n: number) => `FROM alpine:3.20\n${'ADD x /x\n'.repeat(n)}`;

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

test('with default settings a cheap document is validated with no debounce wait, every version published', () =>
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
    assert.ok(waits.length >= 3, `validations traced: ${JSON.stringify(waits)}`);
    for (const { wait, lastCost } of waits) assert.equal(wait, adaptiveDelay(lastCost), `wait after an analysis of ${lastCost} ms`);
    // Measured costs vary with the machine's load, but a two-line Dockerfile, once the server is warm, is cheap.
    assert.ok(
      waits.some(({ wait, lastCost }) => lastCost < INSTANT_BELOW_MS && wait === 0),
      'a cheap document waited for nothing',
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
