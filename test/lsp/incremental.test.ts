// Incremental manifests over the real protocol: after an edit in one document moves the others down, a
// quick fix of a finding in an unchanged document (its findings reused, not computed again) edits where
// a fresh analysis says, at the finding's new place.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { LspClient } from '../harness/lspClient';
import { analyze } from '../../server/src/engine/index';

const POD = (name: string, privileged: boolean) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n    - name: ${name}\n      image: nginx:1.27\n      securityContext:\n        privileged: ${privileged}\n`;

test('a quick fix of a reused finding edits at its document’s new place', async () => {
  const client = new LspClient();
  try {
    await client.initialize(undefined, { debounceMs: 0 });
    const uri = 'file:///incremental/pods.yaml';
    const version1 = [POD('a', false), POD('b', false), POD('c', true)].join('---\n');
    await client.open(uri, 'yaml', version1);
    await client.waitForDiagnostics((p) => p.uri === uri && p.version === 1);
    // Two lines above the first pod: the second and third move down by two.
    const version2 = `# owner: web team\n# reviewed\n${version1}`;
    await client.change(uri, 2, version2);
    const published = await client.waitForDiagnostics((p) => p.uri === uri && p.version === 2);
    const diagnostic = published.diagnostics.find((d: Diagnostic) => d.code === 'K8S001');
    assert.ok(diagnostic, 'K8S001 on the third pod');
    const actions: CodeAction[] = await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
    const fix = actions.find((a) => a.diagnostics?.some((d) => d.code === 'K8S001') && a.edit?.changes?.[uri]);
    assert.ok(fix, 'the K8S001 quick fix is offered');
    const fresh = analyze({ uri, text: version2, incremental: false }).findings.find((f) => f.ruleId === 'K8S001')!;
    assert.deepEqual(diagnostic.range, fresh.range);
    assert.deepEqual(fix.edit!.changes![uri] as TextEdit[], fresh.fixes[0].edits);
  } finally {
    await client.stop();
  }
});
