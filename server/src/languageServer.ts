// The Bulkhead language server: diagnostics as you type, hover, quick-fixes, fix-all and the workspace
// scan. Protocol wiring only; analysis is the engine's. Loaded by the start-up entry (server.ts) once it
// has answered `initialize`, which hands it the client's parameters (`initialize` below).
import { CancellationTokenSource, DidChangeWatchedFilesNotification, FileChangeType, type CancellationToken, type InitializeParams, type WorkDoneProgressReporter } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  analyze,
  DEFAULT_CONFIG,
  expressionVerdictAt,
  forgetDocumentFindings,
  forgetParses,
  forgetShellParses,
  indexedFactsOf,
  isYamlFile,
  podSecuritySummaryOf,
  ruleMetas,
  type AnalysisDetails,
} from './engine/index';
import { LatestAnalyses, setDocsUri, toDiagnostics, tooLargeAnalysis, type BaselineView, type DocumentAnalysis } from './lsp/diagnostics';
import { OpenDocuments } from './lsp/documents';
import { codeActions } from './lsp/codeActions';
import { hoverAt, hoverClientOf, labelInFolders, type HoverClient } from './lsp/hover';
import { Scheduler } from './lsp/scheduler';
import { Settings } from './lsp/settings';
import { WorkspaceScanner } from './lsp/workspaceScan';
import { RULES_METHOD, SCAN_METHOD, type InitializationOptions, type ScanParams } from '../../shared/protocol';
import { ruleSummaries } from './lsp/ruleList';
import { pathToUri, uriToPath } from './lsp/uris';
import { connection } from './host/connection';
import { enginePath, newWorkspaceHost } from './host/platform';
import { untilReadsComplete, type ServerWorkspaceHost } from './lsp/completeReads';
import { Dependents, type FileChange } from './lsp/dependents';

/** The analysis limit: a longer document would only be skipped, so its text is not even kept. */
const MAX_DOCUMENT_CHARS = DEFAULT_CONFIG.maxFileBytes;

const documents = new OpenDocuments(MAX_DOCUMENT_CHARS, (message) => connection.console.warn(message));
const analyses = new LatestAnalyses();
/**
 * How long each document's validation waits after a change: by default none (see Scheduler: the changes
 * already received are coalesced, so typing never queues analyses behind one another); a client may fix one.
 */
let debounceMs = 0;
/** Whether the client completes each diagnostic's source and rule link itself (InitializationOptions.compactDiagnostics). */
let compactDiagnostics = false;
/** URIs whose diagnostics are published (open documents and scanned files), so turning analysis off clears them all. */
const published = new Set<string>();
/**
 * Per open document, the version its dependents were last re-checked for and, for a YAML file, the
 * manifest-index facts of that version's text (absent when no other document used the index then).
 */
const announced = new Map<string, { version: number; facts?: string }>();
let settings: Settings;
/** Cross-file rules read other files through this host; open documents' unsaved text wins over the disk. */
let workspace = workspaceHostFor([]);
/** Which open documents read which other files, so an edit to one re-checks the others. */
const dependents = new Dependents();
let canWatchFiles = false;
let canTrackFolders = false;
let canCreateProgress = false;
let hoverClient: HoverClient = { format: 'plaintext', showsDiagnostics: true };
/** The latest settings reload; analysis waits for it so no document is checked with stale settings. */
let settingsReady: Promise<void> = Promise.resolve();

const logError = (what: string, e: unknown): void => connection.console.error(`bulkhead: ${what}: ${(e as Error)?.stack ?? e}`);

/** Runs a handler and logs instead of letting anything escape into the connection. */
function guard<A extends unknown[], R>(name: string, fallback: R, fn: (...args: A) => R | Promise<R>): (...args: A) => Promise<R> {
  return async (...args: A) => {
    try {
      return await fn(...args);
    } catch (e) {
      logError(`${name} failed`, e);
      return fallback;
    }
  };
}

