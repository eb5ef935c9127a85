// Kustomize around a file, read through the workspace host: the kustomization of a directory, and
// whether the file under analysis is one of a kustomization's patches (so it holds only part of an object).
import { SourceFile } from '../source';
import { KUSTOMIZATION_NAMES, parseKustomization, type Kustomization } from '../parse/kustomization';
import { dirname, resolvePath } from './paths';
import type { WorkspaceFacts } from './facts';

/** How many directories above a patch its kustomization may be (`overlays/prod/patches/x.yaml` is one). */
const PATCH_SEARCH_LEVELS = 3;
/** Kustomizations judged for one base file: past it the rest are left out. */
const MAX_OVERLAYS = 16;
/** How deep bases may nest: past it the rest is left out. */
export const MAX_KUSTOMIZE_DEPTH = 10;

/** A resource that names a file rather than a base directory. */
const MANIFEST_FILE = /\.(ya?ml|json)$/i;

/** A kustomization file found in the workspace, with its directory. */
export interface FoundKustomization {
  path: string;
  dir: string;
  kustomization: Kustomization;
}

/** The kustomization of `dir`, if it has one (every name it may have is read, so creating one re-checks the file). */
export function kustomizationIn(facts: Pick<WorkspaceFacts, 'read'>, dir: string): { path: string; kustomization: Kustomization } | undefined {
  for (const name of KUSTOMIZATION_NAMES) {
    const path = resolvePath(dir, name);
    const text = facts.read(path);
    if (text === undefined) continue;
    const kustomization = parseKustomization(new SourceFile(path, text));
    return kustomization ? { path, kustomization } : undefined;
  }
  return undefined;
}

/** The kustomizations in the file's directory or a few above that list it as a patch, nearest first (read as asked for). */
export function* kustomizationsPatching(facts: WorkspaceFacts): Generator<FoundKustomization> {
  let dir = facts.documentDir;
  for (let level = 0; level <= PATCH_SEARCH_LEVELS && facts.inside(dir); level++) {
    const found = kustomizationIn(facts, dir);
    const base = dir;
    if (found?.kustomization.patchFiles.some((p) => resolvePath(base, p.value) === facts.documentPath)) yield { ...found, dir };
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
}

/** Whether a kustomization in the file's directory or a few above lists it as a patch. */
export function isKustomizePatch(facts: WorkspaceFacts): boolean {
  return !kustomizationsPatching(facts).next().done;
}

/** The workspace's kustomizations that build on the file under analysis, through any depth of bases (at most MAX_OVERLAYS). */
export function kustomizationsIncluding(facts: WorkspaceFacts): FoundKustomization[] {
  const out: FoundKustomization[] = [];
  const memo = new Map<string, boolean>();
  for (const path of facts.kustomizationFiles()) {
    if (out.length >= MAX_OVERLAYS) break;
    const dir = dirname(path);
    const found = kustomizationIn(facts, dir);
    if (found?.path === path && includes(facts, dir, found.kustomization, [dir], memo)) out.push({ ...found, dir });
  }
  return out;
}

/** Whether the kustomization in `dir` lists the document, or a base directory whose kustomization does. */
function includes(facts: WorkspaceFacts, dir: string, kustomization: Kustomization, chain: string[], memo: Map<string, boolean>): boolean {
  for (const ref of kustomization.resources) {
    const path = resolvePath(dir, ref.value);
    if (path === facts.documentPath) return true;
    // A manifest file is no base directory: not probed for a kustomization.
    if (MANIFEST_FILE.test(path) || !facts.inside(path) || chain.includes(path) || chain.length > MAX_KUSTOMIZE_DEPTH) continue;
    let found = memo.get(path);
    if (found === undefined) {
      const base = kustomizationIn(facts, path);
      found = base ? includes(facts, path, base.kustomization, [...chain, path], memo) : false;
      memo.set(path, found);
    }
    if (found) return true;
  }
  return false;
}
