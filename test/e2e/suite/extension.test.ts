// Bulkhead inside a real VS Code: activation on the built-in language ids, diagnostics, quick fix,
// hover, the scan command, documentation and snippets. Waits follow diagnostics events, never sleeps.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'bulkhead.bulkhead';

function workspaceUri(...parts: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace is open');
  return vscode.Uri.joinPath(folder.uri, ...parts);
}

/** Resolves when the diagnostics of `uri` satisfy `predicate` (checked now and on every change). */
function waitForDiagnostics(uri: vscode.Uri, predicate: (d: vscode.Diagnostic[]) => boolean, timeoutMs = 30_000): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const current = vscode.languages.getDiagnostics(uri);
    if (predicate(current)) return resolve(current);
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`diagnostics for ${path.basename(uri.path)} never matched; last: ${JSON.stringify(vscode.languages.getDiagnostics(uri).map((d) => d.code))}`));
    }, timeoutMs);
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      const diagnostics = vscode.languages.getDiagnostics(uri);
      if (predicate(diagnostics)) {
        clearTimeout(timer);
        sub.dispose();
        resolve(diagnostics);
      }
    });
  });
}

const codeOf = (d: vscode.Diagnostic): string => String(typeof d.code === 'object' ? d.code.value : d.code);
const has = (id: string) => (ds: vscode.Diagnostic[]) => ds.some((d) => codeOf(d) === id);

suite('Bulkhead extension', () => {
  suiteSetup(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
  });

  test('activates on a Dockerfile and reports findings with the rule id and source', async () => {
    const uri = workspaceUri('app', 'Dockerfile');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    assert.equal(doc.languageId, 'dockerfile');
    const diagnostics = await waitForDiagnostics(uri, has('DF006'));
    const d = diagnostics.find((x) => codeOf(x) === 'DF006')!;
    assert.equal(d.source, 'bulkhead');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.deepEqual([d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character], [1, 0, 1, 3]);
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)!.isActive);
  });

  test('reports on Compose (dockercompose) and Kubernetes (yaml) files', async () => {
    const compose = await vscode.workspace.openTextDocument(workspaceUri('compose.yaml'));
    assert.equal(compose.languageId, 'dockercompose');
    await waitForDiagnostics(compose.uri, has('DC001'));
    const pod = await vscode.workspace.openTextDocument(workspaceUri('deploy', 'pod.yaml'));
    assert.equal(pod.languageId, 'yaml');
    await waitForDiagnostics(pod.uri, has('K8S001'));
  });

  test('hover explains the finding', async () => {
    const uri = workspaceUri('app', 'Dockerfile');
    await waitForDiagnostics(uri, has('DF006'));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(1, 1));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /DF006 · ADD used for local files/);
    assert.match(text, /Threat:/);
    assert.match(text, /hadolint `DL3020`/);
  });

  test('the quick fix edits the file and the finding disappears', async () => {
    const uri = workspaceUri('app', 'Dockerfile');
    const diagnostics = await waitForDiagnostics(uri, has('DF006'));
    const d = diagnostics.find((x) => codeOf(x) === 'DF006')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Ignore DF006 for this line'), titles.join(' | '));
    assert.ok(titles.includes('Show documentation for DF006'), titles.join(' | '));
    const fix = actions.find((a) => a.title === 'Replace ADD with COPY');
    assert.ok(fix?.edit, titles.join(' | '));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(doc.lineAt(1).text, 'COPY app.py /app/');
    await waitForDiagnostics(uri, (ds) => !has('DF006')(ds));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('Bulkhead: Scan Workspace reports files that were never opened', async () => {
    const uri = workspaceUri('deploy', 'never-opened.yaml');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()));
    const result = await vscode.commands.executeCommand<{ files: number; findings: number; cancelled: boolean }>('bulkhead.scanWorkspace');
    assert.ok(result && result.files >= 4, JSON.stringify(result));
    assert.equal(result.cancelled, false);
    await waitForDiagnostics(uri, has('K8S005'));
  });

  test('Show documentation opens the bundled rule page', async () => {
    await vscode.commands.executeCommand('bulkhead.showRuleDocumentation', 'DF006');
  });

  test('the hardened Dockerfile snippet inserts and leaves only the digest placeholder to fill', async () => {
    // Start from a flagged file so "no findings" is an observed change, not the initial state.
    const doc = await vscode.workspace.openTextDocument({ language: 'dockerfile', content: 'FROM node:latest\n' });
    const editor = await vscode.window.showTextDocument(doc);
    await waitForDiagnostics(doc.uri, has('DF002'));
    await vscode.commands.executeCommand('editor.action.selectAll');
    await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'dockerfile', name: 'Hardened multi-stage Dockerfile' });
    assert.match(editor.document.getText(), /USER 10001:10001/);
    // The placeholder digest is the one thing left to fill in: an info reminder, nothing else.
    const diagnostics = await waitForDiagnostics(doc.uri, (ds) => !has('DF002')(ds) && ds.length > 0);
    assert.deepEqual([...new Set(diagnostics.map(codeOf))], ['DF030']);
    assert.ok(diagnostics.every((d) => d.severity === vscode.DiagnosticSeverity.Information));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
