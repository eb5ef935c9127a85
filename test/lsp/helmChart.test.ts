// A Helm chart over the real protocol: a template is judged with its chart's values, and editing
// values.yaml (before any save) re-checks the open template.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { fileUri, withWorkspaceServer, type PublishedDiagnostics } from '../harness/lspClient';
import { CHART_YAML, DEPLOYMENT, HELPERS, VALUES } from '../harness/helmChart';

const codes = (p: PublishedDiagnostics): string[] => p.diagnostics.map((d) => String(d.code));

test('editing values.yaml re-checks the open template, and editing the template re-judges it with the values', () =>
  withWorkspaceServer({ 'app/Chart.yaml': CHART_YAML, 'app/values.yaml': VALUES, 'app/templates/_helpers.tpl': HELPERS, 'app/templates/deployment.yaml': DEPLOYMENT }, async (client, root) => {
    const template = fileUri(path.join(root, 'app/templates/deployment.yaml'));
    const values = fileUri(path.join(root, 'app/values.yaml'));
    await client.open(template, 'helm', DEPLOYMENT);
    const first = await client.waitForDiagnostics((p) => p.uri === template);
    const privileged = first.diagnostics.find((d) => d.code === 'K8S001');
    assert.ok(privileged, `K8S001 expected, got ${codes(first)}`);
    assert.equal(privileged.relatedInformation?.[0].location.uri, values, 'related information points into values.yaml');

    await client.open(values, 'yaml', VALUES);
    client.reset();
    await client.change(values, 2, VALUES.replace('privileged: true', 'privileged: false'));
    await client.waitForDiagnostics((p) => p.uri === template && !codes(p).includes('K8S001'));

    client.reset();
    await client.change(template, 2, DEPLOYMENT.replace('{{- toYaml .Values.securityContext | nindent 12 }}', 'privileged: true'));
    await client.waitForDiagnostics((p) => p.uri === template && codes(p).includes('K8S001'));
  }));

test('editing the template re-checks the open values.yaml, where the values it prints are reported', () =>
  withWorkspaceServer({ 'app/Chart.yaml': CHART_YAML, 'app/values.yaml': VALUES, 'app/templates/_helpers.tpl': HELPERS, 'app/templates/deployment.yaml': DEPLOYMENT }, async (client, root) => {
    const template = fileUri(path.join(root, 'app/templates/deployment.yaml'));
    const values = fileUri(path.join(root, 'app/values.yaml'));
    await client.open(values, 'yaml', VALUES);
    const first = await client.waitForDiagnostics((p) => p.uri === values);
    const privileged = first.diagnostics.find((d) => d.code === 'K8S001');
    assert.ok(privileged, `K8S001 expected in values.yaml, got ${codes(first)}`);
    assert.equal(privileged.relatedInformation?.[0].location.uri, template, 'related information points into the template');

    await client.open(template, 'helm', DEPLOYMENT);
    client.reset();
    await client.change(template, 2, DEPLOYMENT.replace('{{- toYaml .Values.securityContext | nindent 12 }}', 'allowPrivilegeEscalation: false'));
    await client.waitForDiagnostics((p) => p.uri === values && !codes(p).includes('K8S001'));
  }));

test("editing the parent chart's values.yaml re-checks an open subchart template, which its backend: section overrides", () => {
  const parentValues = `${VALUES}backend:\n  securityContext:\n    privileged: true\n`;
  const subValues = VALUES.replace('privileged: true', 'privileged: false');
  return withWorkspaceServer(
    {
      'app/Chart.yaml': CHART_YAML,
      'app/values.yaml': parentValues,
      'app/templates/_helpers.tpl': HELPERS,
      'app/charts/backend/Chart.yaml': 'apiVersion: v2\nname: backend\nversion: 0.2.0\n',
      'app/charts/backend/values.yaml': subValues,
      'app/charts/backend/templates/deployment.yaml': DEPLOYMENT,
    },
    async (client, root) => {
      const template = fileUri(path.join(root, 'app/charts/backend/templates/deployment.yaml'));
      const values = fileUri(path.join(root, 'app/values.yaml'));
      await client.open(template, 'helm', DEPLOYMENT);
      const first = await client.waitForDiagnostics((p) => p.uri === template);
      const privileged = first.diagnostics.find((d) => d.code === 'K8S001');
      assert.ok(privileged, `K8S001 expected, got ${codes(first)}`);
      assert.equal(privileged.relatedInformation?.[0].location.uri, values, "related information points into the parent's values.yaml");

      await client.open(values, 'yaml', parentValues);
      client.reset();
      await client.change(values, 2, parentValues.replace('    privileged: true', '    privileged: false'));
      await client.waitForDiagnostics((p) => p.uri === template && !codes(p).includes('K8S001'));
    },
  );
});
