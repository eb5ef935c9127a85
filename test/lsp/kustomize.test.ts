// Kustomize over the real protocol: a patch is judged as partial while a kustomization lists it, and
// editing that kustomization (before any save) re-checks the open patch.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { fileUri, withWorkspaceServer, type PublishedDiagnostics } from '../harness/lspClient';

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
