// What every CLI output format consumes: the findings of each file and the files that could not be read,
// and how a format is written as the scan goes.
import { ANALYSIS_INCOMPLETE, type Finding, type RuleMeta, type Severity } from '../engine/index';

export interface FileReport {
  file: string;
  findings: Finding[];
  /** Each finding's stable fingerprint (cli/baseline.ts), for SARIF's partialFingerprints. */
  fingerprints?: ReadonlyMap<Finding, string>;
}
export interface ScanReport {
  files: FileReport[];
  /** Inputs that could not be analyzed, with the reason. */
  errors: Array<{ file: string; message: string }>;
  metas: ReadonlyMap<string, RuleMeta>;
  version: string;
  /** The directory `file` paths are relative to (absolute paths lie outside it). */
  cwd: string;
}

/** What is known once every file is done: the report without the files, which went out one by one. */
export type ScanEnd = Omit<ScanReport, 'files'>;

/**
 * A format written as the scan goes, so a report never waits for (nor holds) the whole scan: `start` at
 * once, each file's part as soon as it is analyzed (in walk order), `end` after the last file.
 */
export interface ReportWriter {
  start(): string;
  file(report: FileReport): string;
  end(scan: ScanEnd): string;
}

/** A whole report in one string, as the writer streams it. */
export function formatReport(writer: ReportWriter, { files, ...scan }: ScanReport): string {
  return writer.start() + files.map((f) => writer.file(f)).join('') + writer.end(scan);
}

export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** The BH005 findings of a file: a check failed on it and skipped it. */
export const incompleteFindings = (findings: readonly Finding[]): Finding[] => findings.filter((f) => f.ruleId === ANALYSIS_INCOMPLETE.id);
