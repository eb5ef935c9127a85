// The web worker's language server (dist/browserServer.js) over real LSP: run in a Node worker thread
// whose `self` is the thread's port, as a browser's dedicated worker scope is. The test plays the web
// client: it answers bulkhead/readFile and bulkhead/listFiles from an in-memory workspace behind a
// non-file URI scheme, as vscode.workspace.fs does on vscode.dev, and records what the server asked for.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { createMessageConnection, PortMessageReader, PortMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { LIST_FILES_METHOD, READ_FILE_METHOD, SCAN_METHOD, type ListFilesParams, type ReadFileParams, type ReadFileResult, type ScanResult } from '../../shared/protocol';
import { REPO_ROOT, VSCODE_LIKE_CAPABILITIES, type PublishedDiagnostics } from '../harness/lspClient';
import { dedent } from '../harness/dedent';

const BUNDLE = path.join(REPO_ROOT, 'dist', 'browserServer.js');
/** A virtual workspace as vscode.dev names one: scheme and authority, no local path. */
const ROOT = 'vscode-test-web://mount/ws';

/** The worker thread: a dedicated worker's `self` (postMessage, onmessage) over the thread's port, then the bundle. */
const BOOT = `
const { parentPort, workerData } = require('node:worker_threads');
globalThis.self = {
  postMessage: (message) => parentPort.postMessage(message),
  addEventListener: () => undefined,
  set onmessage(listener) { parentPort.on('message', (data) => listener({ data })); },
};
require(workerData);
`;

const POD = dedent`
  apiVersion: v1
  kind: Pod
  metadata:
    name: web
  spec:
    containers:
      - name: web
        image: nginx:1.27
        securityContext:
          privileged: true
`;

const NETWORK_POLICY = dedent`
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata:
    name: default-deny
  spec:
    podSelector: {}
    policyTypes: ["Ingress", "Egress"]
`;

class WebSession {
  readonly connection: MessageConnection;
  private readonly worker = new Worker(BOOT, { eval: true, workerData: BUNDLE });
  /** The URIs the server asked the client to read or list, in order. */
  readonly asked: string[] = [];
  private readonly published: PublishedDiagnostics[] = [];
  private listeners: Array<() => void> = [];

  /** `files`: paths relative to the workspace root → text. */
  constructor(private readonly files: Record<string, string>) {
    this.connection = createMessageConnection(new PortMessageReader(this.worker), new PortMessageWriter(this.worker));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishedDiagnostics) => {
      this.published.push(p);
      for (const l of this.listeners) l();
    });
    this.connection.onRequest(READ_FILE_METHOD, (p: ReadFileParams): unknown => this.read(p));
    this.connection.onRequest(LIST_FILES_METHOD, (p: ListFilesParams): unknown => this.list(p));
    this.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
    this.connection.onRequest(() => null);
    this.connection.listen();
  }

  private relative(uri: string): string | undefined {
    this.asked.push(uri);
    return uri === ROOT ? '' : uri.startsWith(`${ROOT}/`) ? uri.slice(ROOT.length + 1) : undefined;
  }

  private read({ uri }: ReadFileParams): ReadFileResult {
    const rel = this.relative(uri);
    const text = rel === undefined ? undefined : this.files[rel];
    return text === undefined ? { missing: true } : { base64: Buffer.from(text).toString('base64') };
  }

  private list({ uri }: ListFilesParams): string[] | null {
    const rel = this.relative(uri);
    if (rel === undefined) return null;
    const prefix = rel === '' ? '' : `${rel}/`;
    const inside = Object.keys(this.files).filter((f) => f.startsWith(prefix));
    return inside.length ? inside.map((f) => f.slice(prefix.length)).sort() : null;
  }

  async initialize(): Promise<void> {
    await this.connection.sendRequest('initialize', {
      processId: null,
      rootUri: ROOT,
      workspaceFolders: [{ uri: ROOT, name: 'ws' }],
      initializationOptions: { debounceMs: 0, docsUri: 'vscode-test-web://mount/extension/docs' },
      capabilities: VSCODE_LIKE_CAPABILITIES,
    });
    await this.connection.sendNotification('initialized', {});
  }

  open(rel: string, languageId: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: `${ROOT}/${rel}`, languageId, version: 1, text: this.files[rel] } });
  }

  /** The first publication for `rel` (past or future). */
  diagnostics(rel: string): Promise<PublishedDiagnostics> {
    const uri = `${ROOT}/${rel}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri}`)), 20_000);
      const check = () => {
        const found = this.published.find((p) => p.uri === uri);
        if (found) {
          clearTimeout(timer);
          this.listeners = this.listeners.filter((l) => l !== check);
          resolve(found);
        }
      };
      this.listeners.push(check);
      check();
    });
  }

  async stop(): Promise<void> {
    this.connection.dispose();
    await this.worker.terminate();
  }
}

async function withWebSession(files: Record<string, string>, run: (session: WebSession) => Promise<void>): Promise<void> {
  const session = new WebSession(files);
  try {
    await session.initialize();
    await run(session);
  } finally {
    await session.stop();
  }
}

const codes = (p: PublishedDiagnostics) => p.diagnostics.map((d) => d.code as string);

test('web worker: an open manifest is checked against a never-opened file read through the client', async () => {
  await withWebSession({ 'deploy/pod.yaml': POD, 'deploy/netpol.yaml': NETWORK_POLICY }, async (session) => {
    await session.open('deploy/pod.yaml', 'yaml');
    const published = await session.diagnostics('deploy/pod.yaml');
    assert.ok(codes(published).includes('K8S001'), codes(published).join(' '));
    // Published once the worker held the policy: the pod is selected, so no K8S069.
    assert.ok(!codes(published).includes('K8S069'), codes(published).join(' '));
    assert.ok(session.asked.includes(`${ROOT}/deploy/netpol.yaml`), session.asked.join(' '));
    // Rule pages are linked where the client said they are.
    const k8s001 = published.diagnostics.find((d) => d.code === 'K8S001')!;
    assert.match(k8s001.codeDescription!.href, /^vscode-test-web:\/\/mount\/extension\/docs\/rules\//);
  });
});

test('web worker: without the policy the same manifest gets K8S069 (the check above can fail)', async () => {
  await withWebSession({ 'deploy/pod.yaml': POD }, async (session) => {
    await session.open('deploy/pod.yaml', 'yaml');
    assert.ok(codes(await session.diagnostics('deploy/pod.yaml')).includes('K8S069'));
  });
});

test('web worker: the workspace scan publishes never-opened files; nothing outside the folder is asked for', async () => {
  const files = {
    'app/Dockerfile': 'FROM alpine:3.22\nADD app.py /app/\nCOPY ../../secrets /s\n',
    'app/app.py': 'print(1)\n',
    'compose.yaml': 'services:\n  a:\n    build: ./app\n    privileged: true\n',
  };
  await withWebSession(files, async (session) => {
    const result = await session.connection.sendRequest<ScanResult>(SCAN_METHOD, {});
    assert.equal(result.files, 2);
    assert.ok(codes(await session.diagnostics('app/Dockerfile')).includes('DF006'));
    assert.ok(codes(await session.diagnostics('compose.yaml')).includes('DC001'));
    assert.deepEqual(
      session.asked.filter((uri) => uri !== ROOT && !uri.startsWith(`${ROOT}/`)),
      [],
    );
  });
});
