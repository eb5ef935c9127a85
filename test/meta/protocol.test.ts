// The client and the server share their protocol from shared/protocol.ts; the commands it names are the
// ones the extension manifest contributes, no more and no fewer.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../../scripts/generated';
import { COMMANDS } from '../../shared/protocol';

test('package.json contributes exactly the commands shared/protocol.ts names', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { contributes: { commands: Array<{ command: string }> } };
  assert.deepEqual(manifest.contributes.commands.map((c) => c.command).sort(), Object.values(COMMANDS).sort());
});
