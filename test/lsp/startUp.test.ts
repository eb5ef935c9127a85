// Start-up does only what `initialize` needs: the start-up bundle (dist/server.bundle.js) answers it
// from the static capabilities, and the engine and every other handler (dist/languageServer.js) load
// after the answer, yet before any later message is dispatched, however fast the client sends them. The
// CEL and RE2 libraries (dist/cel.js) load only when a document first needs them, a
// ValidatingAdmissionPolicy here. The server's code caches (server/src/host/codeCache.ts) are written
// by a server that ran past its first analyses, never by one stopped at once.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileUri, LspClient, SERVER_PATH, tempWorkspace, VSCODE_LIKE_CAPABILITIES, type PublishedDiagnostics } from '../harness/lspClient';
import { exampleDeployment, examplePolicy } from '../../server/src/engine/rules/cross/admissionPolicy';

const DIST = path.dirname(SERVER_PATH);
const CEL_CHUNK = path.join(DIST, 'cel.js');
const LANGUAGE_SERVER = path.join(DIST, 'languageServer.js');

/**
 * A preload for the server process that writes the files of the modules it has loaded to `report`
 * twice: when the process first writes to stdout (the `initialize` result), with the Node built-ins
 * loaded then, and when it exits.
 */
function modulesReporter(dir: string, report: string): string {
  const preload = path.join(dir, 'report.js');
  fs.writeFileSync(
    preload,
    `const loaded = { answered: [], builtins: [], exited: [] };
const write = process.stdout.write;
process.stdout.write = function (...args) {
  if (loaded.answered.length === 0) {
    loaded.answered = Object.keys(require.cache);
    loaded.builtins = process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice('NativeModule '.length));
  }
  return write.apply(this, args);
};
process.on('exit', () => {
  loaded.exited = Object.keys(require.cache);
  require('node:fs').writeFileSync(${JSON.stringify(report)}, JSON.stringify(loaded));
});
`,
  );
  return preload;
}

interface Loaded {
  answered: string[];
  builtins: string[];
  exited: string[];
}

/** The files of the modules the server process had loaded when it answered `initialize`, and when it exited after `session` ran against it on a workspace holding `files`. */
async function modulesLoaded(files: Record<string, string>, session: (client: LspClient, root: string) => Promise<void>): Promise<Loaded> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-startup-'));
  const root = tempWorkspace(files);
  const report = path.join(dir, 'modules.json');
  const client = new LspClient(SERVER_PATH, { nodeArgs: ['--require', modulesReporter(dir, report)] });
  try {
    await client.initialize(root, { debounceMs: 0 });
    await session(client, root);
  } finally {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
  const modules = JSON.parse(fs.readFileSync(report, 'utf8')) as Loaded;
  fs.rmSync(dir, { recursive: true, force: true });
  return modules;
}

test('the server answers initialize before it loads the engine and the handlers, and loads them once initialized', async () => {
  const { answered, builtins, exited } = await modulesLoaded({ Dockerfile: 'FROM alpine\n' }, async () => {});
  assert.ok(answered.includes(SERVER_PATH), `the report lists the server's modules: ${answered.join(', ')}`);
  assert.ok(!answered.includes(LANGUAGE_SERVER), 'the engine and the handlers are loaded before initialize is answered');
  assert.ok(builtins.includes('net') && !builtins.includes('crypto') && !builtins.includes('child_process'), `built-ins loaded before the answer: ${builtins.join(', ')}`);
  assert.ok(exited.includes(LANGUAGE_SERVER), `the engine and the handlers are loaded from their own file: ${exited.join(', ')}`);
});