function publish(uri: string, result: AnalysisDetails, version: number | null): void {
  published.add(uri);
  for (const e of result.ruleErrors) connection.console.error(`bulkhead: rule error in ${uri}: ${e}`);
  if (result.skipped) connection.console.info(`bulkhead: ${uri} not analyzed: ${result.skipped}`);
  void connection.sendDiagnostics({ uri, version: version ?? undefined, diagnostics: toDiagnostics(uri, result, { baseline: baselineOf(uri), compact: compactDiagnostics }) });
}

/** The baseline that applies to the file at `uri`, if its folder has one. */
function baselineOf(uri: string): BaselineView | undefined {
  const file = uriToPath(uri);
  const inBaseline = file === undefined ? undefined : settings.baselineFor(file);
  return inBaseline && { has: (fingerprint) => inBaseline(file!, fingerprint), showAs: settings.baselineShowAs };
}

function clear(uri: string): void {
  published.delete(uri);
  void connection.sendDiagnostics({ uri, diagnostics: [] });
}

/** Engine config for a document: by its path, or by its URI when it has none (an untitled buffer). */
const configFor = (uri: string) => settings.configFor(uriToPath(uri) ?? uri);

/** Open documents by their engine path: the host asks for every file it reads, on every analysis. */
const openPaths = new Map<string, string>();

function engineUriPath(uri: string): string | undefined {
  const file = uriToPath(uri);
  return file === undefined ? undefined : enginePath(file);
}

/** The editor's text of the open document at an engine path; undefined when none is open, or its text was refused. */
function openText(file: string): string | undefined {
  const uri = openPaths.get(file);
  return uri === undefined || documents.refusedSize(uri) !== undefined ? undefined : documents.get(uri)?.getText();
}

function workspaceHostFor(roots: string[]): ServerWorkspaceHost {
  return newWorkspaceHost({ roots, maxFileBytes: DEFAULT_CONFIG.maxFileBytes, overlay: openText, overlaidPaths: () => openPaths.keys() });
}

/**
 * The analysis of an open document's current version: the one held for it, else a new one that
 * replaces it. Publishing, hover and code actions share it, so a version is analyzed at most once.
 */
function analysisOf(doc: TextDocument): DocumentAnalysis {
  const held = analyses.get(doc.uri, doc.version);
  if (held) return held;
  const refusedSize = documents.refusedSize(doc.uri);
  const result = refusedSize === undefined ? analyzeText(doc) : tooLargeAnalysis(doc.uri, doc.languageId, refusedSize, configFor(doc.uri));
  dependents.record(doc.uri, result);
  return analyses.set(doc.uri, doc.version, result);
}

function analyzeText(doc: TextDocument): AnalysisDetails {
  const started = performance.now();
  const result = analyze({ uri: doc.uri, text: doc.getText(), languageId: doc.languageId, workspace }, configFor(doc.uri));
  // Traced (with $/setTrace) so the analyses a session costs can be checked.
  connection.tracer.log(`bulkhead: analyzed ${doc.uri} (version ${doc.version}) in ${performance.now() - started} ms`);
  return result;
}

/** The open document if it is still at `version`, the one a request was sent for; else the request is stale. */
function stillAt(uri: string, version: number | undefined): TextDocument | undefined {
  const doc = documents.get(uri);
  return doc && doc.version === version ? doc : undefined;
}

/** Re-checks the open documents (other than `uri`) whose last analysis depends on `file` as `change` says. */
function recheckDependents(uri: string, file: string, change: FileChange): void {
  if (!settings?.enabled) return;
  for (const dependent of dependents.of(file, change)) {
    const doc = dependent !== uri ? documents.get(dependent) : undefined;
    if (!doc) continue;
    analyses.delete(doc.uri); // it read what changed: its held analysis is out of date
    validate(doc);
  }
}

