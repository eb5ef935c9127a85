// Hover: the explanation of every finding under the cursor, rendered from rule metadata.
import type { Hover, Position } from 'vscode-languageserver/node';
import { META_BY_ID, renderHover, type Finding, type WorkloadPodSecurity } from '../engine/index';
import { docUri } from './diagnostics';

const contains = (f: { range: Finding['range'] }, p: Position): boolean => {
  const { start, end } = f.range;
  const afterStart = p.line > start.line || (p.line === start.line && p.character >= start.character);
  const beforeEnd = p.line < end.line || (p.line === end.line && p.character <= end.character);
  return afterStart && beforeEnd;
};

export function hoverAt(findings: Finding[], position: Position, workloads: WorkloadPodSecurity[] = []): Hover | null {
  const here = findings.filter((f) => contains(f, position));
  const workload = workloads.find((w) => contains(w, position));
  if (here.length === 0 && !workload) return null;
  const sections = here.map((f) => {
    const meta = META_BY_ID.get(f.ruleId);
    return meta ? renderHover(meta, f, docUri(f.ruleId)) : f.message;
  });
  if (workload) sections.unshift(renderPodSecurity(workload));
  return { contents: { kind: 'markdown', value: sections.join('\n\n---\n\n') }, range: (workload ?? here[0]).range };
}

const verdict = (passes: boolean): string => (passes ? 'passes' : 'fails');

/** The workload's Pod Security standing, shown on its `kind:` line. */
export function renderPodSecurity(w: WorkloadPodSecurity): string {
  const name = w.name ? ` "${w.name}"` : '';
  const source = w.levelSource === 'namespace' ? `namespace ${w.namespace} enforces` : 'checked at';
  const lines = [
    `**Pod Security Standards** for ${w.kind}${name}: ${source} **${w.level}** (version ${w.version})`,
    '',
    `- baseline: ${verdict(w.baseline)}`,
    `- restricted: ${verdict(w.restricted)}`,
  ];
  if (w.failing.length) {
    lines.push('', 'Failing controls:', ...w.failing.map((c) => `- ${c.control} (${c.level}): ${c.ruleIds.join(', ')}`));
    if (!w.restricted) lines.push('', 'The source action *Harden to restricted* applies every available fix at once.');
  }
  return lines.join('\n');
}
