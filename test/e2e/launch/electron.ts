// `npm run test:electron`: the same editor suite in desktop VS Code through @vscode/test-electron
// (downloads VS Code, so it needs internet; CI here uses the code-server launcher instead).
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const repo = path.resolve(__dirname, '..', '..', '..', '..');
  await runTests({
    version: '1.100.3',
    extensionDevelopmentPath: repo,
    extensionTestsPath: path.join(repo, 'out', 'test', 'e2e', 'suite', 'index.js'),
    launchArgs: [path.join(repo, 'test', 'e2e', 'workspace'), '--disable-workspace-trust', '--skip-welcome'],
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
