// Runs a bundle from V8's code cache when there is one, so a process start deserializes the bundle's
// compiled code instead of parsing megabytes of JavaScript. The cache is written by a process that ran
// without a usable one, and rewritten by one that compiled code the cache lacks (it only grows: a first
// run that printed --version holds little of a scan's code, and every later scan compiled the rest
// again), under code-cache/ beside the bundle (the extension's or package's own directory, never the
// workspace), named by the bundle's hash (set by scripts/bundle.mjs), the V8 version and the
// architecture. A cache V8 rejects (made under other V8 flags) is rewritten; failing to read or write one
// (a read-only install) costs only the compile it would have saved.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { isAscii } from 'node:buffer';
import { createRequire, Module, wrap } from 'node:module';

/** How long a process runs before writing the cache it lacked: by then its first analyses' functions are compiled, and cached too. */
const WRITE_AFTER_MS = 5_000;

/** Bytes a cache must grow by to be rewritten: a few functions more are not worth a megabyte written. */
const MIN_GROWTH = 4096;

/**
 * How long a process with a cache runs before it checks whether the cache lacks what it compiled (making
 * the cached data takes ~7 ms): a shorter one (--version, a scan of a few files) compiled too little to matter.
 */
const GROWTH_CHECK_AFTER_MS = 200;

export interface Cached {
  /** The bundle's content hash: a new bundle never reads an older bundle's cache. */
  hash: string;
  /**
   * Whether the cache is also written (or grown) when the process exits before WRITE_AFTER_MS (the CLI: it
   * then holds the code of a whole run). The server writes it only after running that long: a cache of the
   * start-up code alone, from a server stopped at once, made later servers' first analyses slower than
   * no cache (measured: first diagnostics ~+150 ms), where one written after the first analyses makes them faster.
   */
  writeOnExit: boolean;
}

type CommonJsWrapper = (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;

/** Where a bundle's code caches are kept, and the one of this build of it for this V8 (Electron's and Node's differ). */
function cachePaths(bundle: string, hash: string) {
  const dir = path.join(path.dirname(bundle), 'code-cache');
  const name = path.basename(bundle, '.js');
  return { dir, name, file: path.join(dir, `${name}.${hash}.${process.versions.v8}-${process.arch}.v8`) };
}

function readCache(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Writes a code cache (atomically: concurrent processes each rename a whole file) and drops the caches of earlier builds of the bundle. */
function writeCache(data: Buffer, bundle: string, hash: string): void {
  const { dir, name, file } = cachePaths(bundle, hash);
  try {
    fs.mkdirSync(dir, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, data);
    fs.renameSync(temporary, file);
    for (const other of fs.readdirSync(dir)) {
      if (other.startsWith(`${name}.`) && !other.startsWith(`${name}.${hash}.`)) fs.rmSync(path.join(dir, other), { force: true });
    }
  } catch {
    // A read-only install: every start compiles, as it would without the cache.
  }
}

/**
 * The bundle's text. An ASCII file (esbuild escapes strings, and a test keeps comments and regular
 * expressions ASCII too) read as Latin-1 is a plain copy into a one-byte string, where the UTF-8 decoder
 * took milliseconds per megabyte at every start.
 */
function readSource(file: string): string {
  const bytes = fs.readFileSync(file);
  return bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
}

/**
 * The bundle's CommonJS module function, compiled from its code cache; the cache is written as `Cached`
 * says when it was missing or rejected, or when this process compiled code it lacks.
 */
export function compileCached(bundle: string, { hash, writeOnExit }: Cached): CommonJsWrapper {
  const cachedData = readCache(cachePaths(bundle, hash).file);
  const script = new vm.Script(wrap(readSource(bundle)), { filename: bundle, cachedData });
  const held = cachedData === undefined || script.cachedDataRejected ? -1 : cachedData.length;
  let written = false;
  const write = () => {
    if (written || (held >= 0 && process.uptime() * 1000 < GROWTH_CHECK_AFTER_MS)) return;
    written = true;
    // What this process compiled, the cache's code included (it was deserialized): a few ms for a megabyte.
    const data = script.createCachedData();
    // A worker thread (the CLI's analysis pool) reads the cache but leaves writing it to the main thread.
    // worker_threads is required only then: a process that writes nothing does without its modules.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    if ((held < 0 || data.length >= held + MIN_GROWTH) && (require('node:worker_threads') as typeof import('node:worker_threads')).isMainThread) writeCache(data, bundle, hash);
  };
  setTimeout(write, WRITE_AFTER_MS).unref();
  if (writeOnExit) process.once('exit', write);
  return script.runInThisContext() as CommonJsWrapper;
}

/**
 * Requires the bundle `file` (a chunk a bundle loads when it needs it) from its code cache: a module of
 * its own, listed in require.cache, whose require resolves beside it, except for the modules in `shared`,
 * which the requiring bundle hands it (the same connection and protocol library, not a second copy).
 * @public Called by the stand-in scripts/languageServerChunk.mjs puts in place of languageServer.ts.
 */
export function requireCached(file: string, cached: Cached, shared: Record<string, unknown>): unknown {
  const chunk = new Module(file);
  chunk.filename = file;
  const resolve = createRequire(file);
  const require = Object.assign((id: string): unknown => (Object.hasOwn(shared, id) ? shared[id] : resolve(id)), resolve);
  resolve.cache[file] = chunk;
  compileCached(file, cached)(chunk.exports, require, chunk, file, path.dirname(file));
  chunk.loaded = true;
  return chunk.exports;
}
