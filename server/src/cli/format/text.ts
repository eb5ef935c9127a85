// Human output: one line per finding (1-based positions), then a summary. Skipped inputs go to stderr.
// File names and messages are escaped (they may quote hostile files); only our own colours reach the terminal.
import { countBySeverity, incompleteFiles, type ScanReport } from '../report';
import { escapeControlChars } from './escape';
import type { Applicability } from '../../engine/index';

const COLORS = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', dim: '\x1b[2m', reset: '\x1b[0m' };

/**
 * Worded as the editor labels its quick fixes (safe, review, guidance): `--fix` applies a safe one, a
 * review one only with `--unsafe-fixes` too, and a guidance one never (it is a template to complete).
 */
const FIX_LABEL: Record<Applicability, string> = { safe: '[fix available]', unsafe: '[fix available: review]', 'display-only': '[fix available: guidance]' };

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

export function formatText(report: ScanReport, color: boolean): string {
  const paint = (c: keyof typeof COLORS, s: string) => (color ? `${COLORS[c]}${s}${COLORS.reset}` : s);
  const lines: string[] = [];
  for (const { file, findings } of report.files) {
    for (const f of findings) {
      const where = `${escapeControlChars(file)}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
      const fix = f.fixes[0] && f.fixes[0].edits.length > 0 ? paint('dim', ` ${FIX_LABEL[f.fixes[0].applicability]}`) : '';
      lines.push(`${where}  ${paint(f.severity, f.severity.padEnd(7))}  ${f.ruleId.padEnd(6)}  ${escapeControlChars(f.message)}${fix}`);
    }
  }
  const c = countBySeverity(report);
  const total = c.error + c.warning + c.info;
  if (lines.length) lines.push('');
  const incomplete = incompleteFiles(report).length;
  lines.push(
    `${count(report.files.length, 'file')}, ${count(total, 'finding')} (${count(c.error, 'error')}, ${count(c.warning, 'warning')}, ${c.info} info)${incomplete ? `; ${count(incomplete, 'file')} not fully analyzed (BH005)` : ''}`,
  );
  return lines.join('\n') + '\n';
}
