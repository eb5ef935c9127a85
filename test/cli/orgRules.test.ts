// Organisation rules (.bulkhead.yaml `rules:` in CEL) carry their documentation like built-in rules:
// SARIF describes them among the run's rules, and the editor's hover renders their page (title,
// expression, message) from the configuration, with no documentation file to link.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { tempTrees } from '../harness/tempTree';
import { main } from '../../server/src/cli/main';
import { hoverAt } from '../../server/src/lsp/hover';
import { analyze, mergeConfig, parseConfigFile, ruleMetas } from '../../server/src/engine/index';

const CONFIG = `rules:
  ORG001:
    title: Deployments name their owner
    kind: kubernetes
    severity: warning
    threat: access-control
    expression: "has(object.metadata.labels) && 'owner' in object.metadata.labels"
    message: Every Deployment needs an owner label
`;
const DEPLOYMENT = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n';
const tree = tempTrees('bulkhead-org-');

test('SARIF describes an organisation rule among the run rules, as a built-in one', async () => {
  const dir = tree({ '.bulkhead.yaml': CONFIG, 'app/deploy.yaml': DEPLOYMENT });
  let out = '';
  await main(['scan', dir, '--format', 'sarif', '--fail-on', 'never'], { out: (s) => (out += s), err: () => undefined, colors: false });
  const run = JSON.parse(out).runs[0];
  const result = run.results.find((r: { ruleId: string }) => r.ruleId === 'ORG001');
  assert.ok(result, 'the rule reports');
  const rule = run.tool.driver.rules[result.ruleIndex];
  assert.equal(rule.id, 'ORG001');
  assert.equal(rule.shortDescription.text, 'Deployments name their owner');
  assert.match(rule.fullDescription.text, /'owner' in object\.metadata\.labels/);
});

test('hover on an organisation rule finding renders its page from the configuration', () => {
  const config = mergeConfig(parseConfigFile(CONFIG).config);
  const findings = analyze({ uri: 'file:///ws/deploy.yaml', text: DEPLOYMENT }, config).findings.filter((f) => f.ruleId === 'ORG001');
  assert.equal(findings.length, 1);
  const hover = hoverAt(findings, findings[0].range.start, { workloads: [] }, { format: 'markdown', showsDiagnostics: true }, ruleMetas(config));
  const text = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
  assert.match(text, /Deployments name their owner/);
  assert.match(text, /owner/);
  assert.doesNotMatch(text, /docs\/rules\/ORG001/, 'no documentation file exists to link');
});
