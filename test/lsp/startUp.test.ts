// Start-up does only what `initialize` needs: the CEL and RE2 libraries (dist/cel.js, before they left
// the server bundle most of what the server evaluated at start-up) load when a document first needs
// them, a ValidatingAdmissionPolicy here, not when the server starts. The server's code cache
// (server/src/host/launch.ts) is written by a server that ran past its first analyses, never by one
// stopped at once.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileUri, LspClient, SERVER_PATH, tempWorkspace, type PublishedDiagnostics } from '../harness/lspClient';
import { exampleDeployment, examplePolicy } from '../../server/src/engine/rules/cross/admissionPolicy';

const CEL_CHUNK = path.join(path.dirname(SERVER_PATH), 'cel.js');

/** The files of the modules the server process had loaded when it exited, after `session` ran against it on a workspace holding `files`. */
async function modulesLoaded(files: Record<string, string>, session: (client: LspClient, root: string) => Promise<void>): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-startup-'));
  const root = tempWorkspace(files);
  const report = path.join(dir, 'modules.json');
  const preload = path.join(dir, 'report.js');
  fs.writeFileSync(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(report)}, JSON.stringify(Object.keys(require.cache))));\n`);
  const client = new LspClient(SERVER_PATH, { nodeArgs: ['--require', preload] });
  try {
    await client.initialize(root, { debounceMs: 0 });
    await session(client, root);
  } finally {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
  const modules = JSON.parse(fs.readFileSync(report, 'utf8')) as string[];
  fs.rmSync(dir, { recursive: true, force: true });
  return modules;
}

test('the server answers initialize without loading CEL', async () => {
  const modules = await modulesLoaded({ Dockerfile: 'FROM alpine\n' }, async () => {});
  assert.ok(modules.includes(SERVER_PATH), `the report lists the server's modules: ${modules.join(', ')}`);
  assert.ok(fs.existsSync(CEL_CHUNK), 'CEL has a file of its own');
  assert.ok(!modules.includes(CEL_CHUNK), 'CEL is loaded at start-up');
});

test('the first policy loads CEL, and the policy is evaluated', async () => {
  const codes = (p: PublishedDiagnostics): string[] => p.diagnostics.map((d) => String(d.code));
  const modules = await modulesLoaded({ 'policy.yaml': examplePolicy('Deny'), 'app.yaml': exampleDeployment(9) }, async (client, root) => {
    const app = fileUri(path.join(root, 'app.yaml'));
    await client.open(app, 'yaml', exampleDeployment(9));
    await client.waitForDiagnostics((p) => p.uri === app && codes(p).includes('XF012'));
  });
  assert.ok(modules.includes(CEL_CHUNK), 'CEL is loaded from its own file');
});

test('a server stopped after initialize writes no code cache; one that ran past its first analyses does', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-launch-'));
  const root = tempWorkspace({ Dockerfile: 'FROM alpine\n' });
  const cacheDir = path.join(dir, 'code-cache');
  try {
    for (const file of ['server.js', 'server.bundle.js', 'cel.js']) fs.copyFileSync(path.join(path.dirname(SERVER_PATH), file), path.join(dir, file));
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
    assert.equal(fs.readdirSync(cacheDir).length, 1, 'the server that ran on wrote its cache');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(root, { recursive: true, force: true });
  }
});
