// The rule list the client's rule picker shows (bulkhead/rules): every rule, its page, its peer ids.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ALL_METAS } from '../../server/src/engine/index';
import { RULES_METHOD, type RuleSummary } from '../../shared/protocol';
import { withWorkspaceServer } from '../harness/lspClient';

test('bulkhead/rules lists every rule with its page and the peer ids the picker searches', () =>
  withWorkspaceServer({}, async (client) => {
    const rules = await client.connection.sendRequest<RuleSummary[]>(RULES_METHOD);
    assert.deepEqual(
      rules.map((r) => r.id),
      ALL_METAS.map((m) => m.id),
    );
    for (const r of rules) assert.ok(fs.existsSync(fileURLToPath(r.doc)), `${r.id}: ${r.doc}`);
    const byAlias = (peerId: string) => rules.find((r) => r.aliases.includes(peerId))?.id;
    assert.equal(byAlias('DL3002'), 'DF001');
    assert.ok(byAlias('CKV_K8S_20'), 'a Checkov id');
    const off = ALL_METAS.find((m) => m.enabledByDefault === false)!;
    assert.equal(rules.find((r) => r.id === off.id)?.severity, 'off');
  }));
