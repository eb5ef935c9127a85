// File permission modes (chmod arguments, COPY --chmod, Kubernetes volume modes): whether one lets any
// user of the system write, and the same mode without that.

/** An octal mode, 3 or 4 digits (`777`, `0777`, `2775`). */
const OCTAL = /^0?[0-7]{3,4}$/;
/** One symbolic clause: who, then operations (`a+w`, `go-w`, `o=rwx`, `+w`). */
const CLAUSE = /^([ugoa]*)((?:[-+=][rwxXst]*)+)$/;

/** Places whose point is to be world-writable, with the sticky bit that keeps users apart. */
const SHARED_DIRS = /^\/(tmp|var\/tmp|dev\/shm|run\/lock|var\/lock)(\/|$)/;

export const isSharedDir = (path: string): boolean => SHARED_DIRS.test(path.replace(/\/+/g, '/'));

/** Whether a numeric mode (the permission bits) grants write to others, without the sticky bit that tames it. */
export function numericGrantsOthersWrite(mode: number): boolean {
  return (mode & 0o002) !== 0 && (mode & 0o1000) === 0;
}

/**
 * Whether a chmod mode gives every user write access: octal with the others-write bit (`777`, `666`;
 * not `1777`, the sticky mode of a shared directory), or a symbolic clause adding `w` for `o` or `a`.
 * `+w` without a who is filtered by the umask, which keeps others out: not counted.
 */
export function grantsOthersWrite(mode: string): boolean {
  if (OCTAL.test(mode)) return numericGrantsOthersWrite(parseInt(mode, 8));
  return mode.split(',').some((clause) => {
    const m = CLAUSE.exec(clause);
    if (!m || !/[oa]/.test(m[1])) return false;
    // The last operation on w decides (`o+w-w` is not writable); only + and = grant.
    let grants = false;
    for (const op of m[2].match(/[-+=][rwxXst]*/g) ?? []) {
      if (op[0] === '-' && op.includes('w')) grants = false;
      else if (op[0] !== '-') grants = op.includes('w') || (op[0] === '=' ? false : grants);
    }
    return grants;
  });
}

/** The octal mode without the others-write bit, written as it was (`777` → `775`, `0666` → `0664`); undefined for symbolic modes. */
export function withoutOthersWrite(mode: string): string | undefined {
  if (!OCTAL.test(mode)) return undefined;
  const last = parseInt(mode[mode.length - 1], 8) & ~0o2;
  return mode.slice(0, -1) + last.toString(8);
}
