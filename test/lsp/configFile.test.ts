// The config file open in the editor: a rule id under `rules:` that no rule has is a BH002 diagnostic at its key.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileUri, LspClient, tempWorkspace } from '../harness/lspClient';

test('unknown rule ids in .bulkhead.yaml and .bulkhead.json are BH002 diagnostics at their key', async () => {
  const files = { '.bulkhead.yaml': 'rules:\n  DF006: off\n  DF999: off\n', 'sub/.bulkhead.json': '{"rules": {"K8S999": "error"}}' };
  const root = tempWorkspace(files);
  const client = new LspClient();
  try {
    await client.initialize(root);
    const cases = [
      ['.bulkhead.yaml', 'yaml', 'DF999', [2, 2, 2, 7]],
      ['sub/.bulkhead.json', 'json', 'K8S999', [0, 11, 0, 19]],
    ] as const;
    for (const [rel, languageId, id, [sl, sc, el, ec]] of cases) {
      const uri = fileUri(path.join(root, rel));
      await client.open(uri, languageId, files[rel]);
      const published = await client.waitForDiagnostics((p) => p.uri === uri && p.version === 1);
      assert.deepEqual(
        published.diagnostics.map((d) => ({ code: d.code, message: d.message, range: d.range })),
        [
          {
            code: 'BH002',
            message: `Unknown rule id "${id}" in the configuration: this setting has no effect.`,
            range: { start: { line: sl, character: sc }, end: { line: el, character: ec } },
          },
        ],
        rel,
      );
    }
    assert.equal(await client.stop(), 0);
  } finally {
    if (client.process.exitCode === null) client.process.kill();
    fs.rmSync(root, { recursive: true, force: true });
  }
});
