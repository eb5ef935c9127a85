// Where the launchers find the extension and the compiled suite. The extension root is the nearest
// directory above this file holding Bulkhead's package.json and the fixture workspace (tsc copies
// package.json into out/, but not the fixtures); a build into another outDir has none above it, so
// the working directory is the fallback.
import * as fs from 'node:fs';
import * as path from 'node:path';

const FIXTURES = path.join('test', 'e2e', 'workspace');

function isExtensionRoot(dir: string): boolean {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).name === 'bulkhead' && fs.existsSync(path.join(dir, FIXTURES));
  } catch {
    return false;
  }
}

function findExtensionRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (isExtensionRoot(dir)) return dir;
    if (path.dirname(dir) === dir) break;
  }
  if (isExtensionRoot(process.cwd())) return process.cwd();
  throw new Error(`no Bulkhead package.json above ${__dirname} or in ${process.cwd()}: run from the repository root`);
}

export const EXTENSION_ROOT = findExtensionRoot();
/** The compiled extension-host suite next to this launcher's own output. */
export const SUITE_ENTRY = path.resolve(__dirname, '..', 'suite', 'index.js');
export const FIXTURE_WORKSPACE = path.join(EXTENSION_ROOT, FIXTURES);
