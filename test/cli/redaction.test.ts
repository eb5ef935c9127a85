// No output ever repeats a secret: a workspace full of fake credentials (built here, at run time) is
// scanned by the real CLI in every format, and the engine's findings are checked field by field.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { tempTrees } from '../harness/tempTree';
import { analyze } from '../../server/src/engine/index';

const REPO = path.resolve(__dirname, '..', '..', '..');
const CLI = process.env.BULKHEAD_CLI ?? path.join(REPO, 'dist', 'cli.js');

/** Alphanumerics that no rule text, path or message could contain by chance. */
const noise = (n: number) =>
  randomBytes(n * 2)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, n);

// Every value is unique to this run, so finding it anywhere in an output can only be a leak.
const S = {
  dockerEnv: `Pw-${noise(14)}`,
  dockerRun: ['ghp', noise(36)].join('_'),
  composeToken: `tok-${noise(20)}`,
  composeUrlPassword: `Url-${noise(12)}`,
  podEnv: `Pod-${noise(14)}`,
  configMapProp: `Cm-${noise(14)}`,
  configMapKey: ['sk', 'live', noise(24)].join('_'),
  kubeconfigToken: `Kc${noise(30)}`,
  secretString: `Ss-${noise(14)}`,
  secretData: `Sd-${noise(14)}`,
  envFileStripe: ['sk', 'live', noise(24)].join('_'),
  envFilePassword: `Env-${noise(14)}`,
};
const b64 = (s: string) => Buffer.from(s).toString('base64');

const FILES: Record<string, string> = {
  Dockerfile: ['FROM alpine:3.20', `ENV DB_PASSWORD=${S.dockerEnv}`, `RUN curl -H "Authorization: token ${S.dockerRun}" https://api.github.com/user`, 'USER 10001', ''].join('\n'),
  'compose.yaml': [
    'services:',
    '  api:',
    '    image: example/api:1.0',
    '    env_file: .env',
    '    environment:',
    `      API_TOKEN: ${S.composeToken}`,
    `      DATABASE_URL: postgres://app:${S.composeUrlPassword}@db/app`,
    '',
  ].join('\n'),
  'k8s/app.yaml': [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: api',
    'spec:',
    '  containers:',
    '    - name: api',
    '      image: example/api:1.0',
    '      env:',
    '        - name: DB_PASSWORD',
    `          value: ${S.podEnv}`,
    '---',
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: api-config',
    'data:',
    `  PAYMENTS: ${S.configMapKey}`,
    '  application.properties: |',
    '    db.url=jdbc:postgresql://db/app',
    `    db.password=${S.configMapProp}`,
    '---',
    'apiVersion: v1',
    'kind: Secret',
    'metadata:',
    '  name: api-secrets',
    'stringData:',
    `  password: ${S.secretString}`,
    'data:',
    `  token: ${b64(S.secretData)}`,
    '',
  ].join('\n'),
  'k8s/kubeconfig.yaml': ['apiVersion: v1', 'kind: Config', 'users:', '  - name: ci', '    user:', `      token: ${S.kubeconfigToken}`, ''].join('\n'),
  '.env': `STRIPE_KEY=${S.envFileStripe}\nPOSTGRES_PASSWORD=${S.envFilePassword}\n`,
};

/** Every form of every secret that must never be printed: raw, base64 (as a Secret stores it) and decoded. */
const FORBIDDEN = Object.entries(S).flatMap(([name, value]) => [
  { name, form: 'raw', text: value },
  { name, form: 'base64', text: b64(value) },
  // A base64 form cut at a 3-byte boundary, as it would appear inside a longer encoded blob.
  { name, form: 'base64 prefix', text: b64(value.slice(0, 12)).slice(0, 16) },
]);

function leaks(output: string): string[] {
  return FORBIDDEN.filter((f) => output.includes(f.text)).map((f) => `${f.name} (${f.form})`);
}

const tempTree = tempTrees('bulkhead-redaction-');
const workspace = (): string => tempTree(FILES);

function scan(dir: string, format: string) {
  const r = spawnSync(process.execPath, [CLI, 'scan', '.', '--format', format, '--no-color', '--fail-on', 'never'], { cwd: dir, encoding: 'utf8' });
  if (r.error) throw r.error;
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The rules that must report on this workspace: every secret detector that reads these files. */
const EXPECTED_RULES = ['DF003', 'DF020', 'DC005', 'K8S080', 'K8S081', 'K8S082', 'K8S083'];

for (const format of ['text', 'json', 'sarif']) {
  test(`scan --format ${format} reports the secrets without printing them`, () => {
    const dir = workspace();
    const r = scan(dir, format);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(leaks(r.out), [], `${format} output leaks secrets`);
    assert.deepEqual(leaks(r.err), [], `${format} stderr leaks secrets`);
    for (const id of EXPECTED_RULES) assert.ok(r.out.includes(id), `${format} output lacks ${id}`);
  });
}

test('scan --format json: every expected finding is in its file', () => {
  const dir = workspace();
  const results: Array<{ file: string; ruleId: string }> = JSON.parse(scan(dir, 'json').out).results;
  const found = new Set(results.map((r) => `${r.file}:${r.ruleId}`));
  for (const expected of ['Dockerfile:DF003', 'Dockerfile:DF020', 'compose.yaml:DC005', 'k8s/app.yaml:K8S080', 'k8s/app.yaml:K8S081', 'k8s/app.yaml:K8S083', 'k8s/kubeconfig.yaml:K8S082']) {
    assert.ok(found.has(expected), `missing ${expected}; have ${[...found].join(', ')}`);
  }
  // DC005 sees both the token and the URL password; K8S081 both the key and the embedded property.
  assert.equal(results.filter((r) => r.ruleId === 'DC005').length, 2);
  assert.equal(results.filter((r) => r.ruleId === 'K8S081').length, 2);
});

test('engine findings hold no secret in their message, data, fixes or related information', () => {
  for (const [rel, text] of Object.entries(FILES)) {
    if (rel === '.env') continue;
    const result = analyze({ uri: `file:///ws/${rel}`, text });
    assert.ok(result.findings.length > 0, `${rel}: no findings`);
    for (const f of result.findings) {
      const shown = JSON.stringify({ message: f.message, data: f.data, related: f.related, fixes: f.fixes.map((x) => ({ title: x.title, edits: x.edits.map((e) => e.newText) })) });
      assert.deepEqual(leaks(shown), [], `${rel}: ${f.ruleId} exposes a secret`);
    }
  }
});
