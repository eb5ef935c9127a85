// A real LSP client for tests: spawns the bundled server and speaks JSON-RPC through vscode-jsonrpc.
// Waits are event-driven with a timeout; nothing sleeps.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeTree } from './tempTree';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { ClientCapabilities, Diagnostic, Range } from 'vscode-languageserver-protocol';

/** The repository root, from the compiled file's place: out/test/harness → ../../.. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const SERVER_PATH = process.env.BULKHEAD_SERVER ?? path.join(REPO_ROOT, 'dist', 'server.js');

export interface PublishedDiagnostics {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}
export interface ProgressNotification {
  token: string | number;
  value: { kind: 'begin' | 'report' | 'end'; title?: string; message?: string; cancellable?: boolean; percentage?: number };
}

/** What VS Code announces for the parts of the protocol the server uses. */
export const VSCODE_LIKE_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    workspaceFolders: true,
  },
  textDocument: {
    synchronization: { didSave: true, dynamicRegistration: true },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } }, isPreferredSupport: true, dataSupport: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
  },
  window: { workDoneProgress: true },
};

interface Waiter {
  method: string;
  match: (params: unknown) => boolean;
  resolve: (params: unknown) => void;
  reject: (error: Error) => void;
}

export class LspClient {
  readonly connection: MessageConnection;
  readonly process: ChildProcess;
  /** Every notification and request from the server, in arrival order. */
  private received: Array<{ method: string; params: unknown }> = [];
  private waiters: Waiter[] = [];
  /** What the client answers to workspace/configuration for section `bulkhead`. */
  settings: Record<string, unknown> = {};
  /** While set, workspace/configuration is answered only once it settles: a test holds a settings reload open. */
  configurationGate?: Promise<void>;
  /** The server's stderr (empty unless it crashes), quoted in errors. */
  readonly stderr: string[] = [];

