// Generated artefacts (rule pages, README rules table, config schema) must match the registry.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generatedFiles, REPO_ROOT, staleDocPages } from '../../scripts/generated';

test('generated files are up to date (run `npm run gen`)', () => {
  for (const [rel, expected] of generatedFiles()) {
    const file = path.join(REPO_ROOT, rel);
    assert.ok(fs.existsSync(file), `${rel} is missing: run npm run gen`);
    assert.equal(fs.readFileSync(file, 'utf8'), expected, `${rel} is stale: run npm run gen`);
  }
  assert.deepEqual(staleDocPages(), [], 'rule pages without a rule: run npm run gen');
});
