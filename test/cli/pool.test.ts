// The analysis pool's hand-out: each worker is handed a few files ahead, and the pool says when it has no
// room left, so the main thread (one of the --jobs threads) analyzes the next file itself.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { mergeConfig } from '../../server/src/engine/index';
import { AnalysisPool } from '../../server/src/cli/pool';
import { checkFile, type FileOutcome } from '../../server/src/cli/checkFile';
import { NodeWorkspaceHost } from '../../server/src/host/workspaceHost';
import { tempTrees } from '../harness/tempTree';

const tree = tempTrees('bulkhead-pool-');

test('a worker is handed files ahead up to a bound; the pool is busy until it answers, and answers each file', async () => {
  const files = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`s${i}/Dockerfile`, `FROM alpine:3.20\n${'RUN apk add curl\n'.repeat(i)}USER app\n`]));
  const root = tree(files);
  const config = mergeConfig({}, { today: '2026-01-01' });
  const pool = new AnalysisPool(1, [root], config, false);
  try {
    assert.equal(pool.busy, false);
    const outcomes = [];
    while (!pool.busy) outcomes.push(pool.check(path.join(root, `s${outcomes.length}`, 'Dockerfile')));
    assert.ok(outcomes.length > 1 && outcomes.length < 6, `handed ${outcomes.length} files ahead`);
    const done = await Promise.all(outcomes);
    assert.equal(pool.busy, false, 'room again once the worker answered');
    assert.ok(
      done.every((o) => 'reportable' in o && o.reportable && o.fingerprints === undefined),
      'analyzed, without fingerprints when none were asked for',
    );
    // Files that differ in their findings: each outcome is the one the main thread gets for its file.
    const host = new NodeWorkspaceHost({ roots: [root], maxFileBytes: config.maxFileBytes });
    const summary = (o: FileOutcome) => ('findings' in o ? o.findings.map((f) => `${f.ruleId}@${f.range.start.line}`) : o);
    for (const [i, outcome] of done.entries()) {
      const here = await checkFile(path.join(root, `s${i}`, 'Dockerfile'), host, config, { fingerprints: false });
      assert.deepEqual(summary(outcome), summary(here), `s${i}, in the order asked`);
    }
    assert.notDeepEqual(summary(done[0]), summary(done[1]));
  } finally {
    await pool.close();
  }
});
