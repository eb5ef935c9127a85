// Hover in the format the client asked for (`hover.contentFormat`), with the diagnostic message only for
// clients that do not show diagnostics themselves.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { ClientCapabilities, Diagnostic, MarkupContent } from 'vscode-languageserver-protocol';
import { fileUri, VSCODE_LIKE_CAPABILITIES, withWorkspaceServer, type LspClient } from '../harness/lspClient';

const DOCKERFILE = 'FROM alpine:3.20\nRUN apt-get install -y curl\nUSER 10001\n';

const withHover = (hover: ClientCapabilities['textDocument']): ClientCapabilities => ({ ...VSCODE_LIKE_CAPABILITIES, textDocument: { ...VSCODE_LIKE_CAPABILITIES.textDocument, ...hover } });

/** Opens the Dockerfile and hovers over its DF018 finding (apt without --no-install-recommends). */
async function hoverOnFinding(client: LspClient, root: string): Promise<{ hover: MarkupContent; diagnostic: Diagnostic }> {
  const uri = fileUri(path.join(root, 'Dockerfile'));
  await client.open(uri, 'dockerfile', DOCKERFILE);
  // A client without publishDiagnostics still gets them (it ignores them); wait for them either way.
  const published = await client.waitForDiagnostics((p) => p.uri === uri && p.diagnostics.some((d) => d.code === 'DF018'));
  const diagnostic = published.diagnostics.find((d) => d.code === 'DF018')!;
  const hover = await client.connection.sendRequest<{ contents: MarkupContent }>('textDocument/hover', { textDocument: { uri }, position: diagnostic.range.start });
  return { hover: hover.contents, diagnostic };
}

test('a plaintext client gets plaintext: no Markdown markers, links written out', () =>
  withWorkspaceServer(
    { Dockerfile: DOCKERFILE },
    async (client, root) => {
      const { hover } = await hoverOnFinding(client, root);
      assert.equal(hover.kind, 'plaintext');
      assert.doesNotMatch(hover.value, /\*\*|\]\(|`|\\[<*_]/, hover.value);
      const lines = hover.value.split('\n');
      assert.match(lines[0], /^DF018 · apt installs recommended packages too \(\w+\)$/);
      assert.match(lines[1], /^Threat: /);
      assert.match(lines[2], /^Fix: Add --no-install-recommends \(Quick Fix, review: a package the image got only as a recommendation/);
      assert.doesNotMatch(hover.value, /tightens privileges/, 'the review label is worded for this fix');
      assert.match(hover.value, /^Rule documentation: file:\/\/\S+\/docs\/rules\/DF018-\S+\.md$/m);
      assert.match(hover.value, /^Threat model: file:\/\/\S+\/docs\/threat-model\.md#\S+$/m);
    },
    withHover({ hover: { contentFormat: ['plaintext', 'markdown'] } }),
  ));

test('a client that takes Markdown first gets Markdown', () =>
  withWorkspaceServer({ Dockerfile: DOCKERFILE }, async (client, root) => {
    const { hover } = await hoverOnFinding(client, root);
    assert.equal(hover.kind, 'markdown');
    assert.match(hover.value, /^\*\*DF018 · /);
  }));

test('a client that does not show diagnostics gets the message in the hover; one that does, not', async () => {
  const { publishDiagnostics: _, ...withoutDiagnostics } = VSCODE_LIKE_CAPABILITIES.textDocument!;
  await withWorkspaceServer(
    { Dockerfile: DOCKERFILE },
    async (client, root) => {
      const { hover, diagnostic } = await hoverOnFinding(client, root);
      assert.ok(hover.value.includes(diagnostic.message as string), hover.value);
    },
    { ...VSCODE_LIKE_CAPABILITIES, textDocument: withoutDiagnostics },
  );
  await withWorkspaceServer({ Dockerfile: DOCKERFILE }, async (client, root) => {
    const { hover, diagnostic } = await hoverOnFinding(client, root);
    assert.ok(!hover.value.includes(diagnostic.message as string), hover.value);
  });
});
