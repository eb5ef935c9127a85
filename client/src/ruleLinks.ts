// The server sends this client compact diagnostics (shared/protocol.ts, InitializationOptions): without
// the source and the link to the rule page, which every diagnostic of a rule shares. The client adds both
// back before the editor sees them, from the rule list it asks the server for once. Written against the
// shape of the editor's diagnostics rather than the vscode module, so that a test can run it.
import { DIAGNOSTIC_SOURCE, type RuleSummary } from '../../shared/protocol';

/** What is completed of an editor diagnostic: its source, and its code, which may carry a link (`L`). */
export interface CompletableDiagnostic<L> {
  source?: string;
  code?: string | number | { value: string | number; target: L };
}

type HandleDiagnostics<U, D> = (uri: U, diagnostics: D[], next: (uri: U, diagnostics: D[]) => void) => void;

/**
 * A `handleDiagnostics` middleware completing each publication, in arrival order, once the rule pages are
 * known: `rules` asks the server for them, on the first publication; `link` turns a page's URI into the
 * code's target. A failed request (the server restarting) leaves that publication without links, and the
 * next publication asks again.
 */
export function completingDiagnostics<U, L, D extends CompletableDiagnostic<L>>(rules: () => PromiseLike<RuleSummary[]>, link: (doc: string) => L): HandleDiagnostics<U, D> {
  let pages: Promise<Map<string, L>> | undefined;
  // Publications wait for the pages in turn, so an older one never lands after a newer one.
  let previous = Promise.resolve();
  const loadPages = (): Promise<Map<string, L>> =>
    Promise.resolve()
      .then(rules)
      .then(
        (list) => new Map(list.map((r) => [r.id, link(r.doc)])),
        () => {
          pages = undefined;
          return new Map<string, L>();
        },
      );
  return (uri, diagnostics, next) => {
    const known = (pages ??= loadPages());
    previous = previous.then(async () => {
      const links = await known;
      for (const d of diagnostics) {
        d.source ??= DIAGNOSTIC_SOURCE;
        const target = typeof d.code === 'string' ? links.get(d.code) : undefined;
        if (target !== undefined) d.code = { value: d.code as string, target };
      }
      try {
        next(uri, diagnostics);
      } catch (e) {
        console.error('bulkhead: showing diagnostics failed', e); // the next publication still goes through
      }
    });
  };
}
