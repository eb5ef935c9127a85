// Node-side file access shared by the CLI and the language server's workspace scan. The engine never
// touches the disk; this module finds candidate files, reads them safely and loads the config file.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { TextDecoder } from 'node:util';
import { minimatch } from 'minimatch';
import { isCandidate, parseConfigFile, type EngineConfig } from '../engine/index';

/** Directories never worth descending into. */
const ALWAYS_SKIPPED = new Set(['.git', 'node_modules', '.hg', '.svn']);

export interface WalkOptions { exclude: string[]; maxFileBytes: number; signal?: AbortSignal }
export interface WalkEntry {
  path: string;
  skipped?: string;
  /** Named on the command line rather than found by walking. */
  explicit?: boolean;
}

function excluded(rel: string, patterns: string[]): boolean {
  return patterns.some((p) => minimatch(rel, p, { dot: true }) || minimatch(rel + '/', p, { dot: true }));
}

/**
 * Yields candidate container files under each root (a directory or a file), in a stable order.
 * Symlinked directories are followed once (by real path), so loops end.
 */
export async function* walkWorkspace(roots: string[], opts: WalkOptions): AsyncGenerator<WalkEntry> {
  const seen = new Set<string>();
  for (const root of roots) {
    const abs = path.resolve(root);
    let stat;
    try {
      stat = await fs.stat(abs);
    } catch (e) {
      yield { path: abs, skipped: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
      continue;
    }
    if (stat.isFile()) {
      yield { path: abs, explicit: true }; // an explicitly named file is read whatever its name
      continue;
    }
    yield* walkDir(abs, abs, opts, seen);
  }
}

async function* walkDir(dir: string, root: string, opts: WalkOptions, seen: Set<string>): AsyncGenerator<WalkEntry> {
  if (opts.signal?.aborted) return;
  let real: string;
  try {
    real = await fs.realpath(dir);
  } catch {
    return;
  }
  if (seen.has(real)) return;
  seen.add(real);
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (e) {
    yield { path: dir, skipped: `cannot read directory: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
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
    }
    if (isDir) yield* walkDir(full, root, opts, seen);
    else if (isFile && isCandidate(entry.name)) yield { path: full };
  }
}

export type ReadResult = { text: string } | { skipped: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads a file as UTF-8 text; too large, binary or invalid UTF-8 content is skipped with a reason. */
export async function readTextFile(file: string, maxBytes: number): Promise<ReadResult> {
  try {
    const stat = await fs.stat(file);
    if (stat.size > maxBytes) return { skipped: `larger than ${maxBytes} bytes (${stat.size})` };
    const bytes = await fs.readFile(file);
    if (bytes.includes(0)) return { skipped: 'binary content' };
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      return { skipped: 'not valid UTF-8' };
    }
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch (e) {
    return { skipped: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
}

export const CONFIG_FILE_NAMES = ['.bulkhead.yaml', '.bulkhead.yml', '.bulkhead.json'];

export interface WorkspaceConfig { config: Partial<EngineConfig>; errors: string[]; path?: string }

/** The first `.bulkhead.yaml|yml|json` at `root`, parsed; absent → empty config. */
export async function loadWorkspaceConfig(root: string): Promise<WorkspaceConfig> {
  for (const name of CONFIG_FILE_NAMES) {
    const file = path.join(root, name);
    const read = await readTextFile(file, 1024 * 1024);
    if ('skipped' in read) {
      if (read.skipped.includes('ENOENT')) continue;
      return { config: {}, errors: [`${name}: ${read.skipped}`], path: file };
    }
    const parsed = parseConfigFile(read.text);
    return { config: parsed.config, errors: parsed.errors.map((e) => `${name}: ${e}`), path: file };
  }
  return { config: {}, errors: [] };
}
