// Organisation rules in CEL from .bulkhead.yaml `rules:`, for all three file kinds, behaving like
// built-in rules: severity settings, suppressions, and their CEL problems reported in the config file.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze, mergeConfig, parseConfigFile } from '../../server/src/engine/index';

const CONFIG = `rules:
  K8S001: off
  ORG001:
    title: Deployments name their owner
    kind: kubernetes
    severity: warning
    threat: access-control
    match: "object.kind == 'Deployment'"
    expression: "has(object.metadata.labels) && 'owner' in object.metadata.labels"
    message: Every Deployment needs an owner label
  ORG002:
    title: Services set a memory limit
    kind: compose
    severity: error
    expression: "has(service.mem_limit) || (has(service.deploy) && has(service.deploy.resources))"
    message: Set mem_limit on every service
  ORG003:
    title: Final images come from our registry
    kind: dockerfile
    severity: info
    match: "stage.index == dockerfile.stages.size() - 1"
    expression: "stage.image.startsWith('registry.example.com/') && !stage.instructions.exists(i, i.keyword == 'ADD')"
    message: The final stage builds on registry.example.com and uses COPY, not ADD
`;

const parsed = parseConfigFile(CONFIG);
const config = mergeConfig(parsed.config);
const run = (uri: string, text: string, c = config) =>
  analyze({ uri, text }, c)
    .findings.filter((f) => f.ruleId.startsWith('ORG'))
    .map((f) => `${f.ruleId} ${f.severity} ${f.range.start.line}: ${f.message}`);

test('the config defines the rules, next to severity settings', () => {
  assert.deepEqual(parsed.errors, []);
  assert.deepEqual(
    config.customRules?.map((r) => r.id),
    ['ORG001', 'ORG002', 'ORG003'],
  );
  assert.equal(config.rules.K8S001, 'off');
});

test('Kubernetes: `object`, with match', () => {
  const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n';
  assert.deepEqual(run('app.yaml', deployment), ['ORG001 warning 1: Every Deployment needs an owner label']);
  assert.deepEqual(run('app.yaml', deployment.replace('  name: web\n', '  name: web\n  labels: {owner: shop}\n')), []);
  assert.deepEqual(run('app.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n'), [], 'match');
});

test('Compose: `service` with its name, per service', () => {
  const compose = 'services:\n  web:\n    image: nginx\n    mem_limit: 512m\n  db:\n    image: postgres\n';
  assert.deepEqual(run('compose.yaml', compose), ['ORG002 error 4: Set mem_limit on every service']);
});

test('Dockerfile: `stage` and `dockerfile`, instructions with keywords and arguments', () => {
  const dockerfile = 'FROM golang:1.22 AS build\nRUN go build\nFROM registry.example.com/base:1\nADD app.tar /app\n';
  assert.deepEqual(run('Dockerfile', dockerfile), ['ORG003 info 2: The final stage builds on registry.example.com and uses COPY, not ADD']);
  assert.deepEqual(run('Dockerfile', dockerfile.replace('ADD app.tar', 'COPY app.tar')), []);
});

test('severity settings and suppressions apply as to built-in rules', () => {
  const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n';
  assert.deepEqual(run('app.yaml', deployment, mergeConfig(parsed.config, { rules: { ORG001: 'off' } })), []);
  assert.deepEqual(run('app.yaml', deployment, mergeConfig(parsed.config, { rules: { ORG001: 'error' } })), ['ORG001 error 1: Every Deployment needs an owner label']);
  const suppressed = `# bulkhead-ignore-file ORG001\n${deployment}`;
  const result = analyze({ uri: 'app.yaml', text: suppressed }, config);
  assert.deepEqual(
    result.findings.filter((f) => f.ruleId.startsWith('ORG') || f.ruleId === 'BH002' || f.ruleId === 'BH003').map((f) => f.ruleId),
    [],
  );
});

test('the config file: custom ids are known rules, CEL problems are placed in the expression, bad entries are errors', () => {
  const own = analyze({ uri: '.bulkhead.yaml', text: CONFIG }, mergeConfig({}));
  assert.deepEqual(
    own.findings.map((f) => f.ruleId),
    [],
  );
  const broken = CONFIG.replace("'owner' in object.metadata.labels", "'owner' in objekt.metadata.labels");
  const findings = analyze({ uri: '.bulkhead.yaml', text: broken }, mergeConfig({})).findings;
  assert.deepEqual(
    findings.map((f) => [f.ruleId, f.severity, f.message]),
    [['ORG001', 'error', "Invalid CEL in ORG001.expression: undeclared reference to 'objekt'."]],
  );
  const line = broken.split('\n')[findings[0].range.start.line];
  assert.equal(line.slice(findings[0].range.start.character, findings[0].range.end.character), 'objekt');
  assert.deepEqual(parseConfigFile('rules:\n  ORG9:\n    title: t\n    kind: helm\n    expression: "true"\n').errors, [
    'rules.ORG9: custom rule ids are ORG followed by digits (ORG001)',
    'rules.ORG9.kind: expected dockerfile, compose or kubernetes',
    'rules.ORG9.message: expected a non-empty string',
  ]);
});
