// The workspace boundary on the real file system: the directories nothing is read from, listed in or
// written to outside of. A path is judged by where it really leads, symbolic links resolved, so a link
// inside the workspace that points elsewhere is outside, and so is a dangling or looping one.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isWithin } from './paths';
import type { DirectoryListings } from './directories';

/** Verdicts kept before the cache starts over (a workspace listing is bounded at 20,000 files per tree). */
const MAX_VERDICTS = 100_000;

export class Boundary {
  private readonly verdicts = new Map<string, boolean>();
  private readonly resolvedRoots: readonly string[];
  private realRoots?: string[];

  /**
   * `roots`: the workspace's directories (the editor's folders, the CLI's scanned directories or --root);
   * `listings`: directories already listed, which say what is at a path (a link or not, or nothing) without an lstat.
   */
  constructor(
    readonly roots: readonly string[],
    private readonly listings?: DirectoryListings,
  ) {
    this.resolvedRoots = roots.map((r) => path.resolve(r));
  }

  /** Cached by the path as given: the workspace index asks about every YAML file on every analysis. */
  contains(p: string): boolean {
    let verdict = this.verdicts.get(p);
    if (verdict === undefined) {
      verdict = this.judge(path.resolve(p));
      if (this.verdicts.size >= MAX_VERDICTS) this.verdicts.clear();
      this.verdicts.set(p, verdict);
    }
    return verdict;
  }

  /** Paths a listing found from a root without following any link: inside, with no further look at the disk. */
  markInside(paths: readonly string[]): void {
    for (const p of paths) this.verdicts.set(p, true);
  }

  /** Forgets what paths resolved to: links may have changed on disk. */
  invalidate(): void {
    this.verdicts.clear();
    this.realRoots = undefined;
  }

  /**
   * A link lies where it really leads (a dangling or looping one nowhere). Anything else, or nothing yet (a
   * file a fix would create), lies where its directory does: one lstat per path, each directory judged once.
   */
  private judge(abs: string): boolean {
    const listed = this.listings?.known(abs);
    const stat = listed === undefined ? lstat(abs) : listed;
    if (stat?.isSymbolicLink()) {
      const real = realpath(abs);
      return real !== undefined && this.realRootsNow().some((root) => isWithin(root, real));
    }
    if (stat && (this.resolvedRoots.includes(abs) || this.realRootsNow().includes(abs))) return true;
    const parent = path.dirname(abs);
    return parent !== abs && this.contains(parent);
  }

  private realRootsNow(): string[] {
    this.realRoots ??= this.roots.map((r) => realpath(r)).filter((r): r is string => r !== undefined);
    return this.realRoots;
  }
}

function lstat(p: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(p, { throwIfNoEntry: false });
  } catch {
    return undefined; // ENOTDIR and the like: nothing there
  }
}

function realpath(p: string): string | undefined {
  try {
    return fs.realpathSync.native(p);
  } catch {
    return undefined;
  }
}
