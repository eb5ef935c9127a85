// Workspace file access for the language server in the web worker: counterpart of host/workspace.ts
// (the functions the server uses), substituted for it by scripts/bundle.mjs. Reads and listings go
// through the client; each export is typed as its Node counterpart, so the two cannot drift apart.
import { isCandidate, parseConfigFile } from '../engine/index';
import type * as NodeFiles from '../host/workspace';
import { ALWAYS_SKIPPED, CONFIG_FILE_NAMES, excluded } from '../host/textFiles';
import { clientFiles } from './platform';

/** A config file is a few lines; anything this large is not one (as on the desktop). */
const MAX_CONFIG_BYTES = 1024 * 1024;

export const readTextFile: typeof NodeFiles.readTextFile = async (file, maxBytes) => {
  const read = await clientFiles.read(file, maxBytes);
  return 'missing' in read ? { skipped: 'cannot read: not found' } : read;
};

/** The candidate files under each root, sorted; excluded and version-control directories are left out. */
export const walkWorkspace: typeof NodeFiles.walkWorkspace = async function* (roots, opts) {
  const seen = new Set<string>();
  for (const root of roots) {
    if (!opts.contains(root)) {
      yield { path: root, skipped: 'outside the workspace', explicit: true };
      continue;
    }
    const listed = await clientFiles.list(root);
    if (listed === undefined) yield { path: root, skipped: 'cannot read directory' };
    for (const rel of listed ?? []) {
      if (opts.signal?.aborted) return;
      const segments = rel.split('/');
      if (segments.some((s) => ALWAYS_SKIPPED.has(s)) || excluded(rel, opts.exclude) || !isCandidate(segments[segments.length - 1])) continue;
      const path = `${root}/${rel}`;
      if (seen.has(path)) continue;
      seen.add(path);
      yield { path };
    }
  }
};

export const loadWorkspaceConfig: typeof NodeFiles.loadWorkspaceConfig = async (root) => {
  for (const name of CONFIG_FILE_NAMES) {
    const file = `${root}/${name}`;
    const read = await clientFiles.read(file, MAX_CONFIG_BYTES);
    if ('missing' in read) continue;
    if ('skipped' in read) return { config: {}, errors: [`${name}: ${read.skipped}`], path: file };
    const parsed = parseConfigFile(read.text);
    return { config: parsed.config, errors: parsed.errors.map((e) => `${name}: ${e}`), path: file };
  }
  return { config: {}, errors: [] };
};
