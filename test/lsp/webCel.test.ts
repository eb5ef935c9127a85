// The web worker's bundle holds CEL and RE2 but evaluates them on first use (scripts/lazyChunk.mjs), as
// the Node server loads dist/cel.js on first use (startUp.test.ts): a worker that never meets a policy
// never runs them. The bundle is built here as the bundle script builds it, with one line added to CEL's
// modules recording their evaluation, which the worker shares with the test.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { createMessageConnection, PortMessageReader, PortMessageWriter } from 'vscode-jsonrpc/node';
import { REPO_ROOT, VSCODE_LIKE_CAPABILITIES, type PublishedDiagnostics } from '../harness/lspClient';

const ROOT = 'vscode-test-web://mount/ws';
const CEL_MODULE = /[\\/]@bufbuild[\\/]cel[\\/]dist[\\/].*\.js$/;

/** Every module of CEL (CommonJS or ESM, as resolved), recording its evaluation first: the package says it has no side effects, so an entry module of re-exports alone may be left out. */
const marksCel: Plugin = {
  name: 'marks-cel',
  setup(b) {
    b.onLoad({ filter: CEL_MODULE }, (args) => ({ contents: `globalThis.celEvaluated = true;\n${fs.readFileSync(args.path, 'utf8')}`, loader: 'js' }));
  },
};

async function markedServerBundle(): Promise<string> {
  const script = (await import(pathToFileURL(path.join(REPO_ROOT, 'scripts', 'webBundles.mjs')).href)) as { webBuilds(overrides: BuildOptions): BuildOptions[] };
  const [, server] = script.webBuilds({ write: false, sourcemap: false, logLevel: 'silent' });
  const result = await build({ ...server, plugins: [marksCel, ...(server.plugins ?? [])] });
  return result.outputFiles![0].text;
}

/**
 * A dedicated worker's `self` over the thread's port, as webWorker.test.ts; before each message it sends,
 * whether CEL ran is written to shared memory, so the test reads it in order with the messages.
 */
const BOOT = `
const { parentPort, workerData } = require('node:worker_threads');
globalThis.self = {
  postMessage: (message) => {
    Atomics.store(workerData.celEvaluated, 0, globalThis.celEvaluated ? 1 : 0);
    parentPort.postMessage(message);
  },
  addEventListener: () => undefined,
  set onmessage(listener) { parentPort.on('message', (data) => listener({ data })); },
};
new Function(workerData.code)();
`;

const POLICY = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: owner-label
spec:
  matchConstraints:
    resourceRules:
      - {apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [configmaps]}
  validations:
    - expression: "'owner' in object.metadata.labels &&"
      message: every ConfigMap names its owner
`;

test('web worker: CEL is evaluated when the first policy is checked, not before', async () => {
  const code = await markedServerBundle();
  assert.match(code, /globalThis\.celEvaluated = true/, 'the marker is in the bundle');
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const celEvaluated = () => Atomics.load(flag, 0) === 1;
  const worker = new Worker(BOOT, { eval: true, workerData: { code, celEvaluated: flag } });
  const connection = createMessageConnection(new PortMessageReader(worker), new PortMessageWriter(worker));
  const published = new Map<string, (p: PublishedDiagnostics) => void>();
  const diagnostics = (rel: string) => new Promise<PublishedDiagnostics>((resolve) => published.set(`${ROOT}/${rel}`, resolve));
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishedDiagnostics) => published.get(p.uri)?.(p));
  connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
  connection.onRequest(() => null);
  connection.listen();
  const open = (rel: string, text: string) =>
    connection.sendNotification('textDocument/didOpen', { textDocument: { uri: `${ROOT}/${rel}`, languageId: rel === 'Dockerfile' ? 'dockerfile' : 'yaml', version: 1, text } });
  try {
    await connection.sendRequest('initialize', {
      processId: null,
      rootUri: ROOT,
      workspaceFolders: [{ uri: ROOT, name: 'ws' }],
      initializationOptions: { debounceMs: 0 },
      capabilities: VSCODE_LIKE_CAPABILITIES,
    });
    await connection.sendNotification('initialized', {});
    // The whole server is running once a first document is checked: still without CEL.
    const dockerfile = diagnostics('Dockerfile');
    await open('Dockerfile', 'FROM alpine:3.22\nADD app.py /app/\n');
    assert.ok((await dockerfile).diagnostics.length > 0);
    assert.equal(celEvaluated(), false, 'CEL ran before any policy was checked');
    const policy = diagnostics('policy.yaml');
    await open('policy.yaml', POLICY);
    const codes = (await policy).diagnostics.map((d) => d.code);
    assert.ok(codes.includes('XF016'), codes.join(' '));
    assert.equal(celEvaluated(), true, 'the policy was checked without CEL');
  } finally {
    connection.dispose();
    await worker.terminate();
  }
});
