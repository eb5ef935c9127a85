// What the editor tests need on the machine, checked before anything runs: `npm test` used to run
// minutes of unit tests and then report "0 passed, 1 failed" when Chromium was missing. Prints what
// to install and exits 1 when something is missing (run as a script); the launcher checks it too.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EXTENSION_ROOT } from './paths';

export const CODE_SERVER_VERSION = '4.100.3';
export const CODE_SERVER_PREFIX = path.join(EXTENSION_ROOT, '.e2e', 'code-server');
export const CODE_SERVER_BIN = path.join(CODE_SERVER_PREFIX, 'node_modules', '.bin', 'code-server');
export const CHROMIUM = process.env.BULKHEAD_CHROMIUM ?? '/usr/bin/chromium';

const onPath = (command: string): boolean => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;

const isExecutable = (file: string): boolean => {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** Each missing prerequisite with how to get it; empty when the editor tests can run. */
export function missingPrerequisites(): string[] {
  const missing: string[] = [];
  if (!isExecutable(CHROMIUM)) missing.push(`Chromium at ${CHROMIUM}: apt-get install chromium, or set BULKHEAD_CHROMIUM to a Chromium or Chrome binary`);
  // code-server is installed into .e2e/ on first use (npm, with native modules built from source).
  if (!fs.existsSync(CODE_SERVER_BIN)) {
    if (!onPath('rg')) missing.push("ripgrep (code-server's install takes it from the system): apt-get install ripgrep");
    const tools = ['make', 'g++', 'pkg-config'].filter((t) => !onPath(t));
    if (tools.length)
      missing.push(
        `${tools.join(', ')} to build code-server ${CODE_SERVER_VERSION}'s native modules: apt-get install build-essential pkg-config libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev (see .ci/run)`,
      );
  }
  return missing;
}

if (require.main === module) {
  const missing = missingPrerequisites();
  if (missing.length) {
    process.stderr.write(
      `The editor tests (code-server + Chromium) cannot run; install first:\n${missing.map((m) => `  - ${m}`).join('\n')}\nThe other suites run without them: npm run test:unit, npm run test:lsp.\n`,
    );
    process.exitCode = 1;
  }
}
