// What the server tells the client in its `initialize` result. Static, and free of the engine: the start-up
// entry (server.ts) answers `initialize` with it before the engine and the handlers are loaded.
import { CodeActionKind, TextDocumentSyncKind, type ServerCapabilities } from 'vscode-languageserver/node';

export const FIX_ALL_KIND = 'source.fixAll.bulkhead';
export const HARDEN_KIND = 'source.hardenToRestricted.bulkhead';

export const CAPABILITIES: ServerCapabilities = {
  // save: a config file saved in the editor is re-read even by clients that cannot watch files.
  textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
  hoverProvider: true,
  codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, HARDEN_KIND], resolveProvider: false },
  workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
};
