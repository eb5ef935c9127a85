// Node-side file access shared by the CLI and the language server's workspace scan. The engine never
// touches the disk; this module finds candidate files, reads them safely and loads the config file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isCandidate, parseConfigFile, type EngineConfig } from '../engine/index';
import { ALWAYS_SKIPPED, CONFIG_FILE_NAMES, decodeText, excluded, tooLarge, type ReadResult } from './textFiles';

export interface WalkOptions {
  exclude: string[];
  maxFileBytes: number;
  /** The workspace boundary (links resolved): nothing outside it is walked or yielded. */
  contains: (path: string) => boolean;
  signal?: AbortSignal;
  /** Lists a directory (default: the disk); the CLI passes its host's, so a directory walked is not listed again for analysis. */
  readdir?: (dir: string) => fs.Dirent[];
}
export interface WalkEntry {
  path: string;
  skipped?: string;
  /** Named on the command line rather than found by walking. */
  explicit?: boolean;
}

/**
 * Yields candidate container files under each root (a directory or a file), in a stable order.
 * Every directory and file is visited once by real path, so symlink loops end and overlapping roots
 * (`scan . sub`) do not report a file twice. A link that leads out of the workspace is not followed: it
 * is yielded as skipped (a directory, or a file with a candidate's name), so nothing is lost silently.
 * The disk is read synchronously, with a turn of the event loop whenever the walk (and what its caller
 * did with the entries) has held the thread for TURN_MS (a server scan stays responsive), and only a
 * link is resolved: a thread-pool round trip per file was most of a large scan's walk, and a real path
 * per file most of the rest.
 */
export async function* walkWorkspace(roots: string[], opts: WalkOptions): AsyncGenerator<WalkEntry> {
  const visits: Visits = { paths: new Set<string>(), turnStarted: Date.now() };
  for (const root of roots) {
    const abs = path.resolve(root);
    let stat;
    try {
      stat = fs.statSync(abs);
    } catch (e) {
      yield { path: abs, skipped: cannotRead(e) };
      continue;
    }
    if (!opts.contains(abs)) yield { path: abs, skipped: 'outside the workspace', explicit: true };
    else if (stat.isDirectory()) yield* walkDir(abs, realPath(abs), abs, opts, visits);
    // An explicitly named file is read whatever its name; a FIFO or device would block or never end.
    else if (!stat.isFile()) yield { path: abs, skipped: 'not a regular file or directory', explicit: true };
    else if (firstVisit(realPath(abs), visits)) yield { path: abs, explicit: true };
  }
}

/** Where `p` really is (links resolved); undefined when it vanished meanwhile or leads nowhere. */
function realPath(p: string): string | undefined {
  try {
    return fs.realpathSync.native(p);
  } catch {
    return undefined;
  }
}

/**
 * Milliseconds a walk holds the thread before other events (a server's requests) get a turn: a turn per
 * directory cost a CLI scan of 700 one-file directories more than listing them.
 */
const TURN_MS = 4;

/** A walk's real paths visited, and when it last gave other events a turn (Date.now: `performance` loads a module on first use). */
interface Visits {
  paths: Set<string>;
  turnStarted: number;
}

/** Records a real path; false when it was already visited (or is unknown: vanished meanwhile). */
function firstVisit(real: string | undefined, visits: Visits): boolean {
  if (real === undefined || visits.paths.has(real)) return false;
  visits.paths.add(real);
  return true;
}

/** `real`: where `dir` really is; an entry that is no link is really inside it under its own name. */
async function* walkDir(dir: string, real: string | undefined, root: string, opts: WalkOptions, visits: Visits): AsyncGenerator<WalkEntry> {
  if (opts.signal?.aborted || !firstVisit(real, visits)) return;
  // Other events run between directories, without a thread-pool round trip for each.
  if (Date.now() - visits.turnStarted >= TURN_MS) {
    await new Promise((resolve) => setImmediate(resolve));
    visits.turnStarted = Date.now();
  }
  let entries;
  try {
    entries = opts.readdir ? opts.readdir(dir) : fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    yield { path: dir, skipped: `cannot read directory: ${errorCode(e)}` };
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (opts.signal?.aborted) return;
    const full = path.join(dir, entry.name);
    if (ALWAYS_SKIPPED.has(entry.name) || (opts.exclude.length > 0 && excluded(path.relative(root, full).split(path.sep).join('/'), opts.exclude))) continue;
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    const link = entry.isSymbolicLink();
    if (link) {
      const target = statOf(full);
      isDir = !!target?.isDirectory();
      isFile = !!target?.isFile();
      if ((isDir || (isFile && isCandidate(entry.name))) && !opts.contains(full)) {
        yield { path: full, skipped: 'symbolic link out of the workspace' };
        continue;
      }
    }
    if (!isDir && !(isFile && isCandidate(entry.name))) continue;
    const entryReal = link ? realPath(full) : real === undefined ? undefined : path.join(real, entry.name);
    if (isDir) yield* walkDir(full, entryReal, root, opts, visits);
    else if (firstVisit(entryReal, visits)) yield sizeChecked(full, opts.maxFileBytes);
  }
}

function statOf(p: string): fs.Stats | undefined {
  try {
    return fs.statSync(p);
  } catch {
    return undefined;
  }
}

