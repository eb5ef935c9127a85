// Hover: a short explanation of every finding under the cursor, rendered from rule metadata in the
// format the client asked for.
import { MarkupKind, type ClientCapabilities, type Hover, type Position } from 'vscode-languageserver/node';
import { escapeMarkdown, META_BY_ID, renderHover, VERDICT_READ_LIMIT, type ExpressionVerdict, type Finding, type HoverFormat, type RuleMeta, type WorkloadPodSecurity } from '../engine/index';
import { docUri, threatModelUri } from './diagnostics';
import { pathToUri } from './uris';

/** What the client can show: its preferred hover format, and whether it displays diagnostics itself. */
export interface HoverClient {
  format: HoverFormat;
  showsDiagnostics: boolean;
}

/** `hover.contentFormat` lists the formats the client takes, preferred first; without it, plaintext (LSP default). */
export function hoverClientOf(capabilities: ClientCapabilities): HoverClient {
  const formats = capabilities.textDocument?.hover?.contentFormat ?? [MarkupKind.PlainText];
  const preferred = formats.find((f) => f === MarkupKind.Markdown || f === MarkupKind.PlainText);
  return { format: preferred ?? MarkupKind.PlainText, showsDiagnostics: !!capabilities.textDocument?.publishDiagnostics };
}

const contains = (f: { range: Finding['range'] }, p: Position): boolean => {
  const { start, end } = f.range;
  const afterStart = p.line > start.line || (p.line === start.line && p.character >= start.character);
  const beforeEnd = p.line < end.line || (p.line === end.line && p.character <= end.character);
  return afterStart && beforeEnd;
};

/** What is under the cursor besides findings: a workload's Pod Security standing, a CEL expression's verdict. */
export interface HoverViews {
  workloads: WorkloadPodSecurity[];
  /** The verdict of the expression at the position, if one is there. */
  verdict?: ExpressionVerdict;
  /** How a workspace file is named in a hover (relative to its folder); the path itself without it. */
  label?: (path: string) => string;
}

/** `metas`: the rules of the document's configuration (its organisation rules with the built-in ones). */
export function hoverAt(findings: Finding[], position: Position, views: HoverViews, client: HoverClient, metas: ReadonlyMap<string, RuleMeta>): Hover | null {
  const here = findings.filter((f) => contains(f, position));
  const workload = views.workloads.find((w) => contains(w, position));
  const { verdict } = views;
  if (here.length === 0 && !workload && !verdict) return null;
  const { format } = client;
  const sections = here.map((f) => {
    const meta = metas.get(f.ruleId);
    if (!meta) return format === MarkupKind.Markdown ? escapeMarkdown(f.message) : f.message;
    // An organisation rule's page is its hover (title, expression, message): no documentation file exists.
    const docHref = META_BY_ID.has(f.ruleId) ? docUri(f.ruleId) : undefined;
    return renderHover(meta, f, { format, docHref, threatModelHref: threatModelUri(), withMessage: !client.showsDiagnostics });
  });
  if (workload) sections.unshift(renderPodSecurity(workload, format));
  if (verdict) sections.unshift(renderVerdict(verdict, format, views.label ?? ((path) => path)));
  const separator = format === MarkupKind.Markdown ? '\n\n---\n\n' : '\n\n';
  return { contents: { kind: format, value: sections.join(separator) }, range: (verdict ?? workload ?? here[0]).range };
}

/** A workspace file as a hover names it: relative to the folder holding it (engine paths, `/`-separated). */
export function labelInFolders(folders: readonly string[]): (path: string) => string {
  return (path) => {
    const folder = folders.find((f) => path.startsWith(f.endsWith('/') ? f : `${f}/`));
    return folder ? path.slice(folder.length).replace(/^\//, '') : path;
  };
}

/** Failing subjects listed in a hover; the rest are counted ("and N more"). */
export const VERDICT_LIST_LIMIT = 10;

/** Which workspace subjects a CEL expression fails now, each linked to its line. */
export function renderVerdict(v: ExpressionVerdict, format: HoverFormat, label: (path: string) => string): string {
  const md = format === MarkupKind.Markdown;
  const text = (plain: string): string => (md ? escapeMarkdown(plain) : plain);
  const heading = `${md ? `**${text(v.where)}**` : v.where}: `;
  if (v.problem) return `${heading}${text(`not evaluated: ${v.problem}`)}`;
  const unread = v.unreadFiles
    ? `\n\n${text(`${v.unreadFiles} more ${v.unreadFiles === 1 ? 'file was' : 'files were'} not read: a hover reads up to ${VERDICT_READ_LIMIT / (1 << 20)} MB of the workspace (the diagnostics judge every file).`)}`
    : '';
  if (v.evaluated === 0) return `${heading}matches no object in the workspace${unread}`;
  const objects = (n: number) => `${n} matched ${n === 1 ? 'object' : 'objects'}`;
  if (v.failing.length === 0) return `${heading}passes on all ${objects(v.evaluated)}${unread}`;
  const lines = v.failing.slice(0, VERDICT_LIST_LIMIT).map((f) => {
    // Lines are 1-based in the label and the link fragment, as editors open `#L<line>`.
    const where = `${label(f.path)}:${f.range.start.line + 1}`;
    const link = `${pathToUri(f.path)}#L${f.range.start.line + 1}`;
    const reason = f.reason ? ` (${f.reason})` : '';
    return md ? `- ${text(f.label)} in [${text(where)}](${link})${text(reason)}` : `- ${f.label} in ${where}${reason}: ${link}`;
  });
  const more = v.failing.length - VERDICT_LIST_LIMIT;
  if (more > 0) lines.push(`- and ${more} more`);
  return [`${heading}fails on ${v.failing.length} of ${objects(v.evaluated)}`, '', ...lines].join('\n') + unread;
}

const verdict = (passes: boolean): string => (passes ? 'passes' : 'fails');

/** The workload's Pod Security standing, shown on its `kind:` line. */
export function renderPodSecurity(w: WorkloadPodSecurity, format: HoverFormat): string {
  const md = format === MarkupKind.Markdown;
  const text = (plain: string): string => (md ? escapeMarkdown(plain) : plain);
  const strong = (plain: string): string => (md ? `**${text(plain)}**` : plain);
  const name = w.name ? ` "${w.name}"` : '';
  // A Kustomize patch holds part of the object: its own verdicts would fail every setting its base holds.
  if (w.kustomizePatch && w.kustomizePatch.overlay === undefined)
    return `${strong('Pod Security Standards')} ${text(`for ${w.kind}${name}: this file is a Kustomize patch, only part of the object, and no overlay here builds it: its standing is not known.`)}`;
  const source = w.levelSource === 'namespace' ? `namespace ${w.namespace} enforces` : 'checked at';
  const lines = [
    `${strong('Pod Security Standards')} ${text(`for ${w.kind}${name}: ${source}`)} ${strong(w.level)} (version ${text(w.version)})`,
    '',
    ...(w.kustomizePatch ? [text(`This file is a Kustomize patch: the standing is the effective object's, as the overlay ${w.kustomizePatch.overlay} builds it.`), ''] : []),
    `- baseline: ${verdict(w.baseline)}`,
    `- restricted: ${verdict(w.restricted)}`,
  ];
  if (w.failing.length) {
    lines.push('', 'Failing controls:', ...w.failing.map((c) => `- ${text(`${c.control} (${c.level}): ${c.ruleIds.join(', ')}`)}`));
    if (!w.restricted) lines.push('', `The source action ${md ? '*Harden to restricted*' : '"Harden to restricted"'} applies every available fix at once.`);
  }
  return lines.join('\n');
}
