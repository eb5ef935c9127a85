// Where the server's configuration comes from: workspace/configuration (re-read on
// didChangeConfiguration), pushed settings for clients that cannot be asked, and the workspace folder's
// .bulkhead.yaml, re-read when the client reports it changed or when it is saved in the editor.
import { test, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ClientCapabilities } from 'vscode-languageserver-protocol';
import { LspClient, fileUri, tempWorkspace, VSCODE_LIKE_CAPABILITIES } from '../harness/lspClient';

const COMPOSE = 'services:\n  web:\n    image: nginx:1.27\n    security_opt: ["no-new-privileges:true"]\n    cap_drop: [ALL]\n    read_only: true\n    privileged: true\n';
const DOCKERFILE = 'FROM alpine:3.20\nADD app.py /app/\nUSER 10001\n';
const root = tempWorkspace({ '.bulkhead.yaml': 'rules:\n  DF006: error\n' });
const configFile = path.join(root, '.bulkhead.yaml');
after(() => fs.rmSync(root, { recursive: true, force: true }));

/** A fresh server on the temp workspace, its config file reset to raising DF006 to error. */
async function session(capabilities: ClientCapabilities, run: (client: LspClient) => Promise<void>): Promise<void> {
  fs.writeFileSync(configFile, 'rules:\n  DF006: error\n');
  const client = new LspClient();
  try {
    await client.initialize(root, { debounceMs: 0 }, capabilities);
    await run(client);
  } finally {
    assert.equal(await client.stop(), 0);
  }
}

/** The severity of `code` in the next publication for `uri` (or the first since the last reset); undefined when absent. */
async function severityOf(client: LspClient, uri: string, code: string): Promise<number | undefined> {
  const p = await client.waitForDiagnostics((x) => x.uri === uri);
  return p.diagnostics.find((d) => d.code === code)?.severity;
}

test('settings changes re-publish open documents: a rule turned off, then analysis disabled and enabled', () =>
  session(VSCODE_LIKE_CAPABILITIES, async (client) => {
    const compose = fileUri(path.join(root, 'compose.yaml'));
    const dockerfile = fileUri(path.join(root, 'Dockerfile'));
    await client.open(compose, 'dockercompose', COMPOSE);
    await client.open(dockerfile, 'dockerfile', DOCKERFILE);
    /** Applies `settings` and returns what each document is re-published with; each call waits for both, so rounds never mix. */
    const reconfigure = async (settings: Record<string, unknown>) => {
      client.reset();
      await client.configure(settings);
      const [c, d] = await Promise.all([compose, dockerfile].map((uri) => client.waitForDiagnostics((x) => x.uri === uri)));
      return { compose: c.diagnostics, dockerfile: d.diagnostics };
    };
    assert.equal(await severityOf(client, compose, 'DC001'), 1);
    assert.equal(await severityOf(client, dockerfile, 'DF006'), 1);

    assert.ok(!(await reconfigure({ rules: { DC001: 'off' } })).compose.some((d) => d.code === 'DC001'));
    assert.equal((await reconfigure({ rules: { dc001: 'warning' } })).compose.find((d) => d.code === 'DC001')?.severity, 2, 'rule ids in settings are case-insensitive');
    assert.deepEqual(await reconfigure({ enable: false }), { compose: [], dockerfile: [] });

    assert.deepEqual(
      await client.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri: compose },
        range: { start: { line: 6, character: 4 }, end: { line: 6, character: 14 } },
        context: { diagnostics: [] },
      }),
      [],
    );
    assert.equal(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: compose }, position: { line: 6, character: 6 } }), null);
    client.reset();
    await client.change(compose, 2, COMPOSE + '\n');
    assert.deepEqual((await client.waitForDiagnostics((x) => x.uri === compose)).diagnostics, [], 'an edit while disabled publishes nothing');

    const enabled = await reconfigure({});
    assert.equal(enabled.dockerfile.find((d) => d.code === 'DF006')?.severity, 1, 'enabled again, with the config file still applied');
    assert.ok(enabled.compose.some((d) => d.code === 'DC001'));
  }));

test('the settings layer over .bulkhead.yaml rule by rule', () =>
  session(VSCODE_LIKE_CAPABILITIES, async (client) => {
    const dockerfile = fileUri(path.join(root, 'Dockerfile'));
    await client.configure({ rules: { DF006: 'info' } });
    await client.open(dockerfile, 'dockerfile', DOCKERFILE);
    assert.equal(await severityOf(client, dockerfile, 'DF006'), 3);
  }));

