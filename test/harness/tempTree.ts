// Throw-away folders on disk, for tests that need real files (CLI runs, the Node host, git repositories).
import { after } from 'node:test';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Writes `files` (path relative to `dir` → content) under `dir`, making the folders they need; returns `dir`. */
export function writeTree(dir: string, files: Record<string, string | Buffer>): string {
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return dir;
}

/**
 * A maker of temporary folders named `<prefix>…`, each holding the files it is given, all removed once
 * this test file's tests have run. Call it at the top level of a test file.
 */
export function tempTrees(prefix: string): (files?: Record<string, string | Buffer>) => string {
  const made: string[] = [];
  after(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  return (files = {}) => {
    // The real path: what the CLI and the host report, also where the temporary folder is behind a link (macOS).
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
    made.push(dir);
    return writeTree(dir, files);
  };
}
