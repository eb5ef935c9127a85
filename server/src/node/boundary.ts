// The workspace boundary on the real file system: the directories nothing is read from, listed in or
// written to outside of. A path is judged by where it really leads, symbolic links resolved, so a link
// inside the workspace that points elsewhere is outside, and so is a dangling or looping one.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Verdicts kept before the cache starts over (a workspace listing is bounded at 20,000 files per tree). */
const MAX_VERDICTS = 100_000;

export class Boundary {
  private readonly verdicts = new Map<string, boolean>();
  private realRoots?: string[];

  /** `roots`: the workspace's directories (the editor's folders, the CLI's scanned directories or --root). */
  constructor(readonly roots: readonly string[]) {}

  contains(p: string): boolean {
    const abs = path.resolve(p);
    let verdict = this.verdicts.get(abs);
    if (verdict === undefined) {
      const real = realTarget(abs);
      verdict = real !== undefined && this.realRootsNow().some((root) => isWithin(root, real));
      if (this.verdicts.size >= MAX_VERDICTS) this.verdicts.clear();
      this.verdicts.set(abs, verdict);
    }
    return verdict;
  }

  /** Forgets what paths resolved to: links may have changed on disk. */
  invalidate(): void {
    this.verdicts.clear();
    this.realRoots = undefined;
  }

  private realRootsNow(): string[] {
    this.realRoots ??= this.roots.map((r) => realTarget(path.resolve(r))).filter((r): r is string => r !== undefined);
    return this.realRoots;
  }
}

function isWithin(root: string, p: string): boolean {
  return p === root || p.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

/**
 * Where `p` really leads: its real path; for a path that does not exist yet, the real path of its nearest
 * existing ancestor joined with the rest (a file a fix would create). Undefined for a dangling link (writing
 * to it creates its target, wherever that is), a link loop, or anything that cannot be resolved.
 */
function realTarget(p: string): string | undefined {
  try {
    return fs.realpathSync.native(p);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if ((code !== 'ENOENT' && code !== 'ENOTDIR') || isLink(p)) return undefined;
    const parent = path.dirname(p);
    const real = parent === p ? undefined : realTarget(parent);
    return real === undefined ? undefined : path.join(real, path.basename(p));
  }
}

function isLink(p: string): boolean {
  try {
    return fs.lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}
