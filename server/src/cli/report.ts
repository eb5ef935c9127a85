// What every CLI output format consumes: the findings of each file and the files that could not be read.
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

export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export function countBySeverity(report: ScanReport): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of report.files) for (const x of f.findings) counts[x.severity]++;
  return counts;
}

/** The files some check skipped because it failed on them (BH005), with those findings. */
export function incompleteFiles(report: ScanReport): FileReport[] {
  return report.files.map(({ file, findings }) => ({ file, findings: findings.filter((f) => f.ruleId === ANALYSIS_INCOMPLETE.id) })).filter((f) => f.findings.length > 0);
}
