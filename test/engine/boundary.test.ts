// The workspace boundary in the engine: every field that names a file is resolved, and one that leads out
// of the workspace is reported as BH006 where it is written, never read. The host below records every
// read and listing, so "never read" is checked on what the engine asked for, not on what it reported.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze, isCandidate, kindFromName, memoryHost, mergeConfig, pathOfUri, type Finding, type WorkspaceHost } from '../../server/src/engine/index';

const WS = '/w/ws';
const CANARY = ['CANARY_ENV_NAME', 'canaryuser', '4444', 'CANARY_YAML'];
/** Files outside the workspace (and its parent's Git metadata): none may be read, listed or quoted. */
const OUTSIDE = {
  '/w/outside/secret.env': 'CANARY_ENV_NAME=hunter2hunter2hunter2\nAPI_KEY=AKIAIOSFODNN7EXAMPLE\n',
  '/w/outside/Dockerfile': 'FROM alpine:3.20\nUSER canaryuser\nEXPOSE 4444\nHEALTHCHECK CMD true\n',
  '/w/outside/.dockerignore': '# CANARY_ENV_NAME\n',
  '/w/outside/evil.yaml': 'apiVersion: skaffold/v4beta11\nkind: Config\nbuild:\n  artifacts:\n    - image: shop/api\n      context: .\n# CANARY_YAML\n',
  '/w/.git/HEAD': 'ref: refs/heads/main\n',
  '/w/.gitignore': '# CANARY_YAML\n',
};

/** A memory host over the workspace and the outside files; `links` are paths inside that lead out (as a link would). */
function spyHost(files: Record<string, string>, links: string[] = []) {
  const inner = memoryHost({ ...OUTSIDE, ...files }, WS);
  const asked: string[] = [];
  const host: WorkspaceHost = {
    contains: (p) => inner.contains(p) && !links.some((l) => p === l || p.startsWith(`${l}/`)),
    readFile: (p) => (asked.push(p), inner.readFile(p)),
    listFiles: (d) => (asked.push(d), inner.listFiles(d)),
    yamlFiles: () => inner.yamlFiles(),
  };
  return { host, asked };
}

function run(file: string, text: string, files: Record<string, string>, links?: string[]) {
  const { host, asked } = spyHost({ [`${WS}/${file}`]: text, ...files }, links);
  const result = analyze({ uri: `file://${WS}/${file}`, text, workspace: host }, mergeConfig());
  assert.deepEqual(result.ruleErrors, []);
  const escaped = asked.filter((p) => !host.contains(p));
  assert.deepEqual(escaped, [], 'nothing outside the workspace is read or listed');
  const shown = JSON.stringify(result.findings);
  for (const token of CANARY) assert.ok(!shown.includes(token), `"${token}" from outside appears in a finding`);
  return { result, asked };
}

const outsideRefs = (findings: Finding[]) => findings.filter((f) => f.ruleId === 'BH006').map((f) => `${f.range.start.line}:${f.range.start.character} ${f.data.reference}`);

test('Compose: env_file (short, list, long, absolute), build (scalar, context, dockerfile, a link) are reported, not read', () => {
  const compose = [
    'services:',
    '  a:',
    '    image: x/a:1',
    '    env_file: ../outside/secret.env',
    '  b:',
    '    image: x/b:1',
    '    env_file:',
    '      - ../outside/secret.env',
    '      - path: /w/outside/secret.env',
    '        required: false',
    '  c:',
    '    image: x/c:1',
    '    build: ../outside',
    '    user: root',
    '  d:',
    '    image: x/d:1',
    '    build:',
    '      context: /w/outside',
    '    ports: ["9999:9999"]',
    '  e:',
    '    image: x/e:1',
    '    build:',
    '      context: .',
    '      dockerfile: ../outside/Dockerfile',
    '    healthcheck: {disable: true}',
    '  f:',
    '    image: x/f:1',
    '    build:',
    '      context: linked',
    '    user: root',
    '',
  ].join('\n');
  const { result } = run('compose.yaml', compose, {}, [`${WS}/linked`]);
  assert.deepEqual(outsideRefs(result.findings), [
    '3:14 ../outside/secret.env',
    '7:8 ../outside/secret.env',
    '8:14 /w/outside/secret.env',
    '12:11 ../outside',
    '17:15 /w/outside',
    '23:18 ../outside/Dockerfile',
    '28:15 linked',
  ]);
  const finding = result.findings.find((f) => f.ruleId === 'BH006')!;
  assert.equal(finding.severity, 'info');
  assert.equal(finding.message, 'Not evaluated: ../outside/secret.env is outside the workspace.');
  assert.deepEqual(
    result.findings.filter((f) => /^XF00[3567]$/.test(f.ruleId)),
    [],
    'no cross-file finding built on an outside file',
  );
});

test('Git metadata above the workspace is not read: an env file is judged without it, and no .gitignore edit is offered', () => {
  const { result, asked } = run('compose.yaml', 'services:\n  g:\n    image: x/g:1\n    env_file: db.env\n', { [`${WS}/db.env`]: 'POSTGRES_PASSWORD=changeme\n' });
  const xf007 = result.findings.filter((f) => f.ruleId === 'XF007');
  assert.deepEqual(
    xf007.map((f) => f.messageId),
    ['secrets'],
    'not "tracked": the repository root is outside the workspace',
  );
  assert.deepEqual(xf007[0].fixes, []);
  assert.ok(asked.includes(`${WS}/db.env`), 'the env file inside is read');
});

