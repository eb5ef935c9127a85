// Rule metadata → hover, rule page, README table and config schema. The single source of truth for
// every word a user reads about a rule.
import type { Alias, Finding, PeerTool, Reference, RuleMeta } from '../model';
import { PRINCIPLES, THREATS } from '../threats';

const PEER_NAMES: Record<PeerTool, string> = {
  hadolint: 'hadolint', buildkit: 'Docker build check', 'kube-linter': 'kube-linter', kubesec: 'kubesec',
  checkov: 'Checkov', trivy: 'Trivy', polaris: 'Polaris', semgrep: 'Semgrep', kics: 'KICS',
};

export function docFileName(meta: RuleMeta): string {
  return `${meta.id}-${meta.name}.md`;
}

export function renderReference(r: Reference): string {
  switch (r.standard) {
    case 'cis-docker': return `CIS Docker Benchmark ${r.section} (${r.title})`;
    case 'pss': return `Pod Security Standards, ${r.level}: ${r.control}`;
    case 'cwe': return `[CWE-${r.id}](https://cwe.mitre.org/data/definitions/${r.id}.html)`;
    case 'url': return `[${r.title}](${r.href})`;
  }
}

export function renderAliases(aliases: Alias[]): string {
  if (aliases.length === 0) return '';
  const byTool = new Map<PeerTool, string[]>();
  for (const a of aliases) byTool.set(a.tool, [...(byTool.get(a.tool) ?? []), a.id]);
  return 'same as ' + [...byTool].map(([tool, ids]) => `${PEER_NAMES[tool]} ${ids.map((i) => `\`${i}\``).join(', ')}`).join('; ');
}

const firstParagraph = (md: string): string => md.split(/\n\s*\n/)[0].trim();

function referenceLine(meta: RuleMeta): string {
  return [...meta.references.map(renderReference), renderAliases(meta.aliases)].filter(Boolean).join(' · ');
}

/** Hover markdown for a finding (THREAT-MODEL.md "How a hover reads"). */
export function renderHover(meta: RuleMeta, finding: Finding, docHref?: string): string {
  const threat = THREATS[meta.threat];
  const principle = PRINCIPLES[meta.principle];
  const lines = [
    `**${meta.id} · ${meta.title}** (${finding.severity})`,
    '',
    finding.message,
    '',
    `**Threat:** ${threat.title}: ${threat.summary}.  `,
    `**Principle:** ${principle.title}: ${principle.summary}.`,
    '',
    `**Why:** ${firstParagraph(meta.rationale)}`,
    '',
    `**Fix:** ${firstParagraph(meta.remediation)}`,
  ];
  for (const fix of finding.fixes) lines.push('', `**Quick fix:** ${fix.title} (${APPLICABILITY[fix.applicability]})`);
  const refs = referenceLine(meta);
  if (refs) lines.push('', `**References:** ${refs}`);
  if (docHref) lines.push('', `[Rule documentation](${docHref})`);
  return lines.join('\n');
}

const APPLICABILITY = {
  safe: 'safe: keeps the behaviour of a correct workload; applied by "Fix all" and `--fix`',
  unsafe: 'review: tightens privileges and may break a workload that relied on them; never applied automatically',
  'display-only': 'guidance: needs facts Bulkhead does not have, so nothing is edited',
} as const;

const FENCE: Record<string, string> = { dockerfile: 'dockerfile', compose: 'yaml', kubernetes: 'yaml', any: '' };

/** The bundled rule page, `docs/rules/<ID>-<name>.md`. */
export function renderRulePage(meta: RuleMeta, allMetas: readonly RuleMeta[]): string {
  const threat = THREATS[meta.threat];
  const principle = PRINCIPLES[meta.principle];
  const fence = FENCE[meta.appliesTo];
  const out = [
    `# ${meta.id} · ${meta.title}`,
    '',
    `| | |`,
    `|---|---|`,
    `| Rule | \`${meta.id}\` \`${meta.name}\` |`,
    `| Applies to | ${meta.appliesTo === 'any' ? 'every file' : meta.appliesTo} |`,
    `| Default severity | ${meta.enabledByDefault === false ? `off (${meta.severity} when enabled)` : meta.severity} |`,
    `| Threat | ${threat.title}: ${threat.summary} |`,
    `| Principle | ${principle.title}: ${principle.summary} |`,
    `| Quick fix | ${meta.fix ? `${meta.fix.title} (${meta.fix.applicability})` : 'none'} |`,
    `| Since | ${meta.since} |`,
    '',
    '## What it flags',
    '',
    ...Object.values<string>(meta.messages).map((m) => `- ${m.replace(/\{\{(\w+)\}\}/g, '<$1>')}`),
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
  if (meta.fix) out.push('', '## Quick fix', '', `**${meta.fix.title}**: ${APPLICABILITY[meta.fix.applicability]}.`);
  const refs = [...meta.references.map(renderReference), renderAliases(meta.aliases)].filter(Boolean);
  if (refs.length) out.push('', '## References', '', ...refs.map((r) => `- ${r}`));
  const related = (meta.related ?? []).map((id) => allMetas.find((m) => m.id === id)).filter((m): m is RuleMeta => !!m);
  if (related.length) out.push('', '## Related rules', '', ...related.map((m) => `- [${m.id} · ${m.title}](${docFileName(m)})`));
  out.push('', `Suppress with \`# bulkhead-ignore ${meta.id} -- <reason>\` on the line above, or turn it off with \`"bulkhead.rules": { "${meta.id}": "off" }\`.`, '');
  return out.join('\n');
}

/** The README rules table (between the rules markers). */
export function renderRulesTable(metas: readonly RuleMeta[]): string {
  const rows = metas.map((m) => {
    const sev = m.enabledByDefault === false ? 'off' : m.severity;
    const fix = m.fix ? m.fix.applicability : '—';
    const peers = m.aliases.map((a) => `\`${a.id}\``).join(' ');
    return `| [${m.id}](docs/rules/${docFileName(m)}) | ${m.appliesTo} | ${m.title} | ${sev} | ${THREATS[m.threat].title} | ${fix} | ${peers} |`;
  });
  return ['| Id | Applies to | Title | Severity | Threat | Quick fix | Same as |', '|---|---|---|---|---|---|---|', ...rows].join('\n');
}