test("the start-up bundle holds the start-up modules only: the engine and the handlers are in the rest's file", () => {
  const sources = (bundle: string): string[] => (JSON.parse(fs.readFileSync(path.join(DIST, `${bundle}.map`), 'utf8')) as { sources: string[] }).sources;
  const ours = (bundle: string): string[] => sources(bundle).filter((s) => !s.includes('node_modules/'));
  assert.deepEqual(ours('server.bundle.js').sort(), [
    '../package.json',
    '../server/src/host/codeCache.ts',
    '../server/src/host/connection.ts',
    '../server/src/lsp/capabilities.ts',
    '../server/src/lsp/startUp.ts',
    '../server/src/lsp/turns.ts',
    '../server/src/server.ts',
    // The stand-ins of built-ins required on first use, and the one that requires dist/languageServer.js (scripts/languageServerChunk.mjs).
    'deferred-builtin:child_process',
    'deferred-builtin:crypto',
    `language-server-chunk:${path.join(path.dirname(DIST), 'server', 'src', 'languageServer.ts')}`,
  ]);
  const rest = ours('languageServer.js');
  assert.ok(rest.includes('../server/src/engine/analyze.ts') && rest.includes('../server/src/languageServer.ts'), rest.join(', '));
  assert.ok(!sources('languageServer.js').some((s) => /node_modules\/vscode-(languageserver|jsonrpc)\//.test(s)), 'the rest shares the protocol library of the start-up bundle');
});

test('initialize, initialized, didOpen and hover sent back to back: each is handled, in order', async () => {
  const root = tempWorkspace({});
  const client = new LspClient();
  try {
    const uri = fileUri(path.join(root, 'Dockerfile'));
    const request = <T>(method: string, params: object) => client.connection.sendRequest<T>(method, params);
    // Nothing awaited until every message is sent: they reach the server together, before it has answered initialize.
    const initialized = request<{ capabilities: { hoverProvider?: boolean } }>('initialize', {
      processId: process.pid,
      rootUri: fileUri(root),
      workspaceFolders: [{ uri: fileUri(root), name: 'root' }],
      initializationOptions: { debounceMs: 0 },
      capabilities: VSCODE_LIKE_CAPABILITIES,
    });
    void client.connection.sendNotification('initialized', {});
    void client.open(uri, 'dockerfile', 'FROM alpine:3.20\nRUN apt-get install -y curl\nUSER 10001\n');
    const hover = request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 4 } });
    assert.equal((await initialized).capabilities.hoverProvider, true);
    assert.match((await hover)?.contents.value ?? 'no hover', /DF018/);
    const published = await client.waitForDiagnostics((p) => p.uri === uri);
    assert.ok(
      published.diagnostics.some((d) => d.code === 'DF018'),
      JSON.stringify(published),
    );
  } finally {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('the bundles run from a code cache are ASCII, so they are read as one-byte strings', () => {
  for (const bundle of ['server.bundle.js', 'languageServer.js', 'cli.bundle.js']) {
    const text = fs.readFileSync(path.join(DIST, bundle), 'latin1');
    const line = text.split('\n').findIndex((l) => /[^\x00-\x7f]/.test(l));
    assert.equal(line, -1, `${bundle} line ${line + 1} has a character outside ASCII (escape it in the source: \\u....)`);
  }
});

test('the server answers initialize without loading CEL', async () => {
  const { exited } = await modulesLoaded({ Dockerfile: 'FROM alpine\n' }, async () => {});
  assert.ok(exited.includes(LANGUAGE_SERVER), `the report lists the server's modules: ${exited.join(', ')}`);
  assert.ok(fs.existsSync(CEL_CHUNK), 'CEL has a file of its own');
  assert.ok(!exited.includes(CEL_CHUNK), 'CEL is loaded at start-up');
});

test('the first policy loads CEL, and the policy is evaluated', async () => {
  const codes = (p: PublishedDiagnostics): string[] => p.diagnostics.map((d) => String(d.code));
  const { exited } = await modulesLoaded({ 'policy.yaml': examplePolicy('Deny'), 'app.yaml': exampleDeployment(9) }, async (client, root) => {
    const app = fileUri(path.join(root, 'app.yaml'));
    await client.open(app, 'yaml', exampleDeployment(9));
    await client.waitForDiagnostics((p) => p.uri === app && codes(p).includes('XF012'));
  });
  assert.ok(exited.includes(CEL_CHUNK), 'CEL is loaded from its own file');
});

test("a server stopped after initialize writes no code cache; one that ran past its first analyses writes both bundles' caches", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-launch-'));
  const root = tempWorkspace({ Dockerfile: 'FROM alpine\n' });
  const cacheDir = path.join(dir, 'code-cache');
  try {
    for (const file of ['server.js', 'server.bundle.js', 'languageServer.js', 'cel.js']) fs.copyFileSync(path.join(DIST, file), path.join(dir, file));
    const stopped = new LspClient(path.join(dir, 'server.js'));
    await stopped.initialize(root);
    assert.equal(await stopped.stop(), 0);
    assert.ok(!fs.existsSync(cacheDir), 'a server stopped at once writes no cache');

    const running = new LspClient(path.join(dir, 'server.js'));
    await running.initialize(root);
    const uri = fileUri(path.join(root, 'Dockerfile'));
    await running.open(uri, 'dockerfile', 'FROM alpine\n');
    await running.waitForDiagnostics((p) => p.uri === uri);
    await new Promise((resolve) => setTimeout(resolve, 6_000)); // past the launcher's WRITE_AFTER_MS
    assert.equal(await running.stop(), 0);
    const written = fs.readdirSync(cacheDir).sort();
    assert.deepEqual(
      written.map((name) => name.replace(/\.[0-9a-f]{16}\..+\.v8$/, '')),
      ['languageServer', 'server.bundle'],
      `the server that ran on wrote its caches: ${written.join(', ')}`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(root, { recursive: true, force: true });
  }
});
