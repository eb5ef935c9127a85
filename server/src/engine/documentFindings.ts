// Findings of each document of a multi-document manifest, kept from the file's previous version: an edit
// in one document of a large stream re-runs only that document's per-document rules (perDocumentRules.ts).
// A document's findings are reused only when its text and everything else they were computed under (the
// settings, the file's namespace levels, line break and indentation, its neighbours' parse errors: the
// caller's `key`) are unchanged; when an earlier document grew, they move down with it.
import type { Finding, Fix, Range, RelatedInfo, TextEdit } from './model';
import { LatestVersionCache } from './latestVersionCache';
import { parseHeap } from './parse/yamlCache';

/** Findings by rule id (rules that found something): each rule's findings in one document, as if run on it alone. */
export type RuleFindings = Map<string, Finding[]>;

/** A document's kept findings, and the rules whose findings were not kept (they read the workspace, or failed). */
export interface DocumentFindings {
  byRule: RuleFindings;
  rerun: string[];
}

/** Kept findings, and what around their part they were computed in. */
export interface KeptFindings extends DocumentFindings {
  /** What around the part its findings read (a document's neighbours' parse errors): see partFindings.ts. */
  context: string;
}

interface Entry extends KeptFindings {
  /** Line the document started at when its findings were computed: they move by the difference. */
  startLine: number;
  /**
   * Whether the fixes are still lazy (edits built on first use): they then hold the version that reported
   * them. They are built when the entry is first reused, so that a kept entry never holds an older version.
   */
  lazy: boolean;
  /** The heap it keeps, in bytes (estimated). */
  size: number;
}

interface FileEntries {
  /** What every document's findings were computed under besides its text and neighbours (settings, the file's namespaces…). */
  fileKey: string;
  /** What in the file the findings of rules that read their part's context read (see partFindings.ts). */
  contextKey: string;
  byText: Map<string, Entry>;
  size: number;
}

/**
 * Estimated heap (bytes) the cache may hold: like the parse cache's limit, a large file or thousands of
 * ordinary documents. Past it the least recently analyzed files go.
 */
export const FINDINGS_CACHE_LIMIT = 128 * 1024 * 1024;
/** Heap a finding takes besides its message: its range and plain fixes, roughly. */
const FINDING_SIZE = 512;

/** The documents of one file's version being analyzed: what its previous version left, what this one keeps. */
export class FileVersion {
  private readonly next = new Map<string, Entry>();
  private size = 0;

  constructor(
    private readonly uri: string,
    private readonly fileKey: string,
    private readonly contextKey: string,
    private readonly previous: Map<string, Entry> | undefined,
    /** Whether the file's context key differs from the previous version's (whose entries are kept all the same). */
    readonly contextChanged: boolean,
  ) {}

  /** The findings computed for a document of this text, moved to `startLine`, with their context; undefined when there are none. */
  reuse(text: string, startLine: number): KeptFindings | undefined {
    let entry = this.next.get(text) ?? this.previous?.get(text);
    if (!entry) return undefined;
    if (entry.lazy) materialize(entry, text);
    const lines = startLine - entry.startLine;
    // Most parts have no findings: nothing to move.
    if (lines !== 0 && entry.byRule.size > 0) entry = { ...entry, startLine, byRule: new Map([...entry.byRule].map(([id, findings]) => [id, findings.map((f) => moved(f, lines))])) };
    if (!this.next.has(text)) this.add(text, entry);
    return entry;
  }

  /**
   * Keeps a document's findings for the next version (the entry reused, if any, is replaced); with
   * `buildFixes`, its fixes are built now rather than when the entry is first reused.
   */
  keep(text: string, context: string, startLine: number, found: DocumentFindings, buildFixes = false): void {
    const old = this.next.get(text);
    if (old) this.size -= old.size;
    const entry: Entry = { ...found, context, startLine, lazy: true, size: entrySize(text, found.byRule, true) };
    if (buildFixes) materialize(entry, text);
    this.add(text, entry);
  }

  /** This version's entries replace the previous version's. */
  end(): void {
    cache.store(this.uri, { fileKey: this.fileKey, contextKey: this.contextKey, byText: this.next, size: this.size });
  }

  private add(text: string, entry: Entry): void {
    this.next.set(text, entry);
    this.size += entry.size;
  }
}

/**
 * The heap an entry keeps: its text and findings, and while it has lazy fixes, the parse of the document
 * they were reported on (a 750 KB Pod kept 25 MB when this counted its text and messages alone).
 */
function entrySize(text: string, byRule: RuleFindings, lazy: boolean): number {
  let size = 2 * text.length;
  let fixes = false;
  for (const findings of byRule.values())
    for (const f of findings) {
      size += 2 * f.message.length + FINDING_SIZE;
      fixes ||= f.fixes.length > 0;
    }
  return lazy && fixes ? size + parseHeap(text) : size;
}

const cache = new LatestVersionCache<FileEntries>(FINDINGS_CACHE_LIMIT);

/**
 * Starts analyzing a version of file `uri` whose documents are judged under `fileKey`: its previous
 * version's entries are handed over when they were computed under the same key, and replaced at `end()`.
 * `contextKey` is what rules that read their part's context read of the file besides it: the version
 * says whether it changed.
 */
export function beginVersion(uri: string, fileKey: string, contextKey = ''): FileVersion {
  const previous = cache.take(uri);
  const same = previous?.fileKey === fileKey;
  return new FileVersion(uri, fileKey, contextKey, same ? previous.byText : undefined, same && previous.contextKey !== contextKey);
}

/** Drops the findings kept for a file (the server calls it when the document is closed). */
export function forgetDocumentFindings(uri: string): void {
  cache.take(uri);
}

/** Estimated heap held by the cache, in bytes. */
export function documentFindingsSize(): number {
  return cache.size;
}

/** Builds the entry's lazy fixes now, as plain fixes, so that it no longer holds the version that reported them. */
function materialize(entry: Entry, text: string): void {
  for (const [id, findings] of entry.byRule)
    entry.byRule.set(
      id,
      findings.map((f) => (f.fixes.length ? { ...f, fixes: f.fixes.map(plainFix) } : f)),
    );
  entry.lazy = false;
  entry.size = entrySize(text, entry.byRule, false);
}

function plainFix(fix: Fix): Fix {
  const plain: Fix = { title: fix.title, applicability: fix.applicability, edits: fix.edits };
  // A lazy fix has `fileEdits` (undefined when it does not apply) exactly when its rule gave some.
  if ('fileEdits' in fix) plain.fileEdits = fix.fileEdits;
  return plain;
}

/** A finding of a document that moved by `lines`; what it says of other files stays. */
function moved(f: Finding, lines: number): Finding {
  const out: Finding = { ...f, range: movedRange(f.range, lines), fixes: f.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((e): TextEdit => ({ ...e, range: movedRange(e.range, lines) })) })) };
  if (f.related) out.related = f.related.map((r): RelatedInfo => (r.path === undefined ? { ...r, range: movedRange(r.range, lines) } : r));
  return out;
}

function movedRange(r: Range, lines: number): Range {
  return { start: { line: r.start.line + lines, character: r.start.character }, end: { line: r.end.line + lines, character: r.end.character } };
}
