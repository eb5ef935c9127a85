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

  constructor(private readonly options: NodeHostOptions) {
    this.boundary = new Boundary(options.roots);
  }

  /** Forgets cached reads, listings and resolved links (the server calls it when files change on disk). */
  invalidate(): void {
    this.texts.clear();
    this.listings.clear();
    this.yaml = undefined;
    this.overlaid.clear();
    this.boundary.invalidate();
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
    const read = readTextFileSync(file, this.options.maxFileBytes);
    return 'text' in read ? read.text : undefined;
  }

  listFiles(dir: string): readonly string[] | undefined {
    if (!this.contains(dir)) return undefined;
    if (!this.listings.has(dir)) this.listings.set(dir, listTree(fromPosix(dir)));
    return this.listings.get(dir);
  }

  yamlFiles(): readonly string[] {
    if (!this.yaml) {
      this.yaml = this.options.roots.flatMap((root) => (listTree(root) ?? []).filter(isYamlFile).map((f) => toPosix(path.join(root, f))));
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
function listTree(dir: string): string[] | undefined {
  const out: string[] = [];
  const walk = (abs: string, rel: string, depth: number): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(abs, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (out.length >= MAX_LISTED) return;
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isFile()) out.push(childRel);
      else if (entry.isDirectory() && entry.name !== 'node_modules') {
        if (ALWAYS_SKIPPED.has(entry.name)) {
          const inside = safeReaddir(path.join(abs, entry.name))
            .filter((e) => e.isFile())
            .slice(0, 16);
          out.push(...inside.map((e) => `${childRel}/${e.name}`));
        } else if (depth < 12) walk(path.join(abs, entry.name), childRel, depth + 1);
      }
    }
  };
  try {
    if (!fs.statSync(dir).isDirectory()) return undefined;
  } catch {
    return undefined;
  }
  walk(dir, '', 0);
  return out.sort();
}

function safeReaddir(dir: string): fs.Dirent[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

/** A path as the engine sees it (absolute, POSIX separators). */
export const enginePath = (p: string): string => toPosix(path.resolve(p));
