// SARIF 2.1.0: rule metadata with help text, results with 1-based regions (UTF-16 columns, SARIF's
// default column kind) and fixes as replacements. The rules table comes first and names the rules the
// results use, so the document is written once the scan ends, from the findings (files' texts and
// models are long gone by then).
import { isAbsolute, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ALL_METAS, renderRulePage, type Finding, type RuleMeta, type Severity, type TextEdit } from '../../engine/index';
import { incompleteFindings, type FileReport, type ReportWriter, type ScanReport } from '../report';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };
/** GitHub code scanning ranks security results by this 0–10 score. */
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.0', info: '2.0' };

const SRCROOT = '%SRCROOT%';
/** Versioned, as SARIF recommends: a change of the fingerprint's recipe gets a new key. */
const FINGERPRINT_KEY = 'bulkhead/v1';

const region = (r: TextEdit['range']) => ({ startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 });

function formatSarif(report: ScanReport): string {
  const used = [...new Set(report.files.flatMap((f) => f.findings.map((x) => x.ruleId)))].sort();
  const rules = used.map((id) => report.metas.get(id)).filter((m): m is RuleMeta => !!m);
  const index = new Map(rules.map((m, i) => [m.id, i]));
  // Relative paths resolve against %SRCROOT% (the working directory); files outside it keep a file: URI.
  const artifact = (file: string) => (isAbsolute(file) ? { uri: pathToFileURL(file).href } : { uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT });
  const result = (file: string, f: Finding, fingerprint: string | undefined) => ({
    ruleId: f.ruleId,
    ruleIndex: index.get(f.ruleId),
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [{ physicalLocation: { artifactLocation: artifact(file), region: region(f.range) } }],
    // The baseline's fingerprint: code scanning matches results across commits by it, not by line.
    ...(fingerprint ? { partialFingerprints: { [FINGERPRINT_KEY]: fingerprint } } : {}),
    ...(f.related?.length
      ? { relatedLocations: f.related.map((r, i) => ({ id: i, message: { text: r.message }, physicalLocation: { artifactLocation: artifact(file), region: region(r.range) } })) }
      : {}),
    // A fix that also writes other files (e.g. the file keeping a moved credential) is left out: its
    // replacements alone would drop the value, and those files' content must not appear in a report.
    fixes: f.fixes
      .filter((x) => x.edits.length > 0 && !x.fileEdits?.length)
      .map((x) => ({
        description: { text: `${x.title} (${x.applicability})` },
        artifactChanges: [{ artifactLocation: artifact(file), replacements: x.edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })) }],
      })),
  });
  const failures = report.files.flatMap(({ file, findings }) => incompleteFindings(findings).map((finding) => ({ file, finding })));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'bulkhead',
            version: report.version,
            semanticVersion: report.version,
            informationUri: 'https://bulkhead.invalid/',
            rules: rules.map((m) => ({
              id: m.id,
              name: m.name,
              shortDescription: { text: m.title },
              fullDescription: { text: m.rationale },
              help: { text: `${m.remediation}`, markdown: renderRulePage(m, ALL_METAS) },
              defaultConfiguration: { level: LEVEL[m.severity], enabled: m.enabledByDefault !== false },
              properties: { tags: ['security', m.threat, m.principle], 'security-severity': SECURITY_SEVERITY[m.severity], aliases: m.aliases.map((a) => a.id) },
            })),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(report.cwd + sep).href } },
        results: report.files.flatMap(({ file, findings, fingerprints }) => findings.map((f) => result(file, f, fingerprints?.get(f)))),
        invocations: [
          {
            // A check that failed on a file (BH005, also a result) is a failure of the run, not only a finding.
            executionSuccessful: failures.length === 0,
            toolExecutionNotifications: [
              ...report.errors.map((e) => ({ level: 'warning', message: { text: `${e.file}: ${e.message}` } })),
              ...failures.map(({ file, finding: f }) => ({
                level: 'error',
                message: { text: `${file}: ${f.message}` },
                locations: [{ physicalLocation: { artifactLocation: artifact(file), region: region(f.range) } }],
                ...(f.data.id ? { associatedRule: { id: f.data.id } } : {}),
              })),
            ],
          },
        ],
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

/** Keeps each file's findings as it is done and writes the document at the end. */
export function sarifWriter(): ReportWriter {
  const files: FileReport[] = [];
  return {
    start: () => '',
    file: (report) => (files.push(report), ''),
    end: (scan) => formatSarif({ ...scan, files }),
  };
}
