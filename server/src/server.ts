// The Bulkhead language server: diagnostics as you type, hover, quick-fixes, fix-all and the workspace
// scan. Protocol wiring only; analysis is the engine's. Runs standalone: node dist/server.js --stdio.
import {
  CodeActionKind, createConnection, DidChangeWatchedFilesNotification, ProposedFeatures, TextDocuments, TextDocumentSyncKind,
  type InitializeParams, type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, type AnalysisDetails } from './engine/index';
import { AnalysisCache, toDiagnostic } from './lsp/diagnostics';
import { FIX_ALL_KIND, fixAllAction, quickFixes, wants } from './lsp/codeActions';
import { hoverAt } from './lsp/hover';
import { Scheduler } from './lsp/scheduler';
import { Settings } from './lsp/settings';
import { SCAN_METHOD, scanWorkspace } from './lsp/workspaceScan';
import { pathToUri, uriToPath } from './lsp/uris';
import { CONFIG_FILE_NAMES, readTextFile } from './node/workspace';

const DEFAULT_DEBOUNCE_MS = 200;

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const cache = new AnalysisCache();
const scheduler = new Scheduler(DEFAULT_DEBOUNCE_MS);
/** URIs whose diagnostics came from the workspace scan; closing such a document re-publishes them. */
const scanned = new Set<string>();
let settings: Settings;
let canWatchFiles = false;
/** The latest settings reload; analysis waits for it so no document is checked with stale settings. */
let settingsReady: Promise<void> = Promise.resolve();

/** Runs a handler and logs instead of letting anything escape into the connection. */
function guard<A extends unknown[], R>(name: string, fallback: R, fn: (...args: A) => R | Promise<R>): (...args: A) => Promise<R> {
  return async (...args: A) => {
    try {
      return await fn(...args);
    } catch (e) {
      connection.console.error(`bulkhead: ${name} failed: ${(e as Error).stack ?? e}`);
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

function analyzeDocument(doc: TextDocument): AnalysisDetails {
  const path = uriToPath(doc.uri) ?? doc.uri;
  return analyze({ uri: doc.uri, text: doc.getText(), languageId: doc.languageId }, settings.configFor(path));
}

function validate(doc: TextDocument): void {
  const version = doc.version;
  scheduler.schedule(doc.uri, () => void settingsReady.then(() => {
    const current = documents.get(doc.uri);
    if (!current || current.version !== version) return; // a newer change is scheduled
    if (!settings.enabled) return clear(doc.uri);
    const result = analyzeDocument(current);
    if (documents.get(doc.uri)?.version !== version) return; // stale by the time it finished
    publish(doc.uri, result, version);
  }));
}

function reloadSettings(pushed?: unknown): Promise<void> {
  settingsReady = settingsReady.then(() => applySettings(pushed)).catch((e) => connection.console.error(`bulkhead: settings: ${e}`));
  return settingsReady;
}

async function applySettings(pushed?: unknown): Promise<void> {
  const errors = await settings.reload(pushed);
  for (const e of errors) void connection.window.showWarningMessage(`Bulkhead configuration: ${e}`);
  if (!settings.enabled) {
    for (const uri of cache.uris()) clear(uri);
    return;
  }
  for (const doc of documents.all()) validate(doc);
}

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const caps = params.capabilities;
  settings = new Settings(connection, !!caps.workspace?.configuration);
  settings.setFolders((params.workspaceFolders ?? []).map((f) => f.uri).concat(!params.workspaceFolders && params.rootUri ? [params.rootUri] : []));
  canWatchFiles = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
  const options = (params.initializationOptions ?? {}) as { debounceMs?: number };
  if (typeof options.debounceMs === 'number') scheduler.setDelay(options.debounceMs);
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'bulkhead', version: '0.1.0' },
  };
});

connection.onInitialized(guard('initialized', undefined, async () => {
  const loading = reloadSettings(); // first, so documents opened right after wait for it
  if (canWatchFiles) {
    await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: CONFIG_FILE_NAMES.map((n) => ({ globPattern: `**/${n}` })) });
  }
  if (settings.workspaceFolders.length > 0) {
    connection.workspace.onDidChangeWorkspaceFolders(guard('workspaceFolders', undefined, async (e) => {
      const current = new Set(settings.workspaceFolders);
      for (const removed of e.removed) { const p = uriToPath(removed.uri); if (p) current.delete(p); }
      const uris = [...current].map(pathToUri).concat(e.added.map((f) => f.uri));
      settings.setFolders(uris);
      await reloadSettings();
    }));
  }
  await loading;
}));

connection.onDidChangeConfiguration(guard('configuration', undefined, (change) => reloadSettings((change.settings as { bulkhead?: unknown } | undefined)?.bulkhead)));
connection.onDidChangeWatchedFiles(guard('watchedFiles', undefined, () => reloadSettings()));

documents.onDidOpen((e) => validate(e.document));
documents.onDidChangeContent((e) => validate(e.document));
documents.onDidSave((e) => {
  if (CONFIG_FILE_NAMES.some((n) => e.document.uri.endsWith('/' + n))) void reloadSettings();
});
documents.onDidClose(guard('close', undefined, async (e) => {
  const uri = e.document.uri;
  scheduler.cancel(uri);
  if (!scanned.has(uri)) return clear(uri);
  // The scan owns this file: show what is on disk again.
  const path = uriToPath(uri);
  const read = path ? await readTextFile(path, settings.configFor(path).maxFileBytes) : undefined;
  if (!read || 'skipped' in read) return clear(uri);
  publish(uri, analyze({ uri, text: read.text }, settings.configFor(path!)), null);
}));

connection.onHover(guard('hover', null, (params) => {
  const cached = cache.get(params.textDocument.uri);
  return cached ? hoverAt(cached.result.findings, params.position) : null;
}));

connection.onCodeAction(guard('codeAction', [], (params) => {
  const uri = params.textDocument.uri;
  const doc = documents.get(uri);
  let cached = cache.get(uri);
  // Answer for the text the client sees: re-analyze when the cache is behind the document.
  if (doc && (!cached || cached.version !== doc.version)) {
    cached = { version: doc.version, result: analyzeDocument(doc) };
    cache.set(uri, cached);
  }
  if (!cached) return [];
  const only = params.context.only;
  const actions = wants(only, CodeActionKind.QuickFix) ? quickFixes(uri, cached, params.context.diagnostics) : [];
  if (doc && only && wants(only, FIX_ALL_KIND) && only.some((o) => o.startsWith(CodeActionKind.Source))) {
    const fixAll = fixAllAction(uri, cached, doc.languageId, settings.configFor(uriToPath(uri) ?? uri));
    if (fixAll) actions.push(fixAll);
  }
  return actions;
}));

connection.onRequest(SCAN_METHOD, guard('scanWorkspace', null, async (params: { workDoneToken?: string | number } | undefined, token) => {
  await settingsReady;
  const workDone = connection.window.attachWorkDoneProgress(params?.workDoneToken);
  const result = await scanWorkspace({
    connection,
    settings,
    openResult: (uri) => (documents.get(uri) ? cache.get(uri)?.result ?? analyzeDocument(documents.get(uri)!) : undefined),
    publish: (uri, res, version) => {
      scanned.add(uri);
      publish(uri, res, version);
    },
  }, token, workDone);
  return result;
}));

connection.onShutdown(() => scheduler.dispose());

documents.listen(connection);
connection.listen();
