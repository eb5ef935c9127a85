// `npm run test:electron`: the same editor suite in desktop VS Code through @vscode/test-electron
// (downloads VS Code, so it needs internet; CI here uses the code-server launcher instead).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { readSuiteResult, RESULTS_ENV, summaryLine } from '../results';
import { EXTENSION_ROOT, FIXTURE_WORKSPACE, SUITE_ENTRY } from './paths';

async function main(): Promise<number> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-electron-'));
  const resultsFile = path.join(tmp, 'suite.json');
  // The suite edits its files: give it a copy so the fixtures stay pristine.
  const workspace = path.join(tmp, 'workspace');
  fs.cpSync(FIXTURE_WORKSPACE, workspace, { recursive: true });
  try {
    await runTests({
      version: '1.100.3',
      extensionDevelopmentPath: EXTENSION_ROOT,
      extensionTestsPath: SUITE_ENTRY,
      extensionTestsEnv: { [RESULTS_ENV]: resultsFile },
      launchArgs: [workspace, '--disable-workspace-trust', '--skip-welcome', '--disable-extensions', '--user-data-dir', path.join(tmp, 'user-data')],
    }).catch((e: unknown) => console.error(e));
    const result = readSuiteResult(resultsFile);
    const passed = result?.passed ?? 0;
    const failed = result ? result.failed : 1; // no result file: VS Code never ran the suite
    console.log(summaryLine(passed, failed));
    return failed === 0 && passed > 0 ? 0 : 1;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    console.log(summaryLine(0, 1));
    process.exit(1);
  },
);
