// Code actions keyed by rule id and range (never by message): the rule's fix as a workspace edit,
// "Ignore <ID> for this line", "Show documentation for <ID>", and source.fixAll.bulkhead (safe only).
import { CodeActionKind, CreateFile, TextDocumentEdit, type CodeAction, type CodeActionContext, type Diagnostic, type Range, type WorkspaceEdit } from 'vscode-languageserver/node';
import { diffEdit, fixActionTitle, fixAll, hardenToRestricted, META_BY_ID, suppressionEdit, type EngineConfig, type Finding, type Fix, type WorkspaceHost } from '../engine/index';
import { COMMANDS, DIAGNOSTIC_SOURCE } from '../../../shared/protocol';
import { pathToUri } from './uris';
import type { CachedAnalysis } from './diagnostics';
import { FIX_ALL_KIND, HARDEN_KIND } from './capabilities';

const sameRange = (a: Range, b: Range): boolean => a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;

/** The finding a diagnostic the client sends back shows: its rule id is the diagnostic's code. */
function findingFor(diagnostic: Diagnostic, findings: Finding[]): Finding | undefined {
  return findings.find((f) => f.ruleId === diagnostic.code && sameRange(f.range, diagnostic.range));
}

/** Wants `kind` when the client asked for no particular kinds, or for it or a parent kind. */
function wants(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(o + '.'));
}

/**
 * The actions for one request. Fix-all is a source action: offered only when the client names its kind
 * (or a parent such as `source.fixAll`), as on save, never in the light bulb's unfiltered list.
 */
export function codeActions(
  uri: string,
  cached: CachedAnalysis,
  context: CodeActionContext & { range?: Range },
  fixAllInput: { languageId: string; config: EngineConfig; workspace?: WorkspaceHost },
): CodeAction[] {
  const { only } = context;
  const actions = wants(only, CodeActionKind.QuickFix) ? quickFixes(uri, cached, context.diagnostics, fixAllInput.workspace) : [];
  if (only && wants(only, FIX_ALL_KIND)) {
    const fixAll = fixAllAction(uri, cached, fixAllInput.languageId, fixAllInput.config);
    if (fixAll) actions.push(fixAll);
  }
  // Like fix-all, only on request (the Source Action menu): it re-analyzes the workload several times.
  if (only && wants(only, HARDEN_KIND) && context.range && cached.result.kind === 'kubernetes') {
    const harden = hardenAction(uri, cached, context.range, fixAllInput.config, fixAllInput.workspace);
    if (harden) actions.push(harden);
  }
  return actions;
}

/** "Harden to restricted": every restricted-profile fix for the workload under the cursor, as one edit. */
function hardenAction(uri: string, cached: CachedAnalysis, range: Range, config: EngineConfig, workspace?: WorkspaceHost): CodeAction | undefined {
  const hardened = hardenToRestricted({ uri, text: cached.result.src.text, workspace }, range.start, config);
  if (!hardened || hardened.edits.length === 0) return undefined;
  const manual = hardened.remaining.length ? ` (${hardened.remaining.length} control${hardened.remaining.length > 1 ? 's' : ''} left to change by hand: ${hardened.remaining.join(', ')})` : '';
  return { title: `Bulkhead: harden this workload to the restricted Pod Security profile${manual}`, kind: HARDEN_KIND, edit: { changes: { [uri]: hardened.edits } } };
}

/** Engine findings (parse errors, skipped files, suppression problems) are reported after suppressions apply. */
const suppressible = (ruleId: string): boolean => META_BY_ID.get(ruleId)?.appliesTo !== 'any';

function quickFixes(uri: string, cached: CachedAnalysis, diagnostics: Diagnostic[], workspace?: WorkspaceHost): CodeAction[] {
  const { result } = cached;
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
    const finding = findingFor(diagnostic, result.findings);
    if (!finding) continue;
    for (const fix of finding.fixes) {
      const edit = fix.edits.length === 0 && !fix.fileEdits?.length ? undefined : workspaceEdit(uri, fix, workspace);
      if (edit) actions.push({ title: fixActionTitle(fix), kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.applicability === 'safe', edit });
    }
    if (suppressible(finding.ruleId)) {
      const instruction = result.dockerfile?.instructions.find((i) => i.startLine <= finding.range.start.line && finding.range.start.line <= i.endLine);
      actions.push({
        title: `Ignore ${finding.ruleId} for this line`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: { changes: { [uri]: [suppressionEdit(result.src, finding, instruction?.startLine)] } },
      });
    }
    actions.push({
      title: `Show documentation for ${finding.ruleId}`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      command: { title: `Show documentation for ${finding.ruleId}`, command: COMMANDS.showRuleDocumentation, arguments: [finding.ruleId] },
    });
  }
  return actions;
}

/** Every safe fix, applied in passes; returned as one edit of the lines that changed. */
function fixAllAction(uri: string, cached: CachedAnalysis, languageId: string, config: EngineConfig): CodeAction | undefined {
  const text = cached.result.src.text;
  const fixed = fixAll({ uri, text, languageId }, config, ['safe']);
  if (fixed.text === text) return undefined;
  return { title: 'Bulkhead: fix all safe problems', kind: FIX_ALL_KIND, edit: { changes: { [uri]: [diffEdit(cached.result.src, fixed.text)] } } };
}

/**
 * A fix as a workspace edit: plain `changes` for this document, `documentChanges` when it also creates or
 * edits other files. Those must lie inside the workspace (links resolved); otherwise the fix is not offered
 * at all (undefined): half a fix would be wrong, and the engine reports such a reference as BH006 anyway.
 */
function workspaceEdit(uri: string, fix: Fix, workspace: WorkspaceHost | undefined): WorkspaceEdit | undefined {
  if (!fix.fileEdits?.length) return { changes: { [uri]: fix.edits } };
  if (!workspace || fix.fileEdits.some((e) => !workspace.contains(e.path))) return undefined;
  const documentChanges: WorkspaceEdit['documentChanges'] = [];
  if (fix.edits.length) documentChanges.push(TextDocumentEdit.create({ uri, version: null }, fix.edits));
  for (const edit of fix.fileEdits) {
    const target = pathToUri(edit.path);
    if (edit.create) documentChanges.push(CreateFile.create(target, { ignoreIfExists: true }));
    documentChanges.push(TextDocumentEdit.create({ uri: target, version: null }, edit.edits));
  }
  return { documentChanges };
}
