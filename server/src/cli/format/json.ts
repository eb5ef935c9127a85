// The stable JSON format (documented in the README): 0-based LSP ranges, peer aliases, the fix offered.
import type { ScanReport } from '../report';

export function formatJson(report: ScanReport): string {
  const results = report.files.flatMap(({ file, findings }) =>
    findings.map((f) => {
      const meta = report.metas.get(f.ruleId);
      const fix = f.fixes[0];
      return {
        file,
        ruleId: f.ruleId,
        severity: f.severity,
        message: f.message,
        range: f.range,
        aliases: meta?.aliases.map((a) => a.id) ?? [],
        threat: meta?.threat ?? null,
        fix: fix ? { title: fix.title, applicability: fix.applicability } : null,
      };
    }),
  );
  return JSON.stringify({ tool: { name: 'bulkhead', version: report.version }, results, errors: report.errors }, null, 2) + '\n';
}
