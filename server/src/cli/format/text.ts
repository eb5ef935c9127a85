// Human output: one line per finding (1-based positions), then a summary.
import { countBySeverity, type ScanReport } from '../report';

const COLORS = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', dim: '\x1b[2m', reset: '\x1b[0m' };

export function formatText(report: ScanReport, color: boolean): string {
  const paint = (c: keyof typeof COLORS, s: string) => (color ? `${COLORS[c]}${s}${COLORS.reset}` : s);
  const lines: string[] = [];
  for (const { file, findings } of report.files) {
    for (const f of findings) {
      const where = `${file}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
      const fix = f.fixes[0] && f.fixes[0].edits.length > 0 ? paint('dim', ` [fix: ${f.fixes[0].applicability}]`) : '';
      lines.push(`${where}  ${paint(f.severity, f.severity.padEnd(7))}  ${f.ruleId.padEnd(6)}  ${f.message}${fix}`);
    }
  }
  for (const e of report.errors) lines.push(`${e.file}  ${paint('dim', 'skipped')}  ${e.message}`);
  const c = countBySeverity(report);
  const total = c.error + c.warning + c.info;
  if (lines.length) lines.push('');
  lines.push(`${report.files.length} file${report.files.length === 1 ? '' : 's'}, ${total} finding${total === 1 ? '' : 's'} (${c.error} error${c.error === 1 ? '' : 's'}, ${c.warning} warning${c.warning === 1 ? '' : 's'}, ${c.info} info)`);
  return lines.join('\n') + '\n';
}
