// The engine's WorkspaceHost over the file system (CLI and language server). Reads are synchronous
// because analysis is; every answer is bounded (file size, entries listed) and cached until the host
// is told files changed, so a keystroke never walks a monorepo twice. Nothing outside the workspace
// roots is read or listed, whatever the engine asks, and listings never follow symbolic links.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isYamlFile, type WorkspaceHost } from '../engine/index';
import { ALWAYS_SKIPPED, MAX_LISTED } from './textFiles';
import { readTextFileSync } from './workspace';
import { Boundary } from './boundary';
import { DirectoryListings } from './directories';

export interface NodeHostOptions {
  /** Workspace roots: the boundary of what is read, and where the Kubernetes object index looks for YAML files. */
  roots: string[];
  maxFileBytes: number;
  /** Unsaved editor contents win over the disk. */
  overlay?: (path: string) => string | undefined;
  /** The paths `overlay` has text for now (the open documents). */
  overlaidPaths?: () => Iterable<string>;
}

const toPosix = (p: string): string => p.split(path.sep).join('/');
const fromPosix = (p: string): string => (path.sep === '/' ? p : p.split('/').join(path.sep));

export class NodeWorkspaceHost implements WorkspaceHost {
  private readonly texts = new Map<string, string | undefined>();
  private readonly listings = new Map<string, readonly string[] | undefined>();
  private yaml?: readonly string[];
  /** Paths overlaid since the caches were last dropped: a closed buffer's file reads differently from its buffer. */
  private readonly overlaid = new Set<string>();
  private readonly boundary: Boundary;
  /** Every directory this host (and the CLI's walk) listed: the boundary and reads answer from them. */
  readonly directories = new DirectoryListings();

  constructor(private readonly options: NodeHostOptions) {
    this.boundary = new Boundary(options.roots, this.directories);
  }

  /** Forgets cached reads, listings and resolved links (the server calls it when files change on disk). */
  invalidate(): void {
    this.texts.clear();
    this.listings.clear();
    this.yaml = undefined;
    this.overlaid.clear();
    this.boundary.invalidate();
    this.directories.forget();
  }

  changingPaths(): Iterable<string> {
    for (const path of this.options.overlaidPaths?.() ?? []) this.overlaid.add(path);
    return this.overlaid;
  }

  contains(file: string): boolean {
    return this.boundary.contains(fromPosix(file));
  }

  readFile(file: string): string | undefined {
    const open = this.options.overlay?.(file);
    if (open !== undefined) return this.contains(file) ? open : undefined;
    // Only files found inside are cached, and both caches are dropped together: a hit needs no check.
    if (!this.texts.has(file)) {
      if (!this.contains(file)) return undefined;
      this.texts.set(file, this.readFromDisk(fromPosix(file)));
    }
    return this.texts.get(file);
  }

  private readFromDisk(file: string): string | undefined {
    // Most files asked for are absent (.dockerignore, kustomization.yaml beside each file): a listing says
    // so without a system call, else one without building an exception for each.
    const listed = this.directories.known(file);
    if (listed === null || (listed === undefined && !fs.existsSync(file))) return undefined;
    const read = readTextFileSync(file, this.options.maxFileBytes);
    return 'text' in read ? read.text : undefined;
  }

  listFiles(dir: string): readonly string[] | undefined {
    if (!this.contains(dir)) return undefined;
    if (!this.listings.has(dir)) this.listings.set(dir, listTree(fromPosix(dir), this.directories));
    return this.listings.get(dir);
  }

  yamlFiles(): readonly string[] {
    if (!this.yaml) {
      this.yaml = this.options.roots.flatMap((root) => (listTree(root, this.directories) ?? []).filter(isYamlFile).map((f) => toPosix(path.join(root, f))));
      // Listed from the roots without following a link: the index need not ask the disk again about each.
      this.boundary.markInside(this.yaml.map(fromPosix));
    }
    return this.yaml;
  }
}

/**
 * Files under `dir` relative to it, POSIX-style, bounded. Version-control directories are listed one
 * level deep (their presence matters: a `.git/` copied into an image leaks history), never walked.
 */
function listTree(dir: string, directories: DirectoryListings): string[] | undefined {
  const out: string[] = [];
  const readdir = (abs: string): fs.Dirent[] => {
    try {
      return directories.read(abs);
    } catch {
      return [];
    }
  };
  const walk = (abs: string, rel: string, depth: number): void => {
    const entries = readdir(abs);
    for (const entry of entries) {
      if (out.length >= MAX_LISTED) return;
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isFile()) out.push(childRel);
      else if (entry.isDirectory() && entry.name !== 'node_modules') {
        if (ALWAYS_SKIPPED.has(entry.name)) {
          const inside = readdir(path.join(abs, entry.name))
            .filter((e) => e.isFile())
            .slice(0, 16);
          out.push(...inside.map((e) => `${childRel}/${e.name}`));
        } else if (depth < 12) walk(path.join(abs, entry.name), childRel, depth + 1);
      }
    }
  };
  if (!isDirectory(dir, directories)) return undefined;
  walk(dir, '', 0);
  return out.sort();
}

/** Whether `dir` is a directory (through a link): its parent's listing says so when it is no link. */
function isDirectory(dir: string, directories: DirectoryListings): boolean {
  const listed = directories.known(dir);
  if (listed === null) return false;
  if (listed && !listed.isSymbolicLink()) return listed.isDirectory();
  try {
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/** A path as the engine sees it (absolute, POSIX separators). */
export const enginePath = (p: string): string => toPosix(path.resolve(p));