test('Dockerfile: a COPY source through a link out is reported; `..` stays in the context, as the builder resolves it', () => {
  const dockerfile = 'FROM alpine:3.20\nCOPY . .\nCOPY linked/conf /etc/app/\nCOPY ../../outside/secret.env /x\nUSER 10001\n';
  const { result, asked } = run('app/Dockerfile', dockerfile, { [`${WS}/app/.env`]: 'API_KEY=x\n' }, [`${WS}/app/linked`]);
  assert.deepEqual(outsideRefs(result.findings), ['2:5 linked/conf']);
  assert.deepEqual(
    result.findings.filter((f) => f.ruleId === 'XF002').map((f) => f.range.start.line),
    [1],
    'the context inside is still checked',
  );
  assert.ok(!asked.some((p) => p.startsWith(`${WS}/app/linked`)));
});

test('Dockerfile: a .dockerignore that leads out is not read and not appended to; its COPY is reported instead', () => {
  const dockerfile = 'FROM alpine:3.20\nCOPY . .\nUSER 10001\n';
  const { result, asked } = run('app/Dockerfile', dockerfile, { [`${WS}/app/.env`]: 'API_KEY=x\n' }, [`${WS}/app/.dockerignore`]);
  assert.deepEqual(outsideRefs(result.findings), ['1:5 .dockerignore']);
  assert.deepEqual(
    result.findings.filter((f) => f.ruleId.startsWith('XF')),
    [],
    'no XF002 fix editing the linked file',
  );
  assert.ok(!asked.includes(`${WS}/app/.dockerignore`));
});

test('Kubernetes: an image built from a Dockerfile outside (Skaffold context, Compose dockerfile) is reported at the image', () => {
  const skaffold = 'apiVersion: skaffold/v4beta11\nkind: Config\nbuild:\n  artifacts:\n    - image: shop/worker\n      context: ../outside\n';
  const compose = 'services:\n  api:\n    image: shop/web:dev\n    build:\n      context: .\n      dockerfile: /w/outside/Dockerfile\n';
  const pod =
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  securityContext:\n    runAsNonRoot: true\n  containers:\n    - name: w\n      image: shop/worker:1\n    - name: a\n      image: shop/web:1\n    - name: b\n      image: shop/api:1\n';
  const { result } = run('pod.yaml', pod, { [`${WS}/skaffold.yaml`]: skaffold, [`${WS}/compose.yaml`]: compose });
  assert.deepEqual(outsideRefs(result.findings), ['9:13 the Dockerfile of shop/worker:1 (/w/outside/Dockerfile)', '11:13 the Dockerfile of shop/web:1 (/w/outside/Dockerfile)']);
  assert.deepEqual(
    result.findings.filter((f) => f.ruleId === 'XF009'),
    [],
    'shop/api is built only by a file outside, which is not indexed',
  );
});

test('a document outside the workspace is analyzed alone: nothing else is read', () => {
  const { host, asked } = spyHost({});
  const text = 'services:\n  a:\n    image: x/a:1\n    env_file: secret.env\n';
  const result = analyze({ uri: 'file:///w/outside/compose.yaml', text, workspace: host }, mergeConfig());
  assert.deepEqual(asked, []);
  assert.deepEqual(
    result.findings.filter((f) => f.ruleId === 'BH006' || f.ruleId.startsWith('XF')),
    [],
  );
});

test('a web workspace URI names a path led by its scheme and authority, never a local file; opaque URIs name none', () => {
  assert.equal(pathOfUri('vscode-vfs://github/o/r/app/Docker%20file'), '/vscode-vfs/_github/o/r/app/Docker file');
  assert.equal(pathOfUri('vscode-remote://127.0.0.1:8080/tmp/ws/pod.yaml?x#y'), '/vscode-remote/_127.0.0.1:8080/tmp/ws/pod.yaml');
  assert.equal(pathOfUri('vscode-vfs://github/o/r/50%off'), undefined);
  assert.equal(pathOfUri('untitled:Untitled-1'), undefined);
  // Analyzed with its workspace: a cross-file rule reads the build context through the host.
  const inner = memoryHost({ '/vscode-vfs/_github/o/r/app/app.py': '' }, '/vscode-vfs/_github/o/r');
  const asked: string[] = [];
  const host: WorkspaceHost = { ...inner, readFile: (p) => (asked.push(p), inner.readFile(p)), listFiles: (d) => (asked.push(d), inner.listFiles(d)) };
  analyze({ uri: 'vscode-vfs://github/o/r/app/Dockerfile', text: 'FROM alpine:3.22\nCOPY . .\n', workspace: host }, mergeConfig());
  assert.ok(
    asked.some((p) => p.startsWith('/vscode-vfs/_github/o/r/app')),
    asked.join(' '),
  );
});

test('file names are not URIs: a plain name is never percent-decoded, a malformed URI does not throw', () => {
  assert.equal(isCandidate('50%off.txt'), false);
  assert.equal(isCandidate('/w/ws/Dockerfile%2Ebak'), false, 'a plain name is taken as written');
  assert.equal(isCandidate('/w/ws/50%/Dockerfile'), true);
  assert.equal(kindFromName('file:///w/ws/Dockerfile%2Ebak'), 'dockerfile', 'a URI is decoded: it names Dockerfile.bak');
  assert.equal(kindFromName('/w/ws/Dockerfile%2Ebak'), 'unknown');
  assert.equal(pathOfUri('file:///w/ws/50%off/Dockerfile'), undefined);
  assert.equal(pathOfUri('file:///w/ws/50%25off/Dockerfile'), '/w/ws/50%off/Dockerfile');
  const { host } = spyHost({});
  const result = analyze({ uri: 'file:///w/ws/50%off/Dockerfile', text: 'FROM alpine:3.20\nCOPY . .\n', workspace: host }, mergeConfig());
  assert.equal(result.kind, 'dockerfile');
});
