// The status-bar item: Bulkhead's findings in the active file, hidden for files Bulkhead does not check.
// A click offers the workspace scan and the settings.
import { commands, languages, StatusBarAlignment, window, type Diagnostic, type DiagnosticChangeEvent, type ExtensionContext, type TextDocument } from 'vscode';
import { COMMANDS, DIAGNOSTIC_SOURCE } from '../../shared/protocol';

export const STATUS_MENU = 'bulkhead.statusMenu';

/** A Kubernetes manifest says so at the top level; other YAML (CI files, Helm values) is not Bulkhead's. */
const MANIFEST = /^apiVersion:\s*\S/m;
const KIND = /^kind:\s*\S/m;

function isContainerFile(doc: TextDocument, diagnostics: Diagnostic[]): boolean {
  if (doc.languageId === 'dockerfile' || doc.languageId === 'dockercompose') return true;
  if (diagnostics.length > 0) return true;
  return doc.languageId === 'yaml' && MANIFEST.test(doc.getText()) && KIND.test(doc.getText());
}

const ours = (uri: TextDocument['uri']): Diagnostic[] => languages.getDiagnostics(uri).filter((d) => d.source === DIAGNOSTIC_SOURCE);

export function registerStatusBar(context: ExtensionContext): void {
  const item = window.createStatusBarItem('bulkhead.findings', StatusBarAlignment.Right, 100);
  item.name = 'Bulkhead findings';
  item.command = STATUS_MENU;
  const update = (): void => {
    const doc = window.activeTextEditor?.document;
    const diagnostics = doc ? ours(doc.uri) : [];
    if (!doc || !isContainerFile(doc, diagnostics)) {
      item.hide();
      return;
    }
    item.text = diagnostics.length === 0 ? '$(shield) Bulkhead' : `$(shield) ${diagnostics.length} finding${diagnostics.length === 1 ? '' : 's'}`;
    item.tooltip = `Bulkhead: ${diagnostics.length === 0 ? 'no findings' : `${diagnostics.length} in this file`}. Click to scan the workspace or open the settings.`;
    item.show();
  };
  context.subscriptions.push(
    item,
    window.onDidChangeActiveTextEditor(update),
    languages.onDidChangeDiagnostics((e: DiagnosticChangeEvent) => {
      const active = window.activeTextEditor?.document.uri.toString();
      if (active && e.uris.some((u) => u.toString() === active)) update();
    }),
    commands.registerCommand(STATUS_MENU, async () => {
      const choice = await window.showQuickPick(
        [
          { label: '$(search) Scan Workspace', command: COMMANDS.scanWorkspace, args: [] as unknown[] },
          { label: '$(gear) Settings', command: 'workbench.action.openSettings', args: ['bulkhead'] },
        ],
        { title: 'Bulkhead' },
      );
      if (choice) await commands.executeCommand(choice.command, ...choice.args);
    }),
  );
  update();
}