/** A walked candidate, or the reason to skip it when it is over the size cap (checked before any read). */
function sizeChecked(file: string, maxBytes: number): WalkEntry {
  try {
    const { size } = fs.statSync(file);
    return size > maxBytes ? { path: file, skipped: tooLarge(size, maxBytes) } : { path: file };
  } catch (e) {
    return { path: file, skipped: cannotRead(e) };
  }
}

const errorCode = (e: unknown) => (e as NodeJS.ErrnoException).code ?? (e as Error).message;
const cannotRead = (e: unknown) => `cannot read: ${errorCode(e)}`;

/**
 * Why a file of this status is not read, or undefined when it is read: only a regular file within the
 * size cap is opened (a FIFO would block the thread reading it, for good).
 */
function notReadable(stat: fs.Stats, maxBytes: number): string | undefined {
  if (!stat.isFile()) return 'not a regular file';
  if (stat.size > maxBytes) return tooLarge(stat.size, maxBytes);
  return undefined;
}

/** What reading an open file asks of its reader: the file's status, or the bytes at `offset` onwards into `bytes`. */
type ReadStep = 'stat' | { bytes: Buffer; offset: number };

/**
 * Reading an open file as text, written once for the async and the sync reader (each answers its steps
 * with its own calls): judged by the status of what was opened, and never more read than its size then
 * (fewer bytes if it shrank), so a file swapped or grown between the check and the read cannot get past it.
 */
function* textOfOpenFile(maxBytes: number): Generator<ReadStep, ReadResult, fs.Stats | number> {
  const stat = (yield 'stat') as fs.Stats;
  const skipped = notReadable(stat, maxBytes);
  if (skipped) return { skipped };
  const bytes = Buffer.allocUnsafe(stat.size);
  let read = 0;
  while (read < stat.size) {
    const n = (yield { bytes, offset: read }) as number;
    if (n === 0) break;
    read += n;
  }
  return decodeText(bytes.subarray(0, read));
}

/** Reads a file as UTF-8 text; a missing, special, too large, binary or invalid UTF-8 file is skipped with a reason. */
export async function readTextFile(file: string, maxBytes: number): Promise<ReadResult> {
  let handle: fs.promises.FileHandle | undefined;
  try {
    handle = await fs.promises.open(file, OPEN_WITHOUT_BLOCKING);
    const reader = textOfOpenFile(maxBytes);
    let step = reader.next();
    while (!step.done) {
      const want = step.value;
      step = reader.next(want === 'stat' ? await handle.stat() : (await handle.read(want.bytes, want.offset, want.bytes.length - want.offset, want.offset)).bytesRead);
    }
    return step.value;
  } catch (e) {
    return { skipped: cannotRead(e) };
  } finally {
    await handle?.close();
  }
}

/** Opened without blocking: a FIFO would otherwise wait for a writer. */
const OPEN_WITHOUT_BLOCKING = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

/**
 * `readTextFile` on the calling thread, for analysis that waits on it anyway (a CLI scan, the workspace
 * host's reads): no thread-pool round trip per file.
 */
export function readTextFileSync(file: string, maxBytes: number): ReadResult {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, OPEN_WITHOUT_BLOCKING);
    const reader = textOfOpenFile(maxBytes);
    let step = reader.next();
    while (!step.done) {
      const want = step.value;
      step = reader.next(want === 'stat' ? fs.fstatSync(fd) : fs.readSync(fd, want.bytes, want.offset, want.bytes.length - want.offset, want.offset));
    }
    return step.value;
  } catch (e) {
    return { skipped: cannotRead(e) };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** A config file is a few lines; anything this large is not one. */
const MAX_CONFIG_BYTES = 1024 * 1024;

/** Whether anything is at `file`: only a missing file means "no config here"; an unreadable one is an error. */
function exists(file: string): boolean {
  try {
    // Absent is the common answer (every directory of a scan is asked): no exception built for it.
    return fs.lstatSync(file, { throwIfNoEntry: false }) !== undefined;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code !== 'ENOENT' && code !== 'ENOTDIR';
  }
}

export interface WorkspaceConfig {
  config: Partial<EngineConfig>;
  errors: string[];
  path?: string;
}

/** The first `.bulkhead.yaml|yml|json` at `root`, parsed; absent → empty config. */
export async function loadWorkspaceConfig(root: string): Promise<WorkspaceConfig> {
  for (const name of CONFIG_FILE_NAMES) {
    const file = path.join(root, name);
    if (exists(file)) return loadConfigFile(file, name);
  }
  return { config: {}, errors: [] };
}

/** One config file, parsed; errors (unreadable, invalid entries) are prefixed with `label`. */
export async function loadConfigFile(file: string, label = file): Promise<WorkspaceConfig> {
  const read = await readTextFile(file, MAX_CONFIG_BYTES);
  if ('skipped' in read) return { config: {}, errors: [`${label}: ${read.skipped}`], path: file };
  const parsed = parseConfigFile(read.text, path.dirname(path.resolve(file)).split(path.sep).join('/'));
  return { config: parsed.config, errors: parsed.errors.map((e) => `${label}: ${e}`), path: file };
}
