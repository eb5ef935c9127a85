// Edits must not cascade: every Kubernetes document reads the workspace manifest index, so a YAML edit
// re-checks the other open documents only when it changes what the index keeps of the file (objects,
// names, labels, keys, network policies, workloads, image builds), and always after the edited
// document itself is published.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { fileUri, withWorkspaceServer } from '../harness/lspClient';
import { analyzedVersions } from '../harness/serverMemory';

const APP = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n';
const SHOP = ({ owner = 'team-a', team = 'a', image = 'registry.example.com/worker:1.0' } = {}) =>
  `# owner: ${owner}\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    team: ${team}\n---\n` +
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: worker\n  namespace: shop\nspec:\n  template:\n    spec:\n      containers:\n        - name: worker\n          image: ${image}\n`;

test('editing a comment or an image of another manifest re-checks nobody; a label edit re-checks the dependent after the edited file', () =>
  withWorkspaceServer({ 'app.yaml': APP, 'shop.yaml': SHOP() }, async (client, root) => {
    const app = fileUri(path.join(root, 'app.yaml'));
    const shop = fileUri(path.join(root, 'shop.yaml'));
    await client.connection.sendNotification('$/setTrace', { value: 'messages' });
    await client.open(app, 'yaml', APP);
    await client.waitForDiagnostics((p) => p.uri === app);
    await client.open(shop, 'yaml', SHOP());
    await client.waitForDiagnostics((p) => p.uri === shop && p.version === 1);
    // Opening shop.yaml puts its buffer in place of the file: app.yaml is re-checked once for that.
    await client.waitForDiagnostics((p) => p.uri === app && client.allPublished().filter((q) => q.uri === app).length === 2);
    client.reset();

    // Saving it changes the file on disk, which no one reads while the buffer is open.
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: shop, type: 2 }] });
    await client.change(shop, 2, SHOP({ owner: 'team-b' }));
    await client.waitForDiagnostics((p) => p.uri === shop && p.version === 2);
    await client.change(shop, 3, SHOP({ owner: 'team-b', image: 'registry.example.com/worker:1.1' }));
    await client.waitForDiagnostics((p) => p.uri === shop && p.version === 3);
    await client.change(shop, 4, SHOP({ owner: 'team-b', image: 'registry.example.com/worker:1.1', team: 'b' }));
    await client.waitForDiagnostics((p) => p.uri === app);

    const order = client.allPublished().map((p) => `${p.uri === app ? 'app' : 'shop'}@${p.version}`);
    assert.deepEqual(order, ['shop@2', 'shop@3', 'shop@4', 'app@1'], 'app.yaml is published once, after the label edit is');
    assert.deepEqual(analyzedVersions(client, app), [1], 'and analyzed once');
    assert.deepEqual(analyzedVersions(client, shop), [2, 3, 4]);
  }));
