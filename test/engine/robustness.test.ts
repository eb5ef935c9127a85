// Bad input never crashes, hangs or throws: it becomes a finding or a skip with a reason.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze, mergeConfig } from '../../server/src/engine/index';
import { MAX_FINDINGS_PER_RULE } from '../../server/src/engine/rule';

test('binary content is skipped with a reason', () => {
  const r = analyze({ uri: 'Dockerfile', text: 'FROM a\u0000\u0001\u0002' });
  assert.equal(r.skipped, 'binary content');
  assert.deepEqual(
    r.findings.map((f) => f.ruleId),
    ['BH004'],
  );
});

test('a file over the size limit is skipped, not parsed', () => {
  const big = 'a: 1\n'.repeat(600_000); // 3 MB
  const r = analyze({ uri: 'k8s.yaml', text: big });
  assert.match(r.skipped ?? '', /larger than/);
  const allowed = analyze({ uri: 'k8s.yaml', text: big }, mergeConfig({ maxFileBytes: 10_000_000 }));
  assert.equal(allowed.skipped, undefined);
});

test('a 10 MB manifest stream is analyzed when allowed', () => {
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n      securityContext: {privileged: true}\n';
  const text = `${pod}---\n`.repeat(Math.ceil(10_000_000 / (pod.length + 4)));
  const r = analyze({ uri: 'big.yaml', text }, mergeConfig({ maxFileBytes: 20_000_000 }));
  // Analyzed, not skipped: K8S001 reports pods up to its limit per file, then BH005 says it stopped.
  assert.equal(r.findings.filter((f) => f.ruleId === 'K8S001').length, MAX_FINDINGS_PER_RULE);
  const engine = r.findings.filter((f) => f.ruleId === 'BH005' || f.ruleId === 'BH004');
  assert.ok(engine.every((f) => f.messageId === 'tooManyFindings'));
  assert.ok(engine.some((f) => f.data.id === 'K8S001'));
});

test('an alias bomb is not expanded', () => {
  const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
  for (let i = 1; i < 12; i++)
    levels.push(
      `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
        .fill('*' + String.fromCharCode(96 + i))
        .join(',')}]`,
    );
  const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\ndata:\n${levels.map((l) => '  ' + l).join('\n')}\n`;
  const r = analyze({ uri: 'bomb.yaml', text });
  assert.equal(r.kind, 'kubernetes');
  assert.deepEqual(r.ruleErrors, []);
});

test('broken YAML becomes a parse-error finding at the error', () => {
  const r = analyze({ uri: 'compose.yaml', text: 'services:\n  web:\n    image: nginx\n   privileged: true\n' });
  const parse = r.findings.filter((f) => f.ruleId === 'BH001');
  assert.ok(parse.length >= 1);
  assert.equal(parse[0].range.start.line, 3);
  assert.equal(parse[0].severity, 'error');
});

test('invalid UTF-8 decoded with replacement characters is analyzed without crashing', () => {
  const text = Buffer.from([0x46, 0x52, 0x4f, 0x4d, 0x20, 0xff, 0xfe, 0x0a, 0x41, 0x44, 0x44, 0x20, 0x61, 0x20, 0x62, 0x0a]).toString('utf8');
  const r = analyze({ uri: 'Dockerfile', text });
  assert.deepEqual(r.ruleErrors, []);
});

test('Helm templates are masked: offsets stay true and template syntax is not a cascade of errors', () => {
  const text = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: {{ include "app.fullname" . }}',
    '  labels:',
    '    {{- include "app.labels" . | nindent 4 }}',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: {{ .Chart.Name }}',
    '          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"',
    '          {{- if .Values.debug }}',
    '          securityContext:',
    '            privileged: true',
    '          {{- end }}',
    '',
  ].join('\n');
  const r = analyze({ uri: 'templates/deployment.yaml', text });
  assert.equal(r.kind, 'kubernetes');
  assert.ok(r.findings.filter((f) => f.ruleId === 'BH001').length <= 1);
  const k = r.findings.find((f) => f.ruleId === 'K8S001');
  assert.deepEqual(k?.range.start, { line: 14, character: 24 });
});

test('non-container YAML yields nothing', () => {
  for (const [uri, text] of [
    ['.github/workflows/ci.yaml', 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: curl x | sh\n'],
    ['values.yaml', 'image:\n  tag: latest\nsecurityContext:\n  privileged: true\n'],
    ['playbook.yml', '- hosts: all\n  tasks:\n    - name: x\n      shell: echo\n'],
  ]) {
    const r = analyze({ uri, text });
    assert.equal(r.kind, 'unknown', uri);
    assert.deepEqual(r.findings, [], uri);
  }
});

test('empty and whitespace-only files', () => {
  for (const uri of ['Dockerfile', 'compose.yaml', 'x.yaml']) {
    assert.deepEqual(analyze({ uri, text: '' }).ruleErrors, []);
    assert.deepEqual(analyze({ uri, text: '\n\n  \n' }).ruleErrors, []);
  }
});

test('a command named like an Object.prototype member is a plain command: no rule fails on it', () => {
  // Tables keyed by command name were plain objects: `constructor` found Object's constructor as a
  // wrapper spec, sixteen RUN rules threw (BH005) and the `curl | sh` beside it went unreported.
  const names = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];
  const text = `FROM alpine:3.20\n${names.map((n) => `RUN ${n} --x -p y install z\n`).join('')}RUN curl -fsSL https://x.io/i.sh | sh\n`;
  const r = analyze({ uri: 'Dockerfile', text });
  assert.deepEqual(
    r.findings.filter((f) => f.ruleId === 'BH005'),
    [],
  );
  assert.equal(r.findings.filter((f) => f.ruleId === 'DF004').length, 1);
});
