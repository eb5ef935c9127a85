// Rule metadata → hover, rule page, README table and config schema. The single source of truth for
// every word a user reads about a rule.
import type { Alias, Finding, Fix, PeerTool, Reference, RuleMeta } from '../model';
import { escapeMarkdown, firstSentence, markdownToPlain, tableCell } from './markdown';
import { PRINCIPLES, THREATS } from '../threats';

const PEER_NAMES: Record<PeerTool, string> = {
  hadolint: 'hadolint',
  buildkit: 'Docker build check',
  'kube-linter': 'kube-linter',
  kubesec: 'kubesec',
  checkov: 'Checkov',
  trivy: 'Trivy',
  polaris: 'Polaris',
  semgrep: 'Semgrep',
  kics: 'KICS',
};

export function docFileName(meta: RuleMeta): string {
  return `${meta.id}-${meta.name}.md`;
}

export function renderReference(r: Reference): string {
  switch (r.standard) {
    case 'cis-docker':
      return `CIS Docker Benchmark ${r.section} (${r.title})`;
    case 'pss':
      return `Pod Security Standards, ${r.level}: ${r.control}`;
    case 'cwe':
      return `[CWE-${r.id}](https://cwe.mitre.org/data/definitions/${r.id}.html)`;
    case 'url':
      return `[${r.title}](${r.href})`;
  }
}

export function renderAliases(aliases: Alias[]): string {
  if (aliases.length === 0) return '';
  const byTool = new Map<PeerTool, string[]>();
  // A peer id that is one of the rule's checks says which.
  for (const a of aliases) byTool.set(a.tool, [...(byTool.get(a.tool) ?? []), `\`${a.id}\`${a.checks ? ` (${a.checks.join(', ')})` : ''}`]);
  return 'same as ' + [...byTool].map(([tool, ids]) => `${PEER_NAMES[tool]} ${ids.join(', ')}`).join('; ');
}

/** The page of the generated threat model, and the anchor of each threat on it (its heading's slug). */
export const THREAT_MODEL_FILE = 'threat-model.md';

export type HoverFormat = 'markdown' | 'plaintext';

export interface HoverOptions {
  format: HoverFormat;
  /** Where the rule page and the threat model page are; no link without them. */
  docHref?: string;
  threatModelHref?: string;
  /** Print the finding's message: only for clients that do not show diagnostics themselves. */
  withMessage?: boolean;
}

/**
 * Hover for a finding (THREAT-MODEL.md "How a hover reads"), short enough to leave the editor's
 * "Quick Fix…" in view: the rule, one line of threat and why, the fix in one line, links. The long
 * explanation lives on the rule page.
 */
export function renderHover(meta: RuleMeta, finding: Finding, options: HoverOptions): string {
  const md = options.format === 'markdown';
  const prose = (authored: string): string => (md ? firstSentence(authored) : markdownToPlain(firstSentence(authored)));
  const text = (plain: string): string => (md ? escapeMarkdown(plain) : plain);
  const label = (name: string): string => (md ? `**${name}:**` : `${name}:`);
  const threat = THREATS[meta.threat];
  const heading = `${meta.id} · ${meta.title}`;
  const lines = [md ? `**${text(heading)}** · ${finding.severity}` : `${heading} (${finding.severity})`];
  if (options.withMessage) lines.push(text(finding.message));
  lines.push(`${label('Threat')} ${threat.title}. ${prose(meta.rationale)}`);
  const quickFix = finding.fixes.find((f) => f.edits.length > 0 || f.fileEdits?.length);
  lines.push(`${label('Fix')} ${quickFix ? `${text(quickFix.title)} (Quick Fix, ${text(fixLabel(meta))})` : prose(meta.remediation)}`);
  const links: Array<[string, string | undefined]> = [
    ['Rule documentation', options.docHref],
    ['Threat model', options.threatModelHref && `${options.threatModelHref}#${meta.threat}`],
  ];
  const present = links.filter((l): l is [string, string] => !!l[1]);
  if (present.length) lines.push(present.map(([name, href]) => (md ? `[${name}](${href})` : `${name}: ${href}`)).join(md ? ' · ' : '\n'));
  // Markdown needs two trailing spaces for a line break inside a paragraph; plaintext keeps its newlines.
  return lines.join(md ? '  \n' : '\n');
}

/** The one applicability label of a fix, worded for it: short in a hover, explained on the rule page. */
export function fixLabel(meta: RuleMeta, explained = false): string {
  const fix = meta.fix;
  if (!fix) return '';
  switch (fix.applicability) {
    case 'safe':
      return explained ? 'safe: keeps the behaviour of a correct workload; applied by "Fix all" and --fix' : 'safe';
    case 'unsafe':
      return `review: ${fix.review}${explained ? '. Never applied automatically' : ''}`;
    case 'display-only':
      return explained ? 'guidance: needs facts Bulkhead does not have, so nothing is edited' : 'guidance';
  }
}

/** A code action's title: the fix's own title, with "(review)" when it must be checked before keeping it. */
export function fixActionTitle(fix: Fix): string {
  return fix.applicability === 'unsafe' ? `${fix.title} (review)` : fix.title;
}

