// Kustomize around a file, read through the workspace host: the kustomization of a directory, and
// whether the file under analysis is one of a kustomization's patches (so it holds only part of an object).
import { SourceFile } from '../source';
import { KUSTOMIZATION_NAMES, parseKustomization, type Kustomization } from '../parse/kustomization';
import { dirname, resolvePath } from './paths';
import { FileCache } from './fileCache';
import type { RecordedReads, WorkspaceFacts } from './facts';

/** How many directories above a patch its kustomization may be (`overlays/prod/patches/x.yaml` is one). */
const PATCH_SEARCH_LEVELS = 3;
/** Kustomizations judged for one base file: past it the rest are left out. */
const MAX_OVERLAYS = 16;
/** How deep bases may nest: past it the rest is left out. */
export const MAX_KUSTOMIZE_DEPTH = 10;

/** Whether a `resources` entry names a manifest file (never probed for a kustomization) rather than a base directory. */
export const isManifestFile = (path: string): boolean => /\.(ya?ml|json)$/i.test(path);

/** Kustomizations parsed, per text: every analysis of a file in a kustomized tree asks for those around it. */
const parsedKustomizations = new FileCache<Kustomization | undefined>(2_000);

/** A kustomization file found in the workspace, with its directory. */
export interface FoundKustomization {
  path: string;
  dir: string;
  kustomization: Kustomization;
}

/** A kustomization that builds on a file; `retargets`: it or one between it and the file sets a namespace or images. */
export interface IncludingKustomization extends FoundKustomization {
  retargets: boolean;
}

/** The kustomization of `dir`, if it has one (every name it may have is read, so creating one re-checks the file). */
export function kustomizationIn(facts: Pick<WorkspaceFacts, 'read'>, dir: string): { path: string; kustomization: Kustomization } | undefined {
  for (const name of KUSTOMIZATION_NAMES) {
    const path = resolvePath(dir, name);
    const text = facts.read(path);
    if (text === undefined) continue;
    const kustomization = parsedKustomizations.get(path, text, () => parseKustomization(new SourceFile(path, text)));
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

/**
 * The kustomizations of the workspace, the files each includes, and those that change nothing, as of
 * what was read to find them: computed for the whole workspace at once and kept while those files read
 * the same, so a file's analysis costs a lookup rather than a walk of every kustomization.
 */
interface WorkspaceKustomizations {
  byFile: ReadonlyMap<string, readonly IncludingKustomization[]>;
  /** Kustomization files that, with their bases, have no patch and no transformer: their objects are their bases' as written. */
  inert: ReadonlySet<string>;
}
let kept: { files: readonly string[]; reads: RecordedReads; kustomizations: WorkspaceKustomizations } | undefined;

function workspaceKustomizations(facts: WorkspaceFacts): WorkspaceKustomizations {
  const files = facts.kustomizationFiles();
  const same = kept && kept.files.length === files.length && kept.files.every((f, i) => f === files[i]) && facts.readsSame(kept.reads);
  if (!same || !kept) {
    const recorder = facts.recorder();
    kept = { files, reads: recorder.reads, kustomizations: walkKustomizations({ read: recorder.read, inside: (path) => facts.inside(path) }, files) };
  }
  return kept.kustomizations;
}

/** The workspace's kustomizations that build on the file under analysis, through any depth of bases (at most MAX_OVERLAYS). */
export function kustomizationsIncluding(facts: WorkspaceFacts): readonly IncludingKustomization[] {
  return workspaceKustomizations(facts).byFile.get(facts.documentPath) ?? [];
}

/** Whether the workspace's kustomization at `path` and its bases patch or transform nothing (false when it is not one of the workspace's). */
export function isInertKustomization(facts: WorkspaceFacts, path: string): boolean {
  return workspaceKustomizations(facts).inert.has(path);
}

type Reader = Pick<WorkspaceFacts, 'read' | 'inside'>;

/** Each file a kustomization of `files` includes → those kustomizations, in the order of `files` (at most MAX_OVERLAYS per file); the inert ones. */
function walkKustomizations(reader: Reader, files: readonly string[]): WorkspaceKustomizations {
  const byFile = new Map<string, IncludingKustomization[]>();
  const inert = new Set<string>();
  const memo = new Map<string, Included>();
  for (const path of files) {
    const dir = dirname(path);
    const found = kustomizationIn(reader, dir);
    if (found?.path !== path) continue;
    const { paths, changes } = included(reader, dir, found.kustomization, [dir], memo);
    if (!changes) inert.add(path);
    for (const [file, retargets] of paths) {
      const overlays = byFile.get(file) ?? [];
      byFile.set(file, overlays);
      if (overlays.length < MAX_OVERLAYS) overlays.push({ ...found, dir, retargets });
    }
  }
  return { byFile, inert };
}

/**
 * What a kustomization includes: each path → whether it or a base on the way to the path sets a
 * namespace or images; `changes`: whether it or a base has a patch or a transformer.
 */
interface Included {
  paths: ReadonlyMap<string, boolean>;
  changes: boolean;
}
const NOTHING: Included = { paths: new Map(), changes: false };

/** The fields by which a kustomization changes the objects of its resources (the build applies each). */
const PATCHES_AND_TRANSFORMERS = ['patches', 'patchesStrategicMerge', 'patchesJson6902', 'namespace', 'namePrefix', 'nameSuffix', 'commonLabels', 'labels', 'images', 'replicas'];

/** What the kustomization in `dir` includes: the paths it lists, and what its bases' kustomizations include (memoized per base). */
function included(reader: Reader, dir: string, kustomization: Kustomization, chain: string[], memo: Map<string, Included>): Included {
  const { doc } = kustomization;
  const has = (key: string) => doc.get(doc.contents, key) !== undefined;
  const retargets = has('namespace') || has('images');
  let changes = PATCHES_AND_TRANSFORMERS.some(has);
  const paths = new Map<string, boolean>();
  const add = (path: string, below: boolean) => paths.set(path, retargets || below || paths.get(path) === true);
  for (const ref of kustomization.resources) {
    const path = resolvePath(dir, ref.value);
    add(path, false);
    // A manifest file is no base directory: not probed for a kustomization.
    if (isManifestFile(path) || !reader.inside(path) || chain.includes(path) || chain.length > MAX_KUSTOMIZE_DEPTH) continue;
    let found = memo.get(path);
    if (found === undefined) {
      const base = kustomizationIn(reader, path);
      found = base ? included(reader, path, base.kustomization, [...chain, path], memo) : NOTHING;
      memo.set(path, found);
    }
    for (const [file, below] of found.paths) add(file, below);
    changes ||= found.changes;
  }
  return { paths, changes };
}
