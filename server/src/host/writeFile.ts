// Writing fixes to disk (CLI --fix) without leaving the workspace or writing through a symbolic link.
import * as path from 'node:path';
import { constants, promises as fs } from 'node:fs';

/** Refuses to follow a link at the last step of the path; 0 where the platform has no such flag. */
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

export interface WriteOptions {
  /** The file does not exist yet: create it (and its directories), and fail if anything (a link included) appears there meanwhile. */
  create: boolean;
  /** A created file holds a credential: readable and writable by its owner only. */
  private?: boolean;
  /** The workspace boundary (links resolved). */
  contains: (path: string) => boolean;
}

/**
 * Rewrites `file` with `edit(current text)`, or creates it with `edit('')`. Refused (with the reason as
 * the error's message) when the path is outside the workspace, a symbolic link or not a regular file (a
 * FIFO would block the read); the file is opened
 * with O_NOFOLLOW (and O_EXCL to create), so a link swapped in after the check fails the write instead of
 * redirecting it.
 */
export async function editWorkspaceFile(file: string, edit: (current: string) => string, options: WriteOptions): Promise<void> {
  if (!options.contains(file)) throw new Error('outside the workspace');
  const stat = await fs.lstat(file).catch(() => undefined);
  if (stat?.isSymbolicLink()) throw new Error('a symbolic link (fix the file it points to)');
  if (stat && !stat.isFile()) throw new Error('not a regular file');
  // Inside the boundary, with links resolved: a directory that leads out made `contains` false above.
  if (options.create) await fs.mkdir(path.dirname(file), { recursive: true });
  const flags = constants.O_RDWR | NO_FOLLOW | (options.create ? constants.O_CREAT | constants.O_EXCL : 0);
  const handle = await fs.open(file, flags, options.private ? 0o600 : 0o666);
  try {
    const current = options.create ? '' : await handle.readFile('utf8');
    const next = edit(current);
    if (next === current && !options.create) return;
    await handle.truncate(0);
    await handle.write(next, 0, 'utf8');
  } finally {
    await handle.close();
  }
}
