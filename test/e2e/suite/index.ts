// Extension-host test entry (the standard `run()` export): runs the mocha suite and records the result
// where the launcher reads it (see ../results.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { RESULTS_ENV, type SuiteResult } from '../results';

export function run(): Promise<void> {
  // The Base reporter prints nothing: the extension host's console mangles the spec reporter's format
  // strings, so the runner prints its own plain lines below.
  const mocha = new Mocha({ ui: 'tdd', timeout: 60_000, color: false, reporter: Mocha.reporters.Base });
  for (const f of fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort())
    mocha.addFile(path.join(__dirname, f));
  const result: SuiteResult = { passed: 0, failed: 0, passes: [], failures: [] };
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const out = process.env[RESULTS_ENV];
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
      console.log(`  FAIL ${t.fullTitle()}\n${err?.stack ?? err}`);
    });
  });
}
