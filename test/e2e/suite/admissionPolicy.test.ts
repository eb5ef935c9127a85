// A team's ValidatingAdmissionPolicy in the real editor (issue 14): a policy file and a manifest in the
// workspace, and the manifest is squiggled with the policy's message. The files are written for the
// test and removed after it; the policy selects only their own labelled ConfigMap, so the other
// editor tests' fixtures are untouched.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const TIMEOUT_MS = 30_000;
const DIR = 'admission-e2e';

const POLICY = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: owner-label
spec:
  matchConstraints:
    resourceRules:
      - {apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [configmaps]}
    objectSelector:
      matchLabels: {bulkhead-e2e: admission}
  validations:
    - expression: "'owner' in object.metadata.labels"
      message: every ConfigMap names its owner
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: owner-label-binding
spec:
  policyName: owner-label
  validationActions: [Deny]
`;
const MANIFEST = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  labels:\n    bulkhead-e2e: admission\ndata:\n  mode: strict\n';

const codeOf = (d: vscode.Diagnostic): string => String(typeof d.code === 'object' ? d.code.value : d.code);

suite('Admission policies in the editor', () => {
  const folder = () => {
    const root = vscode.workspace.workspaceFolders?.[0];
    assert.ok(root, 'the test workspace is open');
    return vscode.Uri.joinPath(root.uri, DIR);
  };

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(folder(), { recursive: true, useTrash: false });
  });

  test('a manifest the workspace policy denies is squiggled with the policy message', async () => {
    const policy = vscode.Uri.joinPath(folder(), 'policy.yaml');
    const manifest = vscode.Uri.joinPath(folder(), 'settings.yaml');
    await vscode.workspace.fs.writeFile(policy, Buffer.from(POLICY));
    await vscode.workspace.fs.writeFile(manifest, Buffer.from(MANIFEST));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(manifest));
    const found = await new Promise<vscode.Diagnostic>((resolve, reject) => {
      const check = () => vscode.languages.getDiagnostics(manifest).find((d) => codeOf(d) === 'XF012');
      const timer = setTimeout(() => {
        sub.dispose();
        reject(new Error(`no XF012 on the manifest; last: ${JSON.stringify(vscode.languages.getDiagnostics(manifest).map(codeOf))}`));
      }, TIMEOUT_MS);
      const sub = vscode.languages.onDidChangeDiagnostics(() => {
        const d = check();
        if (!d) return;
        clearTimeout(timer);
        sub.dispose();
        resolve(d);
      });
      const now = check();
      if (now) {
        clearTimeout(timer);
        sub.dispose();
        resolve(now);
      }
    });
    assert.equal(found.severity, vscode.DiagnosticSeverity.Error, 'Deny is an error');
    assert.match(found.message, /every ConfigMap names its owner/);
    assert.equal(found.range.start.line, 1, 'on the kind: line');
  });
});
