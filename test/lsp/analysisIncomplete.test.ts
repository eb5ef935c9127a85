// A rule that throws inside the language server: the editor shows BH005 on the file (a finding like any
// other) beside the other rules' diagnostics, and the server keeps the stack for its log.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LspClient, fileUri, tempWorkspace } from '../harness/lspClient';
import { THROWN_LINE } from '../harness/throwingRule';

test('a rule that throws is a BH005 diagnostic in the editor; the other rules still report', async () => {
  const root = tempWorkspace({});
  const client = new LspClient(path.join(__dirname, 'throwingRuleServer.js'));
  try {
    await client.initialize(root);
    const uri = fileUri(path.join(root, 'Dockerfile'));
    await client.open(uri, 'dockerfile', 'FROM alpine:3.20\nADD app.py /app/\n');
    const published = await client.waitForDiagnostics((p) => p.uri === uri && p.version === 1);
    const bh005 = published.diagnostics.filter((d) => d.code === 'BH005');
    assert.deepEqual(
      bh005.map((d) => ({ message: d.message, severity: d.severity, range: d.range })),
      [
        {
          message: `Rule DF900 (always-throws) failed on this file, so its checks were skipped: ${THROWN_LINE}.`,
          severity: 2,
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        },
      ],
    );
    assert.ok(
      published.diagnostics.some((d) => d.code === 'DF006'),
      'the other rules still report',
    );
    await client.waitFor<{ message: string }>('window/logMessage', (m) => m.message.includes('DF900 always-throws: RangeError: Invalid array length\n'));
    assert.equal(await client.stop(), 0);
  } finally {
    if (client.process.exitCode === null) client.process.kill();
    fs.rmSync(root, { recursive: true, force: true });
  }
});
