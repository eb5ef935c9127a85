// Activation: start the language server and register the commands. Nothing else lives here.
import * as path from 'node:path';
import type { ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerCommands } from './commands';

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
  };
  client = new LanguageClient('bulkhead', 'Bulkhead', serverOptions, clientOptions);
  registerCommands(context, () => client);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
