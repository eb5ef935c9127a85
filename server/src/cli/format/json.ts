// The stable JSON format (documented in the README): 0-based LSP ranges, peer aliases, the fix offered.
// Written as the scan goes, byte for byte what JSON.stringify(report, null, 2) gives for the whole.
import { aliasCovers, type Finding, type RuleMeta } from '../../engine/index';
import type { FileReport, ReportWriter, ScanEnd } from '../report';

/**
 * `values`, each as JSON.stringify(…, null, 2) writes it `depth` levels deep inside a larger value, with
 * the `,\n` and indentation it puts between array elements. Wrapped in `depth` arrays, JSON.stringify
 * indents them itself; the wrappers are cut off (re-indenting its output with a regular expression took
 * five times as long as the stringify, the most of a 700-file report).
 */
function nested(values: readonly unknown[], depth: number): string {
  let wrapped: unknown = values;
  for (let i = 1; i < depth; i++) wrapped = [wrapped];
  // Each wrapper opens with "[\n" and its contents' indentation, and closes with "\n", its own and "]".
  const opened = 2 * depth + depth * (depth + 1);
  const closed = 2 * depth + depth * (depth - 1);
  const text = JSON.stringify(wrapped, null, 2);
  return text.slice(opened, text.length - closed);
}

/** `metas`: the rule descriptions of the configs the scan has used so far (organisation rules included). */
export function jsonWriter(version: string, metas: () => ReadonlyMap<string, RuleMeta>): ReportWriter {
  let results = 0;
  const result = (file: string, f: Finding, meta: RuleMeta | undefined) => {
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
  };
  return {
    start: () => `{\n  "tool": ${nested([{ name: 'bulkhead', version }], 1)},\n  "results": [`,
    file({ file, findings }: FileReport): string {
      if (!findings.length) return '';
      const byId = metas();
      const written = nested(
        findings.map((f) => result(file, f, byId.get(f.ruleId))),
        2,
      );
      const out = `${results ? ',' : ''}\n    ${written}`;
      results += findings.length;
      return out;
    },
    end: ({ errors }: ScanEnd) => `${results ? '\n  ' : ''}],\n  "errors": ${nested([errors], 1)}\n}\n`,
  };
}
