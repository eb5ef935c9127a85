// Kustomize over the real protocol: a patch is judged as partial while a kustomization lists it, and
// editing that kustomization (before any save) re-checks the open patch; editing an overlay re-checks
// the open base, where a setting the overlay's namespace requires is reported; the Pod Security hover of
// a patch is its effective object's.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { fileUri, withWorkspaceServer, type LspClient, type PublishedDiagnostics } from '../harness/lspClient';

const PATCH =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          securityContext:\n            privileged: true\n';
const LISTED = 'resources:\n  - ../../base\npatches:\n  - path: patch.yaml\n';
const UNLISTED = 'resources:\n  - ../../base\n';

const codes = (p: PublishedDiagnostics): string[] => p.diagnostics.map((d) => String(d.code));

test('editing the kustomization re-checks the open patch: a missing setting is reported only while the file is no patch', () =>
  withWorkspaceServer({ 'overlays/prod/kustomization.yaml': LISTED, 'overlays/prod/patch.yaml': PATCH, 'base/kustomization.yaml': 'resources: []\n' }, async (client, root) => {
    const patch = fileUri(path.join(root, 'overlays/prod/patch.yaml'));
    const kustomization = fileUri(path.join(root, 'overlays/prod/kustomization.yaml'));
    await client.open(patch, 'yaml', PATCH);
    const first = codes(await client.waitForDiagnostics((p) => p.uri === patch));
    assert.ok(first.includes('K8S001'), `privileged is a present value: ${first}`);
    assert.ok(!first.includes('K8S003'), `runAsNonRoot comes from the base: ${first}`);

    await client.open(kustomization, 'yaml', LISTED);
    client.reset();
    await client.change(kustomization, 2, UNLISTED);
    await client.waitForDiagnostics((p) => p.uri === patch && codes(p).includes('K8S003') && codes(p).includes('K8S001'));

    client.reset();
    await client.change(kustomization, 3, LISTED);
    await client.waitForDiagnostics((p) => p.uri === patch && !codes(p).includes('K8S003') && codes(p).includes('K8S001'));
  }));

const BASE =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      securityContext:\n        runAsNonRoot: true\n      containers:\n        - name: web\n          image: registry.example.com/web:1.0\n';
const DELETES_POD_CONTEXT =
  'resources:\n  - ../../base\npatches:\n  - patch: |-\n      apiVersion: apps/v1\n      kind: Deployment\n      metadata: {name: web}\n      spec:\n        template:\n          spec:\n            securityContext:\n              $patch: delete\n';

test('editing a base re-checks the open overlay: a setting the overlay deletes is reported only while the base has it', () =>
  withWorkspaceServer({ 'overlays/prod/kustomization.yaml': DELETES_POD_CONTEXT, 'base/kustomization.yaml': 'resources: [deployment.yaml]\n', 'base/deployment.yaml': BASE }, async (client, root) => {
    const overlay = fileUri(path.join(root, 'overlays/prod/kustomization.yaml'));
    const base = fileUri(path.join(root, 'base/deployment.yaml'));
    await client.open(overlay, 'yaml', DELETES_POD_CONTEXT);
    const lost = (p: PublishedDiagnostics) => p.diagnostics.some((d) => d.code === 'K8S003' && d.range.start.line === 3);
    assert.ok(lost(await client.waitForDiagnostics((p) => p.uri === overlay)), 'the overlay deletes runAsNonRoot the base sets');

    await client.open(base, 'yaml', BASE);
    client.reset();
    await client.change(base, 2, BASE.replace('      securityContext:\n        runAsNonRoot: true\n', ''));
    await client.waitForDiagnostics((p) => p.uri === overlay && !lost(p));
  }));

const RESTRICTED_NAMESPACE = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: prod\n  labels: {pod-security.kubernetes.io/enforce: restricted}\n';

for (const name of ['kustomization.yaml', 'Kustomization']) {
  test(`editing an overlay (${name}) re-checks the open base: a setting only the overlay's namespace requires is reported at the base object`, () =>
    withWorkspaceServer(
      {
        '.bulkhead.yaml': 'kubernetes:\n  podSecurityLevel: baseline\n',
        'namespaces.yaml': RESTRICTED_NAMESPACE,
        [`overlays/prod/${name}`]: UNLISTED,
        'base/kustomization.yaml': 'resources: [deployment.yaml]\n',
        'base/deployment.yaml': BASE,
      },
      async (client, root) => {
        const overlay = fileUri(path.join(root, `overlays/prod/${name}`));
        const base = fileUri(path.join(root, 'base/deployment.yaml'));
        const inOverlay = (p: PublishedDiagnostics) => p.diagnostics.some((d) => d.code === 'K8S002' && d.range.start.line === 1 && String(d.message).endsWith('(in overlay ../overlays/prod)'));
        await client.open(base, 'yaml', BASE);
        assert.ok(!inOverlay(await client.waitForDiagnostics((p) => p.uri === base)), 'the overlay sets no namespace yet');

        await client.open(overlay, 'yaml', UNLISTED);
        client.reset();
        await client.change(overlay, 2, `${UNLISTED}namespace: prod\n`);
        await client.waitForDiagnostics((p) => p.uri === base && inOverlay(p));
      },
    ));
}

const HARDENED_BASE =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      securityContext:\n        runAsNonRoot: true\n        seccompProfile: {type: RuntimeDefault}\n      containers:\n        - name: web\n          image: registry.example.com/web:1.0\n          securityContext:\n            allowPrivilegeEscalation: false\n            capabilities: {drop: [ALL]}\n';

const hoverText = async (client: LspClient, uri: string, line: number): Promise<string> => {
  const hover = await client.connection.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: { line, character: 2 } });
  return hover?.contents.value ?? '';
};

test("the Pod Security hover on a patch shows the effective object's standing in its overlay, or that it is not known", () =>
  withWorkspaceServer(
    { 'overlays/prod/kustomization.yaml': LISTED, 'overlays/prod/patch.yaml': PATCH, 'base/kustomization.yaml': 'resources: [deployment.yaml]\n', 'base/deployment.yaml': HARDENED_BASE },
    async (client, root) => {
      const patch = fileUri(path.join(root, 'overlays/prod/patch.yaml'));
      await client.open(patch, 'yaml', PATCH);
      await client.waitForDiagnostics((p) => p.uri === patch);
      const text = await hoverText(client, patch, 1);
      assert.match(text, /effective object's, as the overlay kustomization\.yaml builds it/);
      assert.match(text, /- Privileged Containers \(baseline\): K8S001/);
      assert.doesNotMatch(text, /Running as Non-root/, 'the base sets runAsNonRoot');

      const kustomization = fileUri(path.join(root, 'overlays/prod/kustomization.yaml'));
      await client.open(kustomization, 'yaml', LISTED);
      client.reset();
      await client.change(kustomization, 2, 'resources: []\npatches:\n  - path: patch.yaml\n');
      await client.waitForDiagnostics((p) => p.uri === patch);
      assert.match(await hoverText(client, patch, 1), /a Kustomize patch, only part of the object, and no overlay here builds it/);
    },
  ));
