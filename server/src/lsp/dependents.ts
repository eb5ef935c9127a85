// Which open documents depend on which other files: the engine reports the paths an analysis read
// through the workspace host (and whether it used the manifest index); a change to one of them
// re-checks the dependents, so editing a Dockerfile updates the Compose file's findings in place.
import type { AnalysisDetails } from '../engine/index';

/** What changed about a file besides its text. */
export interface FileChange {
  /** It was created or deleted: the listings of the directories holding it changed. */
  listing?: boolean;
  /** The facts the manifest index keeps of it changed. */
  index?: boolean;
}

export class Dependents {
  private readonly reads = new Map<string, { paths: Set<string>; manifests: boolean }>();

  record(uri: string, result: Pick<AnalysisDetails, 'dependencies' | 'usesManifestIndex'>): void {
    if (result.dependencies.length === 0 && !result.usesManifestIndex) this.reads.delete(uri);
    else this.reads.set(uri, { paths: new Set(result.dependencies), manifests: result.usesManifestIndex });
  }

  forget(uri: string): void {
    this.reads.delete(uri);
  }

  /** Whether the last analysis of any document but `uri` used the manifest index (else no change to `uri` concerns anyone through it). */
  othersUseIndex(uri: string): boolean {
    for (const [other, { manifests }] of this.reads) if (manifests && other !== uri) return true;
    return false;
  }

  /** URIs whose last analysis read `path`, listed a directory holding it (`listing`), or used the manifest index (`index`). */
  of(path: string, change: FileChange = {}): string[] {
    const out: string[] = [];
    for (const [uri, { paths, manifests }] of this.reads) {
      if ((change.index && manifests) || paths.has(path) || (change.listing && [...paths].some((p) => path.startsWith(`${p}/`)))) out.push(uri);
    }
    return out;
  }
}
