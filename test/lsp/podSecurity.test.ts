// Pod Security over the real protocol: the hover on a workload's kind line says where it stands, a
// Namespace elsewhere in the workspace sets its level, and the source action hardens it in one edit.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fileUri, LspClient, withWorkspaceServer } from '../harness/lspClient';

const DEPLOYMENT =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n';
const NAMESPACE = (level: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    pod-security.kubernetes.io/enforce: ${level}\n`;

const hoverText = async (client: LspClient, uri: string, line: number): Promise<string> => {
  const hover = await client.connection.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: { line, character: 2 } });
  return hover?.contents.value ?? '';
};

test('hover on the kind line: baseline and restricted verdicts with the failing controls', () =>
  withWorkspaceServer({ 'web.yaml': DEPLOYMENT }, async (client, root) => {
    const uri = fileUri(path.join(root, 'web.yaml'));
    await client.open(uri, 'yaml', DEPLOYMENT);
    await client.waitForDiagnostics((p) => p.uri === uri);
    const text = await hoverText(client, uri, 1);
    assert.match(text, /Pod Security Standards\*\* for Deployment "web": checked at \*\*restricted\*\*/);
    assert.match(text, /- baseline: passes\n- restricted: fails/);
    assert.match(text, /- Running as Non-root \(restricted\): K8S003/);
    assert.equal(await hoverText(client, uri, 3), '', 'only the kind line carries the summary');
  }));

test('a Namespace in another file enforcing baseline silences restricted-only rules', () =>
  withWorkspaceServer({ 'web.yaml': DEPLOYMENT, 'ns.yaml': NAMESPACE('baseline') }, async (client, root) => {
    const uri = fileUri(path.join(root, 'web.yaml'));
    await client.open(uri, 'yaml', DEPLOYMENT);
    const published = await client.waitForDiagnostics((p) => p.uri === uri);
    assert.ok(!published.diagnostics.some((d) => d.code === 'K8S003'), 'runAsNonRoot is a restricted control');
    assert.match(await hoverText(client, uri, 1), /namespace shop enforces \*\*baseline\*\*/);

    // Editing the Namespace in the editor re-checks the workload.
    const ns = fileUri(path.join(root, 'ns.yaml'));
    await client.open(ns, 'yaml', NAMESPACE('baseline'));
    client.reset();
    await client.change(ns, 2, NAMESPACE('restricted'));
    await client.waitForDiagnostics((p) => p.uri === uri && p.diagnostics.some((d) => d.code === 'K8S003'));
  }));

test('the "harden to restricted" source action fixes the workload in one edit', () =>
  withWorkspaceServer({ 'web.yaml': DEPLOYMENT }, async (client, root) => {
    const uri = fileUri(path.join(root, 'web.yaml'));
    await client.open(uri, 'yaml', DEPLOYMENT);
    await client.waitForDiagnostics((p) => p.uri === uri);
    const request = (only?: string[]) =>
      client.connection.sendRequest<Array<{ title: string; kind: string; edit: { changes: Record<string, Array<{ range: never; newText: string }>> } }>>('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 9, character: 10 }, end: { line: 9, character: 10 } },
        context: { diagnostics: [], ...(only ? { only } : {}) },
      });
    assert.ok(!(await request()).some((a) => a.kind.startsWith('source.')), 'not computed for the unfiltered light bulb');
    const [harden] = (await request(['source'])).filter((a) => a.kind === 'source.hardenToRestricted.bulkhead');
    assert.ok(harden, 'offered in the Source Action menu');
    const hardened = TextDocument.applyEdits(TextDocument.create(uri, 'yaml', 1, DEPLOYMENT), harden.edit.changes[uri]);
    for (const field of ['runAsNonRoot: true', 'allowPrivilegeEscalation: false', 'seccompProfile', 'drop:']) assert.ok(hardened.includes(field), `${field} in\n${hardened}`);

    client.reset();
    await client.change(uri, 2, hardened);
    const after = await client.waitForDiagnostics((p) => p.uri === uri);
    assert.match(await hoverText(client, uri, 1), /- restricted: passes/, `left: ${after.diagnostics.map((d) => d.code)}`);
  }));
