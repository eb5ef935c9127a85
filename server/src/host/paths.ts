// Path containment, lexical: the Boundary asks it of real paths (links resolved first), the language
// server's settings of workspace-folder paths. Node's `path` here; the web bundles swap in web/path.ts.
import * as path from 'node:path';

/** Whether `p` is `root` or inside it (both absolute and normalized; case as the platform compares it). */
export function isWithin(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return !path.isAbsolute(rel) && rel !== '..' && !rel.startsWith('..' + path.sep);
}
