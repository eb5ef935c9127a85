// Node-side file access shared by the CLI and the language server's workspace scan. The engine never
// touches the disk; this module finds candidate files, reads them safely and loads the config file.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { isCandidate, parseConfigFile, type EngineConfig } from '../engine/index';
import { ALWAYS_SKIPPED, CONFIG_FILE_NAMES, decodeText, excluded, tooLarge, type ReadResult } from './textFiles';

export interface WalkOptions {
  exclude: string[];
  maxFileBytes: number;
  /** The workspace boundary (links resolved): nothing outside it is walked or yielded. */
  contains: (path: string) => boolean;
  signal?: AbortSignal;
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
 */
export async function* walkWorkspace(roots: string[], opts: WalkOptions): AsyncGenerator<WalkEntry> {
  const seen = new Set<string>();
  for (const root of roots) {
    const abs = path.resolve(root);
    let stat;
    try {
      stat = await fs.stat(abs);
    } catch (e) {
      yield { path: abs, skipped: cannotRead(e) };
      continue;
    }
    if (!opts.contains(abs)) yield { path: abs, skipped: 'outside the workspace', explicit: true };
    else if (stat.isDirectory()) yield* walkDir(abs, abs, opts, seen);
    // An explicitly named file is read whatever its name; a FIFO or device would block or never end.
    else if (!stat.isFile()) yield { path: abs, skipped: 'not a regular file or directory', explicit: true };
    else if (await firstVisit(abs, seen)) yield { path: abs, explicit: true };
  }
}

/** Records the real path of `p`; false when it was already visited (or vanished meanwhile). */
async function firstVisit(p: string, seen: Set<string>): Promise<boolean> {
  const real = await fs.realpath(p).catch(() => undefined);
  if (real === undefined || seen.has(real)) return false;
  seen.add(real);
  return true;
}

async function* walkDir(dir: string, root: string, opts: WalkOptions, seen: Set<string>): AsyncGenerator<WalkEntry> {
  if (opts.signal?.aborted || !(await firstVisit(dir, seen))) return;
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (e) {
    yield { path: dir, skipped: `cannot read directory: ${errorCode(e)}` };
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (opts.signal?.aborted) return;
    const full = path.join(dir, entry.name);
    const rel = path.relative(root, full).split(path.sep).join('/');
    if (ALWAYS_SKIPPED.has(entry.name) || excluded(rel, opts.exclude)) continue;
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      const target = await fs.stat(full).catch(() => undefined);
      isDir = !!target?.isDirectory();
      isFile = !!target?.isFile();
      if ((isDir || (isFile && isCandidate(entry.name))) && !opts.contains(full)) {
        yield { path: full, skipped: 'symbolic link out of the workspace' };
        continue;
      }
    }
    if (isDir) yield* walkDir(full, root, opts, seen);
    else if (isFile && isCandidate(entry.name) && (await firstVisit(full, seen))) yield await sizeChecked(full, opts.maxFileBytes);
  }
}

/** A walked candidate, or the reason to skip it when it is over the size cap (checked before any read). */
async function sizeChecked(file: string, maxBytes: number): Promise<WalkEntry> {
  try {
    const { size } = await fs.stat(file);
    return size > maxBytes ? { path: file, skipped: tooLarge(size, maxBytes) } : { path: file };
  } catch (e) {
    return { path: file, skipped: cannotRead(e) };
  }
}

const errorCode = (e: unknown) => (e as NodeJS.ErrnoException).code ?? (e as Error).message;
const cannotRead = (e: unknown) => `cannot read: ${errorCode(e)}`;

/** Reads a file as UTF-8 text; too large, binary or invalid UTF-8 content is skipped with a reason. */
export async function readTextFile(file: string, maxBytes: number): Promise<ReadResult> {
  try {
    const stat = await fs.stat(file);
    if (stat.size > maxBytes) return { skipped: tooLarge(stat.size, maxBytes) };
    return decodeText(await fs.readFile(file));
  } catch (e) {
    return { skipped: cannotRead(e) };
  }
}

/** A config file is a few lines; anything this large is not one. */
const MAX_CONFIG_BYTES = 1024 * 1024;

/** Whether anything is at `file`: only a missing file means "no config here"; an unreadable one is an error. */
async function exists(file: string): Promise<boolean> {
  try {
    await fs.lstat(file);
    return true;
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
    if (await exists(file)) return loadConfigFile(file, name);
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
