// Start-up logging, shared by the desktop (extension.ts) and web (browser.ts) entries.
import { workspace, type ExtensionContext } from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';

/** The output channel says which versions run and which config files apply (the server logs rule errors there). */
export async function logStartup(context: ExtensionContext, started: BaseLanguageClient): Promise<void> {
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
