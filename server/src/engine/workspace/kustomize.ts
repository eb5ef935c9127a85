// Kustomize around a file, read through the workspace host: the kustomization of a directory, and
// whether the file under analysis is one of a kustomization's patches (so it holds only part of an object).
import { SourceFile } from '../source';
import { KUSTOMIZATION_NAMES, parseKustomization, type Kustomization } from '../parse/kustomization';
import { dirname, resolvePath } from './paths';
import type { WorkspaceFacts } from './facts';

/** How many directories above a patch its kustomization may be (`overlays/prod/patches/x.yaml` is one). */
const PATCH_SEARCH_LEVELS = 3;

/** The kustomization of `dir`, if it has one (every name it may have is read, so creating one re-checks the file). */
export function kustomizationIn(facts: WorkspaceFacts, dir: string): { path: string; kustomization: Kustomization } | undefined {
  for (const name of KUSTOMIZATION_NAMES) {
    const path = resolvePath(dir, name);
    const text = facts.read(path);
    if (text === undefined) continue;
    const kustomization = parseKustomization(new SourceFile(path, text));
    return kustomization ? { path, kustomization } : undefined;
  }
  return undefined;
}

/** Whether a kustomization in the file's directory or a few above lists it as a patch. */
export function isKustomizePatch(facts: WorkspaceFacts): boolean {
  let dir = facts.documentDir;
  for (let level = 0; level <= PATCH_SEARCH_LEVELS && facts.inside(dir); level++) {
    const found = kustomizationIn(facts, dir);
    const base = dir;
    if (found?.kustomization.patchFiles.some((p) => resolvePath(base, p.value) === facts.documentPath)) return true;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return false;
}
