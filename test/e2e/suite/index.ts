// Extension-host test entry (the standard `run()` export): runs the mocha suite and records the result
// where the launcher reads it (BULKHEAD_E2E_RESULTS), since a browser-hosted workbench has no stdout.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export interface SuiteResult { passed: number; failed: number; passes: string[]; failures: Array<{ title: string; error: string }> }

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', timeout: 60_000, color: false });
  for (const f of fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) mocha.addFile(path.join(__dirname, f));
  const result: SuiteResult = { passed: 0, failed: 0, passes: [], failures: [] };
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const out = process.env.BULKHEAD_E2E_RESULTS;
      if (out) fs.writeFileSync(out, JSON.stringify(result, null, 2));
      if (failures > 0) reject(new Error(`${failures} editor test(s) failed`));
      else resolve();
    });
    runner.on('pass', (t) => {
      result.passed++;
      result.passes.push(t.fullTitle());
      console.log(`  ok ${t.fullTitle()}`);
    });
    runner.on('fail', (t, err: Error) => {
      result.failed++;
      result.failures.push({ title: t.fullTitle(), error: String(err?.stack ?? err) });
      console.log(`  FAIL ${t.fullTitle()}: ${err?.message}`);
    });
  });
}
