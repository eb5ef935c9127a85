// Activation in the web extension host (vscode.dev, github.dev): the language server runs in a web
// worker (dist/browserServer.js) and reads workspace files through this client. Commands, status bar
// and start-up log are the desktop entry's.
import { Uri, workspace, type ExtensionContext } from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient, type LanguageClientOptions, type MessageTransports } from 'vscode-languageclient/browser';
import { registerCommands } from './commands';
import { logStartup } from './startup';
import { registerStatusBar } from './statusBar';
import { serveWorkspaceFiles } from './workspaceFiles';
import { completingDiagnostics } from './ruleLinks';
import { CLIENT_OPTIONS, RULES_METHOD, type InitializationOptions, type RuleSummary } from '../../shared/protocol';

/** The Web platform's Worker (the client compiles without the DOM library). */
declare const Worker: new (scriptUrl: string) => ConstructorParameters<typeof BrowserMessageReader>[0];

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const serverScript = Uri.joinPath(context.extensionUri, 'dist', 'browserServer.js');
  const clientOptions: LanguageClientOptions = {
    // Any scheme: a web workspace lives on vscode-vfs:, vscode-remote:, memfs: … rather than file:.
    documentSelector: [...['dockerfile', 'dockercompose', 'yaml'].map((language) => ({ language })), { pattern: '**/.bulkhead.json' }],
    synchronize: { configurationSection: 'bulkhead' },
    diagnosticCollectionName: 'bulkhead',
    // The worker has no directory of its own: the rule pages are the extension's docs/.
    initializationOptions: { ...CLIENT_OPTIONS, docsUri: Uri.joinPath(context.extensionUri, 'docs').toString() } satisfies InitializationOptions,
    middleware: {
      handleDiagnostics: completingDiagnostics(
        () => client!.sendRequest<RuleSummary[]>(RULES_METHOD),
        (doc) => Uri.parse(doc),
      ),
    },
  };
  // A new worker on every start, so Restart Language Server really restarts it.
  client = new LanguageClient('bulkhead', 'Bulkhead', () => serverTransports(serverScript), clientOptions);
  serveWorkspaceFiles(client);
  registerCommands(context, () => client);
  registerStatusBar(context);
  await client.start();
  client.outputChannel.appendLine('Bulkhead runs as a web extension: language server in a web worker, files read through the editor.');
  await logStartup(context, client);
}

/**
 * A new worker running the server, and its message transports. The worker is started from the script's
 * URL (vscode.dev serves the extension over https). An extension installed on a remote server opened in
 * the browser (code-server, a remote over the web) has a vscode-remote: URL, which the web extension host
 * cannot start a worker from: the script is then read through the editor and started from a blob. The
 * transports are built here because the host's Worker is a wrapper the client's `instanceof Worker` misses.
 */
async function serverTransports(script: Uri): Promise<MessageTransports> {
  let worker;
  try {
    worker = new Worker(script.toString(true));
  } catch {
    const bytes = await workspace.fs.readFile(script);
    worker = new Worker(URL.createObjectURL(new Blob([bytes], { type: 'application/javascript' })));
  }
  return { reader: new BrowserMessageReader(worker), writer: new BrowserMessageWriter(worker) };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
