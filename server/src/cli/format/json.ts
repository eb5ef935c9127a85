// The stable JSON format (documented in the README): 0-based LSP ranges, peer aliases, the fix offered.
import { aliasCovers } from '../../engine/index';
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
        // The peers' ids of this finding's check (a cluster rule's peer ids each name one of its flags).
        aliases: meta?.aliases.filter((a) => aliasCovers(a, f)).map((a) => a.id) ?? [],
        ...(f.check ? { check: f.check } : {}),
        threat: meta?.threat ?? null,
        fix: fix ? { title: fix.title, applicability: fix.applicability } : null,
      };
    }),
  );
  return JSON.stringify({ tool: { name: 'bulkhead', version: report.version }, results, errors: report.errors }, null, 2) + '\n';
}