/**
 * After a new version of an open document is published, re-checks what depends on it: documents that
 * read the file itself, and, for a YAML file, documents that used the manifest index, but only when the
 * facts the index keeps of the file changed (editing a comment or an image re-checks nobody). The edited
 * document is thus always published before its dependents.
 */
function announce(uri: string, version: number, result: AnalysisDetails): void {
  const previous = announced.get(uri);
  if (previous?.version === version) return; // the same text again (settings, a file it read): nothing new for others
  const file = engineUriPath(uri);
  if (file === undefined) return;
  const yaml = isYamlFile(file);
  const facts = yaml && dependents.othersUseIndex(uri) ? factsOf(file, result.src.text) : undefined;
  announced.set(uri, { version, facts });
  recheckDependents(uri, file, { index: yaml && (facts === undefined || facts !== previous?.facts) });
}

/** The manifest-index facts of a YAML text; undefined when they cannot be built (then treated as changed). */
function factsOf(file: string, text: string): string | undefined {
  try {
    return indexedFactsOf(file, text);
  } catch (e) {
    logError(`indexing ${file}`, e);
    return undefined;
  }
}

/** undefined: analysis is turned off (or the version was superseded) and nothing is analyzed. */
const scheduler = new Scheduler<AnalysisDetails | undefined>(0, {
  currentVersion: (uri) => documents.get(uri)?.version,
  compute: async (uri, version) => {
    await settingsReady;
    const file = uriToPath(uri);
    if (file !== undefined) await settings.prepare(file); // its nearest .bulkhead.* read, once per directory
    // Superseded while settings reloaded (or a config file was read): stale text is never analyzed, the newer version's run does it.
    const doc = stillAt(uri, version);
    if (!doc || !settings.enabled) return undefined;
    await untilReadsComplete(
      workspace,
      () => analysisOf(doc),
      () => analyses.delete(doc.uri),
    );
    return stillAt(uri, version) && settings.enabled ? analysisOf(doc).result : undefined;
  },
  publish: (uri, result, version) => {
    if (!result) return clear(uri);
    publish(uri, result, version);
    announce(uri, version, result);
  },
  failed: (uri, e) => logError(`analysis of ${uri} failed`, e),
});

/** Validates the document's current version after its debounce (traced, so tests can see the wait). */
function validate(doc: TextDocument): void {
  connection.tracer.log(`bulkhead: validating ${doc.uri} (version ${doc.version}) in ${debounceMs} ms`);
  scheduler.schedule(doc.uri, doc.version, debounceMs);
}

const scanner = new WorkspaceScanner({
  get settings() {
    return settings;
  },
  get workspace() {
    return workspace;
  },
  log: (message) => connection.console.info(message),
  isOpen: (uri) => documents.get(uri) !== undefined,
  openResult: (uri) => {
    const doc = documents.get(uri);
    return doc && analysisOf(doc).result;
  },
  publish,
  clear,
});

function reloadSettings(pushed?: unknown): Promise<void> {
  settingsReady = settingsReady.then(() => applySettings(pushed)).catch((e) => logError('settings', e));
  return settingsReady;
}

async function applySettings(pushed?: unknown): Promise<void> {
  await settings.reload(pushed);
  analyses.clear(); // computed under the old settings
  if (!settings.enabled) {
    for (const uri of [...published]) clear(uri);
    return;
  }
  for (const doc of documents.all()) validate(doc);
  // Not awaited: open documents, which wait for this reload, must not wait for a re-read of the workspace.
  void republishScanned().catch((e) => logError('re-publishing scanned files', e));
}

let republishPass = 0;

/** Re-reads the closed files the scan published, so they follow the new settings too; a newer pass stops an older one. */
async function republishScanned(): Promise<void> {
  const pass = ++republishPass;
  for (const uri of scanner.ownedUris()) {
    if (pass !== republishPass || !settings.enabled) return;
    if (!documents.get(uri)) await scanner.republish(uri);
  }
}

