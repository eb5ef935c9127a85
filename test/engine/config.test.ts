import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze, isCandidate, mergeConfig, parseConfigFile, kindFromName } from '../../server/src/engine/index';

const compose = 'services:\n  web:\n    privileged: true\n';

test('severity overrides, off, and off-by-default rules', () => {
  assert.equal(analyze({ uri: 'compose.yaml', text: compose }, mergeConfig({ rules: { DC001: 'info' } })).findings.find((f) => f.ruleId === 'DC001')?.severity, 'info');
  assert.deepEqual(
    analyze({ uri: 'compose.yaml', text: compose }, mergeConfig({ rules: { DC001: 'off' } })).findings.filter((f) => f.ruleId === 'DC001'),
    [],
  );
});

test('later layers override earlier ones key by key', () => {
  const c = mergeConfig({ rules: { A: 'off', B: 'error' }, trustedRegistries: ['a.io'] }, { rules: { A: 'info' } });
  assert.deepEqual(c.rules, { A: 'info', B: 'error' });
  assert.deepEqual(c.trustedRegistries, ['a.io']);
});

test('config files: YAML and JSON, invalid entries reported, never thrown', () => {
  assert.deepEqual(parseConfigFile('rules:\n  DF001: error\ntrustedRegistries: [r.io]\n'), { config: { rules: { DF001: 'error' }, trustedRegistries: ['r.io'] }, errors: [] });
  assert.deepEqual(parseConfigFile('{"rules": {"DC001": "off"}}').config, { rules: { DC001: 'off' } });
  assert.deepEqual(parseConfigFile('rules:\n  DF001: loud\nfoo: 1\n').errors, ['unknown key "foo"', 'rules.DF001: expected off, info, warning or error']);
  assert.equal(parseConfigFile('rules: [').errors.length, 1);
  assert.deepEqual(parseConfigFile('- a\n').errors, ['top level must be a mapping']);
  assert.deepEqual(parseConfigFile(''), { config: {}, errors: [] });
});

test('file kinds by name and language id', () => {
  const cases: Array<[string, string | undefined, string]> = [
    ['Dockerfile', undefined, 'dockerfile'],
    ['Dockerfile.prod', undefined, 'dockerfile'],
    ['api.Dockerfile', undefined, 'dockerfile'],
    ['api.dockerfile', undefined, 'dockerfile'],
    ['Containerfile', undefined, 'dockerfile'],
    ['Containerfile.dev', undefined, 'dockerfile'],
    ['compose.yaml', undefined, 'compose'],
    ['docker-compose.yml', undefined, 'compose'],
    ['compose.override.yaml', undefined, 'compose'],
    ['docker-compose.prod.yml', undefined, 'compose'],
    ['deploy.yaml', undefined, 'yaml'],
    ['x.yml', undefined, 'yaml'],
    ['README.md', undefined, 'unknown'],
    ['Dockerfile-notes.txt', undefined, 'unknown'],
    ['untitled:Untitled-1', 'dockerfile', 'dockerfile'],
    ['file:///a/b%20c/Dockerfile', undefined, 'dockerfile'],
    ['C:\\src\\compose.yml', undefined, 'compose'],
    ['.bulkhead.yaml', 'yaml', 'config'],
    ['/w/.bulkhead.yml', undefined, 'config'],
    ['file:///w/.bulkhead.json', 'json', 'config'],
    ['bulkhead.yaml', undefined, 'yaml'],
    ['.bulkhead.json.bak', undefined, 'unknown'],
  ];
  for (const [uri, lang, kind] of cases) assert.equal(kindFromName(uri, lang), kind, uri);
});

test('YAML is classified by content: Kubernetes, Compose without a compose name, lists', () => {
  assert.equal(analyze({ uri: 'stack.yaml', text: 'services:\n  a:\n    image: x\n' }).kind, 'compose');
  assert.equal(
    analyze({
      uri: 'x.yaml',
      text: 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Pod\n    metadata: {name: p}\n    spec:\n      containers: [{name: c, securityContext: {privileged: true}}]\n',
    })
      .findings.map((f) => f.ruleId)
      .includes('K8S001'),
    true,
  );
});

test('the config file is analyzed: each unknown rule id under rules: is a BH002 at its key, in YAML and JSON', () => {
  const yaml = analyze({ uri: '/w/.bulkhead.yaml', text: 'rules:\n  DF001: off\n  DF999: off\n  df006: error\ntrustedRegistries: [r.io]\n' });
  assert.equal(yaml.kind, 'config');
  assert.deepEqual(
    yaml.findings.map((f) => ({ id: f.ruleId, severity: f.severity, message: f.message, at: [f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character] })),
    [
      { id: 'BH002', severity: 'info', message: 'Unknown rule id "DF999" in the configuration: this setting has no effect.', at: [2, 2, 2, 7] },
      { id: 'BH002', severity: 'info', message: 'Unknown rule id "df006" in the configuration: this setting has no effect.', at: [3, 2, 3, 7] },
    ],
  );
  const json = analyze({ uri: 'file:///w/.bulkhead.json', text: '{\n  "rules": {"DC001": "off", "K8S999": "warning"}\n}\n', languageId: 'json' });
  assert.deepEqual(
    json.findings.map((f) => [f.data.id, f.range.start.line, f.range.start.character, f.range.end.character]),
    [['K8S999', 1, 28, 36]],
  );
  assert.deepEqual(analyze({ uri: '.bulkhead.yml', text: 'rules:\n  DF001: off\n' }).findings, []);
  assert.deepEqual(analyze({ uri: '.bulkhead.yml', text: 'rules:\n  DF999: off\n' }, mergeConfig({ rules: { BH002: 'off' } })).findings, []);
  for (const broken of ['rules: [', 'rules: nope\n', '- a\n', '']) assert.deepEqual(analyze({ uri: '.bulkhead.yaml', text: broken }).findings, [], broken);
});

test('the walker and the workspace scan read the config file; its loader still rejects invalid values only', () => {
  assert.ok(isCandidate('.bulkhead.json') && isCandidate('.bulkhead.yaml'));
  assert.deepEqual(parseConfigFile('rules:\n  DF999: off\n').errors, []);
  assert.deepEqual(parseConfigFile('rules:\n  DF999: loud\n').errors, ['rules.DF999: expected off, info, warning or error']);
});