test('an edited .bulkhead.yaml reported through didChangeWatchedFiles is re-read', () =>
  session(VSCODE_LIKE_CAPABILITIES, async (client) => {
    const dockerfile = fileUri(path.join(root, 'Dockerfile'));
    await client.open(dockerfile, 'dockerfile', DOCKERFILE);
    assert.equal(await severityOf(client, dockerfile, 'DF006'), 1);
    const registration = client.messages('client/registerCapability')[0];
    const watchers = (registration as { registrations: Array<{ method: string; registerOptions: { watchers: Array<{ globPattern: string }> } }> })?.registrations[0];
    assert.equal(watchers?.method, 'workspace/didChangeWatchedFiles');
    // Every file: config files, and what cross-file rules read (Dockerfiles, .dockerignore, env files, manifests).
    assert.deepEqual(
      watchers.registerOptions.watchers.map((w) => w.globPattern),
      ['**/*'],
    );

    fs.writeFileSync(configFile, 'rules:\n  DF006: "off"\n');
    client.reset();
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(configFile), type: 2 }] });
    assert.equal(await severityOf(client, dockerfile, 'DF006'), undefined);

    fs.rmSync(configFile);
    client.reset();
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(configFile), type: 3 }] });
    assert.equal(await severityOf(client, dockerfile, 'DF006'), 2, 'without the file, the default severity');
  }));

test('an invalid .bulkhead.yaml is reported once as a warning, not on every reload', () =>
  session(VSCODE_LIKE_CAPABILITIES, async (client) => {
    const dockerfile = fileUri(path.join(root, 'Dockerfile'));
    await client.open(dockerfile, 'dockerfile', DOCKERFILE);
    await client.waitForDiagnostics((x) => x.uri === dockerfile);
    fs.writeFileSync(configFile, 'rules:\n  DF006: loud\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(configFile), type: 2 }] });
    const warning = await client.waitFor<{ type: number; message: string }>('window/showMessageRequest', (m) => m.message.includes('DF006'));
    assert.equal(warning.type, 2);
    assert.match(warning.message, /^Bulkhead configuration: \.bulkhead\.yaml: rules\.DF006/);
    client.reset();
    await client.configure({});
    await client.waitForDiagnostics((x) => x.uri === dockerfile);
    assert.deepEqual(client.messages('window/showMessageRequest'), []);
  }));

test('a client that cannot watch files: saving .bulkhead.yaml in the editor re-reads it', () => {
  const capabilities: ClientCapabilities = { ...VSCODE_LIKE_CAPABILITIES, workspace: { ...VSCODE_LIKE_CAPABILITIES.workspace, didChangeWatchedFiles: undefined } };
  return session(capabilities, async (client) => {
    const dockerfile = fileUri(path.join(root, 'Dockerfile'));
    await client.open(dockerfile, 'dockerfile', DOCKERFILE);
    assert.equal(await severityOf(client, dockerfile, 'DF006'), 1);
    assert.deepEqual(client.messages('client/registerCapability'), [], 'no registration the client cannot honour');
    await client.open(fileUri(configFile), 'yaml', 'rules:\n  DF006: error\n');
    const edited = 'rules:\n  DF006: info\n';
    await client.change(fileUri(configFile), 2, edited);
    fs.writeFileSync(configFile, edited);
    client.reset();
    await client.save(fileUri(configFile));
    assert.equal(await severityOf(client, dockerfile, 'DF006'), 3);
    assert.deepEqual(client.allPublished().find((p) => p.uri === fileUri(configFile))?.diagnostics ?? [], [], 'the config file itself is not a manifest');
  });
});

test('a client that cannot answer workspace/configuration: the pushed settings apply', () => {
  const capabilities: ClientCapabilities = { ...VSCODE_LIKE_CAPABILITIES, workspace: { ...VSCODE_LIKE_CAPABILITIES.workspace, configuration: false } };
  return session(capabilities, async (client) => {
    const compose = fileUri(path.join(root, 'compose.yaml'));
    await client.open(compose, 'dockercompose', COMPOSE);
    assert.equal(await severityOf(client, compose, 'DC001'), 1);
    client.reset();
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { bulkhead: { rules: { DC001: 'off' } } } });
    assert.equal(await severityOf(client, compose, 'DC001'), undefined);
    assert.deepEqual(client.messages('workspace/configuration'), [], 'never asks a client that cannot answer');
  });
});
