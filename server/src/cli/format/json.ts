// The stable JSON format (documented in the README): 0-based LSP ranges, peer aliases, the fix offered.
// Written as the scan goes, byte for byte what JSON.stringify(report, null, 2) gives for the whole.
import { aliasCovers, type RuleMeta } from '../../engine/index';
import type { FileReport, ReportWriter, ScanEnd } from '../report';

/** `value` as JSON.stringify(…, null, 2) writes it `depth` levels deep inside a larger value. */
const nested = (value: unknown, depth: number): string => JSON.stringify(value, null, 2).replace(/\n/g, `\n${'  '.repeat(depth)}`);

/** `metas`: the rule descriptions of the configs the scan has used so far (organisation rules included). */
export function jsonWriter(version: string, metas: () => ReadonlyMap<string, RuleMeta>): ReportWriter {
  let results = 0;
  return {
    start: () => `{\n  "tool": ${nested({ name: 'bulkhead', version }, 1)},\n  "results": [`,
    file({ file, findings }: FileReport): string {
      let out = '';
      for (const f of findings) {
        const meta = metas().get(f.ruleId);
        const fix = f.fixes[0];
        const result = {
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
        out += `${results++ ? ',' : ''}\n    ${nested(result, 2)}`;
      }
      return out;
    },
    end: ({ errors }: ScanEnd) => `${results ? '\n  ' : ''}],\n  "errors": ${nested(errors, 1)}\n}\n`,
  };
}
