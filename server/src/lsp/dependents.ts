// Which open documents depend on which other files: the engine reports the paths an analysis read
// through the workspace host (and whether it used the manifest index); a change to one of them
// re-checks the dependents, so editing a Dockerfile updates the Compose file's findings in place.
import type { AnalysisDetails } from '../engine/index';

const YAML = /\.ya?ml$/i;

export class Dependents {
  private readonly reads = new Map<string, { paths: Set<string>; manifests: boolean }>();

  record(uri: string, result: Pick<AnalysisDetails, 'dependencies' | 'usesManifestIndex'>): void {
    if (result.dependencies.length === 0 && !result.usesManifestIndex) this.reads.delete(uri);
    else this.reads.set(uri, { paths: new Set(result.dependencies), manifests: result.usesManifestIndex });
  }

  forget(uri: string): void {
    this.reads.delete(uri);
  }

  /**
   * URIs whose last analysis read `path` or indexed manifests (when it is YAML). `created` also takes
   * those that listed a directory holding it: a new or deleted file changes a listing, an edit does not.
   */
  of(path: string, created = false): string[] {
    const out: string[] = [];
    for (const [uri, { paths, manifests }] of this.reads) {
      if ((manifests && YAML.test(path)) || paths.has(path) || (created && [...paths].some((p) => path.startsWith(`${p}/`)))) out.push(uri);
    }
    return out;
  }
}
