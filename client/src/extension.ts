// Activation: start the language server, register the commands and the status-bar item, log start-up.
import * as path from 'node:path';
import { workspace, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { documentationLinks } from './docs';
import { registerStatusBar } from './statusBar';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const documentSelector = [
    ...['dockerfile', 'dockercompose', 'yaml'].flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    // The JSON form of the config file: the server reports its unknown rule ids (`.bulkhead.yaml` is YAML already).
    { scheme: 'file', pattern: '**/.bulkhead.json' },
  ];
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    synchronize: { configurationSection: 'bulkhead' },
    diagnosticCollectionName: 'bulkhead',
    middleware: documentationLinks(context.asAbsolutePath('docs')),
  };
  client = new LanguageClient('bulkhead', 'Bulkhead', serverOptions, clientOptions);
  registerCommands(context, () => client);
  registerStatusBar(context);
  await client.start();
  await logStartup(context, client);
}

/** The output channel says which versions run and which config files apply (the server logs rule errors there). */
async function logStartup(context: ExtensionContext, started: LanguageClient): Promise<void> {
  const extensionVersion = (context.extension.packageJSON as { version?: string }).version ?? '?';
  const server = started.initializeResult?.serverInfo;
  started.outputChannel.appendLine(`Bulkhead ${extensionVersion} started (language server ${server?.name ?? 'bulkhead'} ${server?.version ?? '?'}).`);
  const configs = await workspace.findFiles('**/.bulkhead.{yaml,yml,json}', '**/node_modules/**', 50);
  started.outputChannel.appendLine(
    configs.length === 0
      ? 'No .bulkhead.yaml/.yml/.json in the workspace: the bulkhead.* settings apply.'
      : `Config files: ${configs
          .map((u) => workspace.asRelativePath(u))
          .sort()
          .join(', ')}. The bulkhead.* settings override their rules and trustedRegistries; their kubernetes section wins over the settings.`,
  );
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
