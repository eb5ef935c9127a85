// ValidatingAdmissionPolicy over the real protocol: editing a policy, or the params object its binding
// names, re-checks the open manifest it applies to (before any save), and editing the manifest shows
// the policy's failure.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../../scripts/generated';
import { fileUri, withWorkspaceServer, type PublishedDiagnostics } from '../harness/lspClient';
import { exampleDeployment, examplePolicy } from '../../server/src/engine/rules/cross/admissionPolicy';

const POLICY = examplePolicy('Deny');
const codes = (p: PublishedDiagnostics): string[] => p.diagnostics.map((d) => String(d.code));

test('editing a policy re-checks the open manifest; editing the manifest shows the failure', () =>
  withWorkspaceServer({ 'policies/replicas.yaml': POLICY, 'app.yaml': exampleDeployment(4) }, async (client, root) => {
    const app = fileUri(path.join(root, 'app.yaml'));
    const policy = fileUri(path.join(root, 'policies/replicas.yaml'));
    await client.open(app, 'yaml', exampleDeployment(4));
    const first = await client.waitForDiagnostics((p) => p.uri === app);
    assert.deepEqual(
      codes(first).filter((c) => c === 'XF012'),
      [],
      '4 replicas are allowed',
    );

    await client.open(policy, 'yaml', POLICY);
    client.reset();
    await client.change(policy, 2, POLICY.replace('<= 5', '<= 3').replace('at most 5', 'at most 3')); // unsaved: the server reads the editor's text
    const denied = await client.waitForDiagnostics((p) => p.uri === app && codes(p).includes('XF012'));
    const d = denied.diagnostics.find((x) => x.code === 'XF012')!;
    assert.equal(d.severity, 1, 'Deny is an error');
    assert.match(String(d.message), /replicas must be at most 3, not 4 \(ValidatingAdmissionPolicy "replica-limit", binding "replica-limit-binding", Deny\)/);
    assert.equal(d.range.start.line, 5, 'on the fieldPath, spec.replicas');
    assert.equal(d.relatedInformation?.[0].location.uri, policy, 'related information points at the policy');

    client.reset();
    await client.change(app, 2, exampleDeployment(2));
    await client.waitForDiagnostics((p) => p.uri === app && !codes(p).includes('XF012'));
  }));

test("editing the params object a binding's paramRef names re-checks the manifests the policy applies to", () => {
  // The documentation's policy with params; its ReplicaLimit object moves to a file of its own.
  const [policy, params] = fs.readFileSync(path.join(REPO_ROOT, 'test/fixtures/admission/replicalimit-policy.yaml'), 'utf8').split('---\napiVersion: rules.example.com/v1\n');
  const limit = (max: number) => `apiVersion: rules.example.com/v1\n${params.replace('maxReplicas: 3', `maxReplicas: ${max}`)}`;
  const namespace = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: default\n  labels:\n    environment: test\n';
  return withWorkspaceServer({ 'policies/replicas.yaml': policy, 'params/limit.yaml': limit(5), 'ns.yaml': namespace, 'app.yaml': exampleDeployment(4) }, async (client, root) => {
    const app = fileUri(path.join(root, 'app.yaml'));
    const paramsFile = fileUri(path.join(root, 'params/limit.yaml'));
    await client.open(app, 'yaml', exampleDeployment(4));
    const first = await client.waitForDiagnostics((p) => p.uri === app);
    assert.deepEqual(
      codes(first).filter((c) => c === 'XF012' || c === 'XF015'),
      [],
      '4 replicas are within the limit of 5',
    );

    await client.open(paramsFile, 'yaml', limit(5));
    client.reset();
    await client.change(paramsFile, 2, limit(3));
    const denied = await client.waitForDiagnostics((p) => p.uri === app && codes(p).includes('XF012'));
    assert.match(String(denied.diagnostics.find((x) => x.code === 'XF012')!.message), /must be no greater than 3/);

    client.reset();
    await client.change(paramsFile, 3, limit(4));
    await client.waitForDiagnostics((p) => p.uri === app && !codes(p).includes('XF012'));
  });
});

test('hover on a policy expression names the workspace objects it fails, linked to their line', () =>
  withWorkspaceServer({ 'policies/replicas.yaml': POLICY, 'app.yaml': exampleDeployment(9), 'small.yaml': exampleDeployment(2).replace('name: web', 'name: small') }, async (client, root) => {
    const policy = fileUri(path.join(root, 'policies/replicas.yaml'));
    await client.open(policy, 'yaml', POLICY);
    await client.waitForDiagnostics((p) => p.uri === policy);
    const line = POLICY.split('\n').findIndex((l) => l.includes('object.spec.replicas <= 5'));
    const hoverAt = (text: string) =>
      client.connection
        .sendRequest<{ contents: { kind: string; value: string } } | null>('textDocument/hover', {
          textDocument: { uri: policy },
          position: { line, character: POLICY.split('\n')[line].indexOf('replicas') },
        })
        .then((h) => {
          assert.ok(h, `a hover for ${text}`);
          return h.contents.value;
        });
    const failing = await hoverAt('9 replicas');
    assert.match(failing, /^\*\*validations\\\[0\\\]\.expression of policy "replica-limit"\*\*: fails on 1 of 2 matched objects\n/);
    assert.ok(failing.includes(`[app.yaml:2](${fileUri(path.join(root, 'app.yaml'))}#L2)`), failing);
    assert.doesNotMatch(failing, /small/);

    // The manifest edited in the editor (unsaved): the hover judges the editor's text.
    const app = fileUri(path.join(root, 'app.yaml'));
    await client.open(app, 'yaml', exampleDeployment(9));
    await client.change(app, 2, exampleDeployment(3));
    await client.waitForDiagnostics((p) => p.uri === app && !codes(p).includes('XF012'));
    assert.match(await hoverAt('3 replicas'), /passes on all 2 matched objects/);
  }));
