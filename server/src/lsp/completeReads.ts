// Analysis against a workspace host whose reads may be asynchronous. The engine reads synchronously; the
// web worker's host reads through the client, so it answers "unknown" for what it does not hold yet,
// fetches it, and the analysis runs again with what came in. The file system's host holds everything.
import type { WorkspaceHost } from '../engine/index';

/** The engine's host as the server drives it. */
export interface ServerWorkspaceHost extends WorkspaceHost {
  /** Forgets cached reads and listings (files changed). */
  invalidate(): void;
  /**
   * Fetches what analyses asked for that the host did not hold yet; true when anything came in, so those
   * analyses are out of date. Absent where reads are synchronous and complete (the file system).
   */
  fetchMissing?(): Promise<boolean>;
}

/** Analyses per call at most: each pass reads one level deeper (a listing, then the files in it). */
const MAX_READ_PASSES = 4;

/** `analyze()` again (after `outdated()`) while the host fetched something the previous pass missed. */
export async function untilReadsComplete<T>(host: ServerWorkspaceHost, analyze: () => T, outdated: () => void = () => undefined): Promise<T> {
  let result = analyze();
  for (let pass = 1; pass < MAX_READ_PASSES && (await host.fetchMissing?.()); pass++) {
    outdated();
    result = analyze();
  }
  return result;
}