/** Takes in the client's `initialize` parameters; the start-up entry calls it before any later message is dispatched. */
export function initialize(params: InitializeParams): void {
  const caps = params.capabilities;
  settings = new Settings(connection, !!caps.workspace?.configuration);
  const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  settings.setFolders(folders);
  workspace = workspaceHostFor(settings.workspaceFolders);
  canWatchFiles = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
  canTrackFolders = !!caps.workspace?.workspaceFolders;
  canCreateProgress = !!caps.window?.workDoneProgress;
  hoverClient = hoverClientOf(caps);
  // Unknown to the type checker: whatever the client sent, each option is used only when of its type.
  const options = (params.initializationOptions ?? {}) as { [K in keyof InitializationOptions]?: unknown };
  if (typeof options.debounceMs === 'number' && Number.isFinite(options.debounceMs)) debounceMs = Math.max(0, options.debounceMs);
  if (typeof options.docsUri === 'string') setDocsUri(options.docsUri);
  compactDiagnostics = options.compactDiagnostics === true;
}

connection.onInitialized(
  guard('initialized', undefined, async () => {
    const loading = reloadSettings(); // first, so documents opened right after wait for it
    if (canWatchFiles) {
      // Every file: cross-file rules read Dockerfiles, .dockerignore, env files and manifests, and list build contexts.
      await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] });
    }
    if (canTrackFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(
        guard('workspaceFolders', undefined, async (e) => {
          const removed = new Set(e.removed.map((f) => uriToPath(f.uri)));
          const kept = settings.workspaceFolders.filter((p) => !removed.has(p)).map(pathToUri);
          settings.setFolders(kept.concat(e.added.map((f) => f.uri)));
          workspace = workspaceHostFor(settings.workspaceFolders);
          await reloadSettings();
        }),
      );
    }
    await loading;
  }),
);

connection.onDidChangeConfiguration(guard('configuration', undefined, (change) => reloadSettings((change.settings as { bulkhead?: unknown } | undefined)?.bulkhead)));
connection.onDidChangeWatchedFiles(
  guard('watchedFiles', undefined, async (e) => {
    workspace.invalidate();
    if (e.changes.some((c) => settings.affectsSettings(c.uri))) await reloadSettings();
    for (const change of e.changes) {
      const file = engineUriPath(change.uri);
      if (file === undefined) continue;
      const edited = change.type === FileChangeType.Changed;
      // Dependents read an open document's buffer, not its file: saving it tells them nothing new.
      if (edited && openText(file) !== undefined) continue;
      recheckDependents(change.uri, file, { listing: !edited, index: isYamlFile(file) });
    }
  }),
);

documents.listen(connection, {
  opened: (doc) => {
    const file = engineUriPath(doc.uri);
    if (file !== undefined) openPaths.set(file, doc.uri);
    // Opened again without a close: whatever was held or announced was for another text.
    analyses.delete(doc.uri);
    announced.delete(doc.uri);
    validate(doc);
  },
  // Dependents are re-checked once this version is analyzed and published, and only if it concerns them.
  changed: (doc) => validate(doc),
  // The document events expect no promise; guard's never rejects, so nothing is lost by not awaiting it.
  saved: (doc) => void onSaved(doc),
  closed: (doc) => void onClosed(doc),
});

const onSaved = guard('save', undefined, async (doc: TextDocument) => {
  if (settings.affectsSettings(doc.uri)) await reloadSettings();
});

const onClosed = guard('close', undefined, async (doc: TextDocument) => {
  const uri = doc.uri;
  // Nothing about a closed document is kept.
  scheduler.forget(uri);
  analyses.delete(uri);
  announced.delete(uri);
  dependents.forget(uri);
  forgetParses(uri);
  forgetDocumentFindings(uri);
  forgetShellParses(uri);
  const file = engineUriPath(uri);
  if (file !== undefined) {
    openPaths.delete(file);
    recheckDependents(uri, file, { index: isYamlFile(file) }); // they now read the file on disk, not the discarded buffer
  }
  // A file the scan covered keeps its diagnostics, for what is on disk rather than the discarded buffer.
  if (scanner.owns(uri) && settings.enabled) await scanner.republish(uri);
  else clear(uri);
});

