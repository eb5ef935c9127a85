// The Bulkhead language server: diagnostics as you type, hover, quick-fixes, fix-all and the workspace
// scan. Protocol wiring only; analysis is the engine's. Runs standalone: node dist/server.js --stdio
// (or --node-ipc / --socket=<port>, which createConnection reads from the command line).
import {
  CancellationTokenSource, CodeActionKind, createConnection, DidChangeWatchedFilesNotification, FileChangeType, ProposedFeatures, TextDocuments, TextDocumentSyncKind,
  type CancellationToken, type InitializeParams, type InitializeResult, type WorkDoneProgressReporter,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, DEFAULT_CONFIG, type AnalysisDetails } from './engine/index';
import { AnalysisCache, toDiagnostic } from './lsp/diagnostics';
import { codeActions, FIX_ALL_KIND, HARDEN_KIND } from './lsp/codeActions';
import { hoverAt } from './lsp/hover';
import { podSecuritySummaryOf } from './engine/policy/podSecurity';
import { Scheduler } from './lsp/scheduler';
import { Settings } from './lsp/settings';
import { SCAN_METHOD, WorkspaceScanner, type ScanParams } from './lsp/workspaceScan';
import { pathToUri, uriToPath } from './lsp/uris';
import { enginePath, NodeWorkspaceHost } from './node/workspaceHost';
import { Dependents } from './lsp/dependents';

const DEFAULT_DEBOUNCE_MS = 200;

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const cache = new AnalysisCache();
let settings: Settings;
/** Cross-file rules read other files through this host; open documents' unsaved text wins over the disk. */
let workspace = newWorkspaceHost([]);
/** Which open documents read which other files, so an edit to one re-checks the others. */
const dependents = new Dependents();
let canWatchFiles = false;
let canTrackFolders = false;
let canCreateProgress = false;
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
  cache.set(uri, { version, result });
  for (const e of result.ruleErrors) connection.console.error(`bulkhead: rule error in ${uri}: ${e}`);
  if (result.skipped) connection.console.info(`bulkhead: ${uri} not analyzed: ${result.skipped}`);
  void connection.sendDiagnostics({ uri, version: version ?? undefined, diagnostics: result.findings.map((f) => toDiagnostic(uri, f, version)) });
}

function clear(uri: string): void {
  cache.delete(uri);
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

function newWorkspaceHost(roots: string[]): NodeWorkspaceHost {
  const openByPath = (file: string) => {
    const uri = openPaths.get(file);
    return uri === undefined ? undefined : documents.get(uri)?.getText();
  };
  return new NodeWorkspaceHost({ roots, maxFileBytes: DEFAULT_CONFIG.maxFileBytes, overlay: openByPath });
}

function analyzeDocument(doc: TextDocument): AnalysisDetails {
  const result = analyze({ uri: doc.uri, text: doc.getText(), languageId: doc.languageId, workspace }, configFor(doc.uri));
  dependents.record(doc.uri, result);
  return result;
}

/** Re-checks the open documents that read `uri` (or the manifest index, for a YAML file). */
function recheckDependents(uri: string, created = false): void {
  const file = engineUriPath(uri);
  if (file === undefined || !settings?.enabled) return;
  for (const dependent of dependents.of(file, created)) {
    const doc = dependent !== uri ? documents.get(dependent) : undefined;
    if (doc) scheduler.schedule(doc.uri, doc.version);
  }
}

/** An open document's analysis for its current version, from the cache when it is up to date. */
function currentAnalysis(doc: TextDocument): AnalysisDetails {
  const cached = cache.get(doc.uri);
  if (cached?.version === doc.version) return cached.result;
  const result = analyzeDocument(doc);
  cache.set(doc.uri, { version: doc.version, result });
  return result;
}

/** undefined: analysis is turned off and the document's diagnostics are cleared instead. */
const scheduler = new Scheduler<AnalysisDetails | undefined>(DEFAULT_DEBOUNCE_MS, {
  currentVersion: (uri) => documents.get(uri)?.version,
  compute: async (uri) => {
    await settingsReady;
    const doc = documents.get(uri);
    return doc && settings.enabled ? analyzeDocument(doc) : undefined;
  },
  publish: (uri, result, version) => (result ? publish(uri, result, version) : clear(uri)),
  failed: (uri, e) => logError(`analysis of ${uri} failed`, e),
});

const scanner = new WorkspaceScanner({
  get settings() { return settings; },
  get workspace() { return workspace; },
  log: (message) => connection.console.info(message),
  isOpen: (uri) => documents.get(uri) !== undefined,
  openResult: (uri) => {
    const doc = documents.get(uri);
    return doc && currentAnalysis(doc);
  },
  publish,
  clear,
});

function reloadSettings(pushed?: unknown): Promise<void> {
  settingsReady = settingsReady.then(() => applySettings(pushed)).catch((e) => logError('settings', e));
  return settingsReady;
}

async function applySettings(pushed?: unknown): Promise<void> {
  const errors = await settings.reload(pushed);
  for (const e of errors) void connection.window.showWarningMessage(`Bulkhead configuration: ${e}`);
  if (!settings.enabled) {
    for (const uri of cache.uris()) clear(uri);
    return;
  }
  for (const doc of documents.all()) scheduler.schedule(doc.uri, doc.version);
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

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const caps = params.capabilities;
  settings = new Settings(connection, !!caps.workspace?.configuration);
  const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  settings.setFolders(folders);
  workspace = newWorkspaceHost(settings.workspaceFolders);
  canWatchFiles = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
  canTrackFolders = !!caps.workspace?.workspaceFolders;
  canCreateProgress = !!caps.window?.workDoneProgress;
  const options = (params.initializationOptions ?? {}) as { debounceMs?: unknown };
  if (typeof options.debounceMs === 'number') scheduler.setDelay(options.debounceMs);
  return {
    capabilities: {
      // save: a config file saved in the editor is re-read even by clients that cannot watch files.
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, HARDEN_KIND], resolveProvider: false },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'bulkhead', version: '0.1.0' },
  };
});

