// The commands, thin: send a request or open a bundled page, show the result.
import { commands, ProgressLocation, window, type ExtensionContext } from 'vscode';
import { WorkDoneProgress, type BaseLanguageClient as LanguageClient, type WorkDoneProgressBegin, type WorkDoneProgressReport } from 'vscode-languageclient';
import { COMMANDS, RULES_METHOD, SCAN_METHOD, type RuleSummary, type ScanParams, type ScanResult } from '../../shared/protocol';
import { openDocumentation, OPEN_DOCUMENTATION } from './docs';

let tokenCounter = 0;

export function registerCommands(context: ExtensionContext, getClient: () => LanguageClient | undefined): void {
  context.subscriptions.push(
    commands.registerCommand(COMMANDS.scanWorkspace, () => scanWorkspace(getClient())),
    commands.registerCommand(COMMANDS.showRuleDocumentation, (ruleId?: string) => showDocumentation(getClient(), ruleId)),
    commands.registerCommand(OPEN_DOCUMENTATION, (uri: string) => openDocumentation(uri)),
    commands.registerCommand(COMMANDS.restartServer, async () => {
      // stop + start, as the Node client's restart() does (the web client has none; its worker is started anew).
      const client = getClient();
      await client?.stop();
      await client?.start();
      void window.showInformationMessage('Bulkhead: language server restarted.');
    }),
  );
}

async function scanWorkspace(client: LanguageClient | undefined): Promise<ScanResult | undefined> {
  if (!client) return undefined;
  const result = await window.withProgress({ location: ProgressLocation.Notification, title: 'Bulkhead', cancellable: true }, async (progress, token) => {
    const workDoneToken = `bulkhead-scan-${++tokenCounter}`;
    // VS Code's bar takes increments, LSP sends the percentage so far: report the difference.
    let shown = 0;
    const sub = client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
      if (value.kind === 'end') return;
      const { message, percentage } = value as WorkDoneProgressBegin | WorkDoneProgressReport;
      const increment = percentage !== undefined && percentage > shown ? percentage - shown : undefined;
      if (increment) shown += increment;
      if (message || increment) progress.report({ message: message && (percentage !== undefined ? `${message} (${percentage}%)` : message), increment });
    });
    try {
      const params: ScanParams = { workDoneToken };
      return await client.sendRequest<ScanResult | null>(SCAN_METHOD, params, token);
    } finally {
      sub.dispose();
    }
  });
  if (!result) return undefined;
  const summary = `${result.files} files, ${result.findings} findings (${result.errors} errors, ${result.warnings} warnings, ${result.infos} info)`;
  client.outputChannel.appendLine(`Workspace scan ${result.cancelled ? 'cancelled after' : 'done:'} ${summary}, ${result.skipped} skipped, in ${result.durationMs} ms`);
  if (result.cancelled) void window.showWarningMessage(`Bulkhead scan cancelled after ${summary}.`);
  else void window.showInformationMessage(`Bulkhead scanned ${summary}.`);
  await commands.executeCommand('workbench.actions.view.problems');
  return result;
}

/**
 * A rule's page, rendered: by id (from a code action), or picked from every rule, searchable by id,
 * title, kind, severity and the peer tools' ids (DL3002, CKV_K8S_20, KSV001 …).
 */
async function showDocumentation(client: LanguageClient | undefined, ruleId?: string): Promise<void> {
  if (!client) return;
  const rules = await client.sendRequest<RuleSummary[]>(RULES_METHOD);
  const wanted = ruleId?.trim().toUpperCase();
  const rule = wanted ? rules.find((r) => r.id === wanted || r.aliases.some((a) => a.toUpperCase() === wanted)) : await pickRule(rules);
  if (!rule) {
    if (wanted) void window.showErrorMessage(`Bulkhead: no rule ${ruleId}.`);
    return;
  }
  await openDocumentation(rule.doc);
}

async function pickRule(rules: RuleSummary[]): Promise<RuleSummary | undefined> {
  const items = rules.map((r) => ({
    label: r.id,
    description: r.title,
    detail: [r.appliesTo, r.severity, ...(r.aliases.length ? [`same as ${r.aliases.join(', ')}`] : [])].join(' · '),
    rule: r,
  }));
  const picked = await window.showQuickPick(items, {
    title: 'Bulkhead: Show Rule Documentation',
    placeHolder: 'Rule id, title, or a peer id such as DL3002 or CKV_K8S_20',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.rule;
}