/** A message or fix-title template as the docs show it: `{{user}}` reads `<user>`, escaped so that it shows. */
export function templateText(template: string): string {
  return escapeMarkdown(template.replace(/\{\{(\w+)\}\}/g, '<$1>'));
}

const FENCE: Record<string, string> = { dockerfile: 'dockerfile', compose: 'yaml', kubernetes: 'yaml', any: '' };

/** The bundled rule page, `docs/rules/<ID>-<name>.md`. */
export function renderRulePage(meta: RuleMeta, allMetas: readonly RuleMeta[]): string {
  const threat = THREATS[meta.threat];
  const principle = PRINCIPLES[meta.principle];
  const fence = FENCE[meta.appliesTo];
  const out = [
    `# ${meta.id} · ${escapeMarkdown(meta.title)}`,
    '',
    `| | |`,
    `|---|---|`,
    `| Rule | \`${meta.id}\` \`${meta.name}\` |`,
    `| Applies to | ${meta.appliesTo === 'any' ? 'every file' : meta.appliesTo} |`,
    `| Default severity | ${meta.enabledByDefault === false ? `off (${meta.severity} when enabled)` : meta.severity} |`,
    `| Threat | ${tableCell(escapeMarkdown(`${threat.title}: ${threat.summary}`))} |`,
    `| Principle | ${tableCell(escapeMarkdown(`${principle.title}: ${principle.summary}`))} |`,
    `| Quick fix | ${meta.fix ? tableCell(`${templateText(meta.fix.title)} (${meta.fix.applicability})`) : 'none'} |`,
    `| Since | ${meta.since} |`,
    '',
    '## What it flags',
    '',
    ...Object.values<string>(meta.messages).map((m) => `- ${templateText(m)}`),
    '',
    '## Why it matters',
    '',
    meta.rationale,
    '',
    '## How to fix it',
    '',
    meta.remediation,
    '',
    '## Example',
    '',
    ...(meta.examples.trustedRegistries ? [`With \`trustedRegistries: [${meta.examples.trustedRegistries.join(', ')}]\` configured:`, ''] : []),
    'Flagged:',
    '',
    '```' + fence,
    meta.examples.bad.trimEnd(),
    '```',
    '',
    'Not flagged:',
    '',
    '```' + fence,
    meta.examples.good.trimEnd(),
    '```',
  ];
  if (meta.fix) out.push('', '## Quick fix', '', `**${templateText(meta.fix.title)}**: ${escapeMarkdown(fixLabel(meta, true))}.`);
  const refs = [...meta.references.map(renderReference), renderAliases(meta.aliases)].filter(Boolean);
  if (refs.length) out.push('', '## References', '', ...refs.map((r) => `- ${r}`));
  const related = (meta.related ?? []).map((id) => allMetas.find((m) => m.id === id)).filter((m): m is RuleMeta => !!m);
  if (related.length) out.push('', '## Related rules', '', ...related.map((m) => `- [${m.id} · ${escapeMarkdown(m.title)}](${docFileName(m)})`));
  out.push('', `Suppress with \`# bulkhead-ignore ${meta.id} -- <reason>\` on the line above, or turn it off with \`"bulkhead.rules": { "${meta.id}": "off" }\`.`, '');
  return out.join('\n');
}

/** The README rules table (between the rules markers). */
export function renderRulesTable(metas: readonly RuleMeta[]): string {
  const rows = metas.map((m) => {
    const sev = m.enabledByDefault === false ? 'off' : m.severity;
    const fix = m.fix ? m.fix.applicability : '—';
    const peers = m.aliases.map((a) => `\`${a.id}\``).join(' ');
    const cells = [`[${m.id}](docs/rules/${docFileName(m)})`, m.appliesTo, escapeMarkdown(m.title), sev, escapeMarkdown(THREATS[m.threat].title), fix, peers];
    return `| ${cells.map(tableCell).join(' | ')} |`;
  });
  return ['| Id | Applies to | Title | Severity | Threat | Quick fix | Same as |', '|---|---|---|---|---|---|---|', ...rows].join('\n');
}

const capitalized = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * `docs/threat-model.md`: each threat and principle with the rules that guard against it. A threat's
 * heading is its title, so its anchor is its id (`#container-escape`): hovers link there.
 */
export function renderThreatModel(metas: readonly RuleMeta[]): string {
  const ruleLinks = (picked: RuleMeta[]): string => picked.map((m) => `[${m.id}](rules/${docFileName(m)})`).join(' · ') || 'none yet';
  const out = [
    '# Threat model',
    '',
    'Every Bulkhead finding names the threat it opens and the design principle it breaks. The rule pages explain each finding; this page lists the threats and principles with the rules that address them.',
    '',
    '## Threats',
  ];
  for (const [id, t] of Object.entries(THREATS)) {
    out.push('', `### ${t.title}`, '', `${escapeMarkdown(capitalized(t.summary))}.`, '', `Rules: ${ruleLinks(metas.filter((m) => m.threat === id))}`);
  }
  out.push('', '## Principles');
  for (const [id, p] of Object.entries(PRINCIPLES)) {
    out.push('', `### ${p.title}`, '', `${escapeMarkdown(capitalized(p.summary))}.`, '', `Rules: ${ruleLinks(metas.filter((m) => m.principle === id))}`);
  }
  return out.join('\n') + '\n';
}
