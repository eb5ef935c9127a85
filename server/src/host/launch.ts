// The entry of dist/server.js and dist/cli.js: runs the bundle beside it (server.bundle.js,
// cli.bundle.js) from V8's code cache when there is one, so a process start deserializes the bundle's
// compiled code instead of parsing 2 MB of JavaScript. The cache is written once, by the first process
// that ran without a usable one, under dist/code-cache/ (the extension's or package's own directory,
// never the workspace), named by the bundle's hash (BUNDLE_HASH, set by scripts/bundle.mjs), the V8
// version and the architecture. A cache V8 rejects (made under other V8 flags) is rewritten; failing to
// read or write one (a read-only install) costs only the compile it would have saved.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { wrap } from 'node:module';
import { isMainThread } from 'node:worker_threads';

declare const BUNDLE_HASH: string;
/**
 * Whether the cache is also written when the process exits before WRITE_AFTER_MS (the CLI: it then
 * holds the code of a whole run). The server writes it only after running that long: a cache of the
 * start-up code alone, from a server stopped at once, made later servers' first analyses slower than
 * no cache (measured: first diagnostics ~+150 ms), where one written after the first analyses makes them faster.
 */
declare const WRITE_ON_EXIT: boolean;

/** How long a process runs before writing the cache it lacked: by then its first analyses' functions are compiled, and cached too. */
const WRITE_AFTER_MS = 5_000;

const bundle = __filename.replace(/\.js$/, '.bundle.js');
const cacheDir = path.join(__dirname, 'code-cache');
const bundleName = path.basename(bundle, '.js');

/** The cache of this bundle for this V8 (Electron's and Node's differ): V8 itself rejects a cache made under other flags, and it is then rewritten. */
const cacheFile = path.join(cacheDir, `${bundleName}.${BUNDLE_HASH}.${process.versions.v8}-${process.arch}.v8`);

function readCache(): Buffer | undefined {
  try {
    return fs.readFileSync(cacheFile);
  } catch {
    return undefined;
  }
}

/** Writes the script's code cache (atomically: concurrent processes each rename a whole file) and drops the caches of earlier bundles. */
function writeCache(script: vm.Script): void {
  try {
    fs.mkdirSync(cacheDir, { recursive: true });
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, script.createCachedData());
    fs.renameSync(temporary, cacheFile);
    for (const name of fs.readdirSync(cacheDir)) {
      if (name.startsWith(`${bundleName}.`) && !name.startsWith(`${bundleName}.${BUNDLE_HASH}.`)) fs.rmSync(path.join(cacheDir, name), { force: true });
    }
  } catch {
    // A read-only install: every start compiles, as it would without the cache.
  }
}

const cachedData = readCache();
const script = new vm.Script(wrap(fs.readFileSync(bundle, 'utf8')), { filename: bundle, cachedData });
if (isMainThread && (cachedData === undefined || script.cachedDataRejected)) {
  let written = false;
  const write = () => {
    if (written) return;
    written = true;
    writeCache(script);
  };
  setTimeout(write, WRITE_AFTER_MS).unref();
  if (WRITE_ON_EXIT) process.once('exit', write);
}
// The bundle runs as this module would: its require resolves beside it (dist/cel.js), and require.main is this module.
(script.runInThisContext() as (...args: unknown[]) => void)(module.exports, require, module, __filename, __dirname);