connection.onInitialized(guard('initialized', undefined, async () => {
  const loading = reloadSettings(); // first, so documents opened right after wait for it
  if (canWatchFiles) {
    // Every file: cross-file rules read Dockerfiles, .dockerignore, env files and manifests, and list build contexts.
    await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] });
  }
  if (canTrackFolders) {
    connection.workspace.onDidChangeWorkspaceFolders(guard('workspaceFolders', undefined, async (e) => {
      const removed = new Set(e.removed.map((f) => uriToPath(f.uri)));
      const kept = settings.workspaceFolders.filter((p) => !removed.has(p)).map(pathToUri);
      settings.setFolders(kept.concat(e.added.map((f) => f.uri)));
      workspace = newWorkspaceHost(settings.workspaceFolders);
      await reloadSettings();
    }));
  }
  await loading;
}));

connection.onDidChangeConfiguration(guard('configuration', undefined, (change) => reloadSettings((change.settings as { bulkhead?: unknown } | undefined)?.bulkhead)));
connection.onDidChangeWatchedFiles(guard('watchedFiles', undefined, async (e) => {
  workspace.invalidate();
  if (e.changes.some((c) => settings.isConfigFile(c.uri))) await reloadSettings();
  for (const change of e.changes) recheckDependents(change.uri, change.type !== FileChangeType.Changed);
}));

documents.onDidOpen((e) => {
  const file = engineUriPath(e.document.uri);
  if (file !== undefined) openPaths.set(file, e.document.uri);
  scheduler.schedule(e.document.uri, e.document.version);
  recheckDependents(e.document.uri);
});
documents.onDidChangeContent((e) => {
  scheduler.schedule(e.document.uri, e.document.version);
  recheckDependents(e.document.uri);
});
documents.onDidSave(guard('save', undefined, async (e) => {
  if (settings.isConfigFile(e.document.uri)) await reloadSettings();
}));
documents.onDidClose(guard('close', undefined, async (e) => {
  const uri = e.document.uri;
  scheduler.cancel(uri);
  dependents.forget(uri);
  const file = engineUriPath(uri);
  if (file !== undefined) openPaths.delete(file);
  recheckDependents(uri); // its dependents now read the file on disk, not the discarded buffer
  // A file the scan covered keeps its diagnostics, for what is on disk rather than the discarded buffer.
  if (scanner.owns(uri) && settings.enabled) await scanner.republish(uri);
  else clear(uri);
}));

connection.onHover(guard('hover', null, async (params) => {
  await settingsReady;
  const doc = documents.get(params.textDocument.uri);
  if (!doc || !settings.enabled) return null;
  const result = currentAnalysis(doc);
  const workloads = result.kind === 'kubernetes' ? podSecuritySummaryOf({ uri: doc.uri, text: doc.getText(), workspace }, configFor(doc.uri)) : [];
  return hoverAt(result.findings, params.position, workloads);
}));

connection.onCodeAction(guard('codeAction', [], async (params) => {
  await settingsReady;
  const doc = documents.get(params.textDocument.uri);
  if (!doc || !settings.enabled) return [];
  // Answer for the text the client sees, even when a debounced analysis has not run yet.
  const cached = { version: doc.version, result: currentAnalysis(doc) };
  return codeActions(doc.uri, cached, { ...params.context, range: params.range }, { languageId: doc.languageId, config: configFor(doc.uri), workspace });
}));

/** The progress to report to: the client's token, else one the server creates when the client allows it. */
async function scanProgress(params: ScanParams | undefined): Promise<WorkDoneProgressReporter & { token?: CancellationToken }> {
  if (params?.workDoneToken !== undefined || !canCreateProgress) return connection.window.attachWorkDoneProgress(params?.workDoneToken);
  return connection.window.createWorkDoneProgress();
}

connection.onRequest(SCAN_METHOD, guard('scanWorkspace', null, async (params: ScanParams | undefined, token: CancellationToken) => {
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
}));

connection.onShutdown(() => scheduler.dispose());

documents.listen(connection);
connection.listen();
