// Engine findings → LSP diagnostics, and the per-document cache that hover and code actions read.
import * as path from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import { META_BY_ID, type AnalysisDetails, type Finding, type Severity } from '../engine/index';
import { docFileName } from '../engine/docs/render';
import { pathToUri } from './uris';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** The bundled rule pages ship beside the bundle: <extension>/docs/rules. */
const DOCS_DIR = path.join(__dirname, '..', 'docs', 'rules');

export function docUri(ruleId: string): string | undefined {
  const meta = META_BY_ID.get(ruleId);
  return meta && pathToUri(path.join(DOCS_DIR, docFileName(meta)));
}

export interface DiagnosticData { ruleId: string; version: number | null }

export function toDiagnostic(uri: string, finding: Finding, version: number | null): Diagnostic {
  const href = docUri(finding.ruleId);
  return {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    code: finding.ruleId,
    ...(href ? { codeDescription: { href } } : {}),
    source: 'bulkhead',
    message: finding.message,
    data: { ruleId: finding.ruleId, version } satisfies DiagnosticData,
    ...(finding.related?.length ? { relatedInformation: finding.related.map((r) => ({ location: { uri: r.path ? pathToUri(r.path) : uri, range: r.range }, message: r.message })) } : {}),
  };
}

export interface CachedAnalysis { version: number | null; result: AnalysisDetails }

/** Latest analysis per URI; open documents by version, scanned files with version null. */
export class AnalysisCache {
  private entries = new Map<string, CachedAnalysis>();

  get(uri: string): CachedAnalysis | undefined {
    return this.entries.get(uri);
  }

  set(uri: string, entry: CachedAnalysis): void {
    this.entries.set(uri, entry);
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  uris(): string[] {
    return [...this.entries.keys()];
  }
}
