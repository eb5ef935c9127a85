// The server process ends when it should: on shutdown + exit, and when its client goes away without
// saying so (closed stdin), so no orphan is left behind.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { LspClient } from '../harness/lspClient';

test('shutdown and exit end the process with code 0', async () => {
  const client = new LspClient();
  await client.initialize();
  assert.equal(await client.stop(), 0);
  assert.notEqual(client.process.exitCode, null);
});

test('exit without shutdown ends the process with code 1, as the protocol says', async () => {
  const client = new LspClient();
  await client.initialize();
  await client.connection.sendNotification('exit');
  assert.equal(await client.exited(), 1);
});

test('a client that vanishes (stdin closed) does not leave the server running', async () => {
  const client = new LspClient();
  await client.initialize();
  client.process.stdin!.end();
  assert.notEqual(await client.exited(), null);
});
