// Rule pages and the threat model ship as Markdown in <extension>/docs. The server links them by file
// URI (any LSP client can open those); in VS Code a click on such a link, in a hover or on a rule id in
// the Problems panel, would open the raw, editable file: these links are rewritten to open the
// rendered, read-only preview instead. (This client links the rule ids itself: see ruleLinks.ts.)
import * as path from 'node:path';
import { commands, MarkdownString, Uri, type Hover } from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';
import type { RuleSummary } from '../../shared/protocol';
import { completingDiagnostics } from './ruleLinks';

/** Internal (not in the command palette): opens a documentation page's preview; its argument is the page's URI. */
export const OPEN_DOCUMENTATION = 'bulkhead.openDocumentation';

export function openDocumentation(uri: string): Thenable<unknown> {
  return commands.executeCommand('markdown.showPreview', Uri.parse(uri));
}

/** The link a documentation URI is rewritten to, or undefined for any other link. */
function previewLink(docsDir: string, target: string): string | undefined {
  const uri = Uri.parse(target);
  if (uri.scheme !== 'file' || !uri.fsPath.startsWith(docsDir + path.sep)) return undefined;
  return `command:${OPEN_DOCUMENTATION}?${encodeURIComponent(JSON.stringify([target]))}`;
}

const MARKDOWN_LINK = /\]\((file:[^)\s]+)\)/g;

/**
 * Middleware linking each diagnostic's code to its rule page (the server sends compact diagnostics: see
 * ruleLinks.ts) and rewriting the documentation links of hovers, both to the rendered preview.
 */
export function documentationLinks(docsDir: string, rules: () => PromiseLike<RuleSummary[]>): Middleware {
  return {
    handleDiagnostics: completingDiagnostics(rules, (doc) => Uri.parse(previewLink(docsDir, doc) ?? doc)),
    async provideHover(document, position, token, next): Promise<Hover | null | undefined> {
      const hover = await next(document, position, token);
      if (!hover) return hover;
      hover.contents = hover.contents.map((c) => {
        if (!(c instanceof MarkdownString)) return c;
        const rewritten = new MarkdownString(
          c.value.replace(MARKDOWN_LINK, (whole, target: string) => {
            const link = previewLink(docsDir, target);
            return link ? `](${link})` : whole;
          }),
        );
        rewritten.isTrusted = { enabledCommands: [OPEN_DOCUMENTATION] };
        return rewritten;
      });
      return hover;
    },
  };
}
