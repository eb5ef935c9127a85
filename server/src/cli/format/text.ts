// Human output: one line per finding (1-based positions), then a summary. Skipped inputs go to stderr.
// File names and messages are escaped (they may quote hostile files); only our own colours reach the terminal.
import { incompleteFindings, type FileReport, type ReportWriter } from '../report';
import { escapeControlChars } from './escape';
import type { Applicability, Severity } from '../../engine/index';

const COLORS = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', dim: '\x1b[2m', reset: '\x1b[0m' };

/**
 * Worded as the editor labels its quick fixes (safe, review, guidance): `--fix` applies a safe one, a
 * review one only with `--unsafe-fixes` too, and a guidance one never (it is a template to complete).
 */
const FIX_LABEL: Record<Applicability, string> = { safe: '[fix available]', unsafe: '[fix available: review]', 'display-only': '[fix available: guidance]' };

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** Each file's finding lines as it is done; the summary, counted along the way, at the end. */
export function textWriter(color: boolean): ReportWriter {
  const paint = (c: keyof typeof COLORS, s: string) => (color ? `${COLORS[c]}${s}${COLORS.reset}` : s);
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  let files = 0;
  let incomplete = 0;
  return {
    start: () => '',
    file({ file, findings }: FileReport): string {
      files++;
      if (incompleteFindings(findings).length) incomplete++;
      let out = '';
      for (const f of findings) {
        counts[f.severity]++;
        const where = `${escapeControlChars(file)}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
        const fix = f.fixes[0] && f.fixes[0].edits.length > 0 ? paint('dim', ` ${FIX_LABEL[f.fixes[0].applicability]}`) : '';
        out += `${where}  ${paint(f.severity, f.severity.padEnd(7))}  ${f.ruleId.padEnd(6)}  ${escapeControlChars(f.message)}${fix}\n`;
      }
      return out;
    },
    end(): string {
      const total = counts.error + counts.warning + counts.info;
      const summary = `${count(files, 'file')}, ${count(total, 'finding')} (${count(counts.error, 'error')}, ${count(counts.warning, 'warning')}, ${counts.info} info)${incomplete ? `; ${count(incomplete, 'file')} not fully analyzed (BH005)` : ''}`;
      return `${total ? '\n' : ''}${summary}\n`;
    },
  };
}
