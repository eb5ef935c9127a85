// Activation in the web extension host (vscode.dev, github.dev): the language server runs in a web
// worker (dist/browserServer.js) and reads workspace files through this client. Commands, status bar
// and start-up log are the desktop entry's.
import { Uri, type ExtensionContext } from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/browser';
import { registerCommands } from './commands';
import { logStartup } from './startup';
import { registerStatusBar } from './statusBar';
import { serveWorkspaceFiles } from './workspaceFiles';

/** The Web platform's Worker (the client compiles without the DOM library). */
declare const Worker: new (scriptUrl: string) => Exclude<ServerOptions, () => unknown>;

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const serverUrl = Uri.joinPath(context.extensionUri, 'dist', 'browserServer.js').toString(true);
  const clientOptions: LanguageClientOptions = {
    // Any scheme: a web workspace lives on vscode-vfs:, vscode-remote:, memfs: … rather than file:.
    documentSelector: [...['dockerfile', 'dockercompose', 'yaml'].map((language) => ({ language })), { pattern: '**/.bulkhead.json' }],
    synchronize: { configurationSection: 'bulkhead' },
    diagnosticCollectionName: 'bulkhead',
    // The worker has no directory of its own: the rule pages are the extension's docs/.
    initializationOptions: { docsUri: Uri.joinPath(context.extensionUri, 'docs').toString() },
  };
  // A new worker on every start, so Restart Language Server really restarts it.
  client = new LanguageClient('bulkhead', 'Bulkhead', () => Promise.resolve(new Worker(serverUrl)), clientOptions);
  serveWorkspaceFiles(client);
  registerCommands(context, () => client);
  registerStatusBar(context);
  await client.start();
  client.outputChannel.appendLine('Bulkhead runs as a web extension: language server in a web worker, files read through the editor.');
  await logStartup(context, client);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
