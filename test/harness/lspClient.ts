// A real LSP client for tests: spawns the bundled server and speaks JSON-RPC through vscode-jsonrpc.
// Waits are event-driven with a timeout; nothing sleeps.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic } from 'vscode-languageserver-types';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const SERVER_PATH = process.env.BULKHEAD_SERVER ?? path.join(REPO_ROOT, 'dist', 'server.js');

export interface PublishedDiagnostics { uri: string; version?: number; diagnostics: Diagnostic[] }

export class LspClient {
  readonly connection: MessageConnection;
  readonly process: ChildProcess;
  private published: PublishedDiagnostics[] = [];
  private waiters: Array<{ match: (p: PublishedDiagnostics) => boolean; resolve: (p: PublishedDiagnostics) => void }> = [];
  /** What the client answers to workspace/configuration for section `bulkhead`. */
  settings: Record<string, unknown> = {};
  readonly progress: unknown[] = [];
  readonly logs: string[] = [];

  constructor() {
    this.process = spawn(process.execPath, [SERVER_PATH, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishedDiagnostics) => {
      this.published.push(p);
      this.waiters = this.waiters.filter((w) => (w.match(p) ? (w.resolve(p), false) : true));
    });
    this.connection.onRequest('workspace/configuration', (params: { items: Array<{ section?: string }> }) => params.items.map(() => this.settings));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onNotification('$/progress', (p: unknown) => { this.progress.push(p); });
    this.connection.onNotification('window/logMessage', (p: { message: string }) => { this.logs.push(p.message); });
    this.connection.onNotification('window/showMessage', (p: { message: string }) => { this.logs.push(p.message); });
    this.connection.listen();
  }

  async initialize(rootPath?: string, initializationOptions: object = { debounceMs: 0 }): Promise<unknown> {
    const folder = rootPath ? { uri: fileUri(rootPath), name: path.basename(rootPath) } : undefined;
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: folder?.uri ?? null,
      workspaceFolders: folder ? [folder] : null,
      initializationOptions,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true },
        textDocument: {
          synchronization: { didSave: true, dynamicRegistration: true },
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } }, isPreferredSupport: true, dataSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
        },
        window: { workDoneProgress: true },
      },
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  /** Resolves with the first publication (already received or future) that matches. */
  waitForDiagnostics(match: (p: PublishedDiagnostics) => boolean, timeoutMs = 10_000): Promise<PublishedDiagnostics> {
    const seen = this.published.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching diagnostics within ${timeoutMs} ms; got ${JSON.stringify(this.published.map((p) => [p.uri, p.version, p.diagnostics.length]))}`)), timeoutMs);
      this.waiters.push({ match, resolve: (p) => { clearTimeout(timer); resolve(p); } });
    });
  }

  /** Forgets what was published so far, so the next wait sees only new publications. */
  resetPublished(): void {
    this.published = [];
  }

  allPublished(): PublishedDiagnostics[] {
    return this.published;
  }

  open(uri: string, languageId: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, text: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** shutdown + exit; resolves when the process is gone. */
  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.process.once('exit', (code) => resolve(code)));
    if (this.process.exitCode === null) {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    }
    const code = await exited;
    this.connection.dispose();
    return code;
  }
}

export function fileUri(p: string): string {
  return require('node:url').pathToFileURL(p).href;
}
