// Fingerprints that follow a finding while the file around it changes: the rule, the object the finding
// is about (the service, container or object names the rule reports in its data) and the content of the
// reported lines with whitespace normalized. Line numbers are left out, so lines inserted above, a
// re-indent or a reformatted file keep them; hosts hash these keys (the baseline, SARIF).
import type { Finding } from './model';

/** Reported ranges longer than this are identified by their first lines (a whole-document finding). */
const MAX_LINES = 20;

const normalize = (line: string): string => line.trim().replace(/\s+/g, ' ');

/**
 * One key per finding, in order. Findings whose rule, object and lines are the same (two identical
 * containers) are told apart by their rank among those, counted in the file's order.
 */
export function fingerprintKeys(findings: readonly Finding[], text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const last = Math.min(f.range.end.line, f.range.start.line + MAX_LINES - 1);
    const content = lines
      .slice(f.range.start.line, last + 1)
      .map(normalize)
      .join('\n');
    const identity = Object.entries(f.data)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${k}=${v}`)
      .join('\n');
    const key = [f.ruleId, identity, content].join('\u0000');
    const rank = seen.get(key) ?? 0;
    seen.set(key, rank + 1);
    return `${key}\u0000${rank}`;
  });
}
