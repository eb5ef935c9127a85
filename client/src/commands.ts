// The three commands, thin: send a request or open a bundled file, show the result.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { commands, ProgressLocation, Uri, window, type ExtensionContext } from 'vscode';
import { WorkDoneProgress, type LanguageClient, type WorkDoneProgressBegin, type WorkDoneProgressReport } from 'vscode-languageclient/node';
import { COMMANDS, SCAN_METHOD, type ScanParams, type ScanResult } from '../../shared/protocol';

let tokenCounter = 0;

export function registerCommands(context: ExtensionContext, getClient: () => LanguageClient | undefined): void {
  context.subscriptions.push(
    commands.registerCommand(COMMANDS.scanWorkspace, () => scanWorkspace(getClient())),
    commands.registerCommand(COMMANDS.showRuleDocumentation, (ruleId?: string) => showDocumentation(context, ruleId)),
    commands.registerCommand(COMMANDS.restartServer, async () => {
      await getClient()?.restart();
      void window.showInformationMessage('Bulkhead: language server restarted.');
    }),
  );
}

async function scanWorkspace(client: LanguageClient | undefined): Promise<ScanResult | undefined> {
  if (!client) return undefined;
  const result = await window.withProgress(
    { location: ProgressLocation.Notification, title: 'Bulkhead', cancellable: true },
    async (progress, token) => {
      const workDoneToken = `bulkhead-scan-${++tokenCounter}`;
      const sub = client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
        if (value.kind === 'end') return;
        const message = (value as WorkDoneProgressBegin | WorkDoneProgressReport).message;
        if (message) progress.report({ message });
      });
      try {
        const params: ScanParams = { workDoneToken };
        return await client.sendRequest<ScanResult | null>(SCAN_METHOD, params, token);
      } finally {
        sub.dispose();
      }
    },
  );
  if (!result) return undefined;
  const summary = `${result.files} files, ${result.findings} findings (${result.errors} errors, ${result.warnings} warnings, ${result.infos} info)`;
  if (result.cancelled) void window.showWarningMessage(`Bulkhead scan cancelled after ${summary}.`);
  else void window.showInformationMessage(`Bulkhead scanned ${summary}.`);
  await commands.executeCommand('workbench.actions.view.problems');
  return result;
}

async function showDocumentation(context: ExtensionContext, ruleId?: string): Promise<void> {
  const id = ruleId ?? (await window.showInputBox({ prompt: 'Rule id, e.g. DF001' }));
  if (!id) return;
  const dir = context.asAbsolutePath(path.join('docs', 'rules'));
  const page = fs.readdirSync(dir).find((f) => f.toUpperCase().startsWith(`${id.toUpperCase()}-`));
  if (!page) {
    void window.showErrorMessage(`Bulkhead: no documentation for rule ${id}.`);
    return;
  }
  await commands.executeCommand('markdown.showPreview', Uri.file(path.join(dir, page)));
}
