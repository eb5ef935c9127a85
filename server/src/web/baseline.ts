// Baselines in the web worker (counterpart of host/baseline.ts, substituted by scripts/webBundles.mjs): the
// worker reads workspace files through the editor, one request at a time, and has no synchronous hash; a
// baseline is a CI and desktop feature, so the browser says it is not read and never compares fingerprints.
import type * as NodeBaseline from '../host/baseline';

export type { InBaseline } from '../host/baseline';

export const readFolderBaseline: typeof NodeBaseline.readFolderBaseline = async (_folder, file) => ({ problem: `bulkhead.baseline.file ${file}: baselines are not read in the browser` });

/** No baseline is read in the browser, so no finding needs a fingerprint. */
export const fingerprints: typeof NodeBaseline.fingerprints = () => [];
