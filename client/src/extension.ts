// Activation: start the language server, register the commands and the status-bar item, log start-up.
import * as path from 'node:path';
import type { ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { documentationLinks } from './docs';
import { logStartup } from './startup';
import { registerStatusBar } from './statusBar';
import { CLIENT_OPTIONS, RULES_METHOD, type RuleSummary } from '../../shared/protocol';

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
    initializationOptions: CLIENT_OPTIONS,
    middleware: documentationLinks(context.asAbsolutePath('docs'), () => client!.sendRequest<RuleSummary[]>(RULES_METHOD)),
  };
  client = new LanguageClient('bulkhead', 'Bulkhead', serverOptions, clientOptions);
  registerCommands(context, () => client);
  registerStatusBar(context);
  await client.start();
  await logStartup(context, client);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