/** The Pod Security standing of an analyzed manifest's workloads, computed once per version. */
function workloadsOf(doc: TextDocument, analysis: DocumentAnalysis) {
  if (analysis.result.kind !== 'kubernetes') return [];
  analysis.workloads ??= podSecuritySummaryOf({ uri: doc.uri, text: analysis.result.src.text, workspace }, configFor(doc.uri));
  return analysis.workloads;
}

/**
 * For a request about the open document `uri` (hover, code actions): the document and the analysis of
 * the version it had when the request arrived. A pending validation of that version is waited for, not
 * pre-empted, so requests sent while typing cost no analysis of their own; undefined once the document
 * has moved on (or analysis is off): a stale request analyzes nothing.
 */
async function requestAnalysis(uri: string): Promise<{ doc: TextDocument; analysis: DocumentAnalysis } | undefined> {
  const version = documents.get(uri)?.version; // taken on arrival, before anything is awaited
  if (version === undefined) return undefined;
  await settingsReady;
  await scheduler.settled(uri, version);
  const doc = stillAt(uri, version);
  return doc && settings.enabled ? { doc, analysis: analysisOf(doc) } : undefined;
}

connection.onHover(
  guard('hover', null, async (params) => {
    const found = await requestAnalysis(params.textDocument.uri);
    if (!found) return null;
    const { doc, analysis } = found;
    const config = configFor(doc.uri);
    const verdict = expressionVerdictAt({ uri: doc.uri, text: analysis.result.src.text, languageId: doc.languageId, workspace }, params.position, config);
    const views = { workloads: workloadsOf(doc, analysis), verdict, label: labelInFolders(settings.workspaceFolders.map(enginePath)) };
    return hoverAt(analysis.result.findings, params.position, views, hoverClient, ruleMetas(config));
  }),
);

connection.onCodeAction(
  guard('codeAction', [], async (params) => {
    // For the text the client sees: a debounced validation of it not yet run is waited for.
    const found = await requestAnalysis(params.textDocument.uri);
    if (!found) return [];
    const { doc, analysis } = found;
    return codeActions(doc.uri, analysis, { ...params.context, range: params.range }, { languageId: doc.languageId, config: configFor(doc.uri), workspace });
  }),
);

/** The progress to report to: the client's token, else one the server creates when the client allows it. */
async function scanProgress(params: ScanParams | undefined): Promise<WorkDoneProgressReporter & { token?: CancellationToken }> {
  if (params?.workDoneToken !== undefined || !canCreateProgress) return connection.window.attachWorkDoneProgress(params?.workDoneToken);
  return connection.window.createWorkDoneProgress();
}

connection.onRequest(
  RULES_METHOD,
  guard('rules', [], () => ruleSummaries()),
);

connection.onRequest(
  SCAN_METHOD,
  guard('scanWorkspace', null, async (params: ScanParams | undefined, token: CancellationToken) => {
    await settingsReady;
    const progress = await scanProgress(params);
    // Either the request's $/cancelRequest or the Cancel button of server-created progress stops the scan.
    const cancel = new CancellationTokenSource();
    // Taken before any cancel(): a source cancelled before its token exists throws on a second cancel().
    const cancelled = cancel.token;
    const subs = [token, progress.token].map((t) => t?.onCancellationRequested(() => cancel.cancel()));
    if (token.isCancellationRequested) cancel.cancel();
    try {
      return await scanner.scan(cancelled, progress);
    } finally {
      for (const s of subs) s?.dispose();
      cancel.dispose();
    }
  }),
);

connection.onShutdown(() => scheduler.dispose());