  /** `serverPath`: another entry point; `nodeArgs` go to the server's Node process (e.g. a heap limit); `cwd`: its working directory. */
  constructor(serverPath = SERVER_PATH, { nodeArgs = [], cwd }: { nodeArgs?: string[]; cwd?: string } = {}) {
    this.process = spawn(process.execPath, [...nodeArgs, serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], cwd });
    this.process.stderr!.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification((method: string, params: unknown) => this.record(method, params));
    // vscode-jsonrpc routes $/progress to per-token handlers; tokens nobody subscribed to arrive here.
    this.connection.onUnhandledProgress((params) => this.record('$/progress', params));
    // vscode-jsonrpc hands $/logTrace (the server's trace, after $/setTrace) to its own tracer unless asked.
    this.connection.onNotification('$/logTrace', (params: unknown) => this.record('$/logTrace', params));
    this.connection.onRequest((method: string, params: unknown) => {
      this.record(method, params);
      if (method === 'workspace/configuration') {
        const answer = () => (params as { items: unknown[] }).items.map(() => this.settings);
        return this.configurationGate ? this.configurationGate.then(answer) : answer();
      }
      return null; // client/registerCapability, window/workDoneProgress/create, window/showMessageRequest
    });
    this.connection.listen();
    // A server that dies fails what waits on it at once, with its last words, instead of hanging the test.
    this.process.once('exit', (code, signal) => {
      const error = new Error(`server exited (code ${code}, signal ${signal}); stderr: ${this.stderr.join('')}`);
      for (const w of this.waiters) w.reject(error);
      this.waiters = [];
      this.connection.dispose(); // rejects pending requests
    });
  }

  private record(method: string, params: unknown): void {
    this.received.push({ method, params });
    this.waiters = this.waiters.filter((w) => (w.method === method && w.match(params) ? (w.resolve(params), false) : true));
  }

  async initialize(
    /** The workspace folder, or several (a multi-root workspace: the first is the root). */
    rootPath?: string | string[],
    initializationOptions: object = { debounceMs: 0 },
    capabilities: ClientCapabilities = VSCODE_LIKE_CAPABILITIES,
  ): Promise<{ capabilities: Record<string, unknown> }> {
    const folders = (rootPath === undefined ? [] : [rootPath].flat()).map((p) => ({ uri: fileUri(p), name: path.basename(p) }));
    const result = await this.connection.sendRequest<{ capabilities: Record<string, unknown> }>('initialize', {
      processId: process.pid,
      rootUri: folders[0]?.uri ?? null,
      workspaceFolders: folders.length ? folders : null,
      initializationOptions,
      capabilities,
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  /** Resolves with the first notification or request of `method` (already received or future) that matches. */
  waitFor<T>(method: string, match: (params: T) => boolean, timeoutMs = 10_000): Promise<T> {
    const seen = this.received.find((n) => n.method === method && match(n.params as T));
    if (seen) return Promise.resolve(seen.params as T);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.resolve !== done);
        reject(new Error(`no matching ${method} within ${timeoutMs} ms; got ${JSON.stringify(this.messages(method)).slice(0, 2000)}; server stderr: ${this.stderr.join('')}`));
      }, timeoutMs);
      const done = (params: unknown): void => {
        clearTimeout(timer);
        resolve(params as T);
      };
      const failed = (error: Error): void => {
        clearTimeout(timer);
        reject(error);
      };
      this.waiters.push({ method, match: match as (params: unknown) => boolean, resolve: done, reject: failed });
    });
  }

  waitForDiagnostics(match: (p: PublishedDiagnostics) => boolean, timeoutMs?: number): Promise<PublishedDiagnostics> {
    return this.waitFor('textDocument/publishDiagnostics', match, timeoutMs);
  }

  /** The params of every notification or request of `method` received since the last reset. */
  messages<T>(method: string): T[] {
    return this.received.filter((n) => n.method === method).map((n) => n.params as T);
  }

  allPublished(): PublishedDiagnostics[] {
    return this.messages('textDocument/publishDiagnostics');
  }

  progress(token: string | number): ProgressNotification['value'][] {
    return this.messages<ProgressNotification>('$/progress')
      .filter((p) => p.token === token)
      .map((p) => p.value);
  }

  logs(): string[] {
    return this.messages<{ message: string }>('window/logMessage').map((m) => m.message);
  }

  /** Forgets what was received so far, so the next wait sees only new messages. */
  reset(): void {
    this.received = [];
  }

  open(uri: string, languageId: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, text: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** An incremental change, as an editor sends for a keystroke: `text` replaces `range` of version - 1. */
  edit(uri: string, version: number, range: Range, text: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
  }

  save(uri: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Sets what workspace/configuration answers and tells the server, as VS Code does on a settings edit. */
  configure(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    return this.connection.sendNotification('workspace/didChangeConfiguration', { settings: { bulkhead: settings } });
  }

  /** shutdown + exit; resolves with the exit code when the process is gone. */
  async stop(): Promise<number | null> {
    const exited = this.exited();
    if (this.process.exitCode === null) {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    }
    return exited;
  }

  /** Resolves with the exit code once the process has ended (at once if it already has). */
  exited(): Promise<number | null> {
    if (this.process.exitCode !== null || this.process.signalCode !== null) return Promise.resolve(this.process.exitCode);
    return new Promise((resolve) => this.process.once('exit', (code) => resolve(code)));
  }
}

export function fileUri(p: string): string {
  return pathToFileURL(p).href;
}

/** A throw-away workspace folder holding `files` (relative path → content); remove it with `fs.rmSync(dir, {recursive: true})`. */
export function tempWorkspace(files: Record<string, string | Buffer>): string {
  return writeTree(fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-lsp-')), files);
}

/** Runs `run` against a server started on a temporary workspace holding `files`; stops it and removes the folder after. */
export async function withWorkspaceServer(files: Record<string, string>, run: (client: LspClient, root: string) => Promise<void>, capabilities = VSCODE_LIKE_CAPABILITIES): Promise<void> {
  const root = tempWorkspace(files);
  const client = new LspClient();
  let code: number | null;
  try {
    await client.initialize(root, { debounceMs: 0 }, capabilities);
    await run(client, root);
  } finally {
    code = await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
  // Checked after the cleanup, not inside it: a throw there would replace the test's own failure.
  if (code !== 0) throw new Error(`server exited with ${code}`);
}
