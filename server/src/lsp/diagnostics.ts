// Engine findings → LSP diagnostics, and the per-document analysis that publishing, hover and code actions share.
import * as path from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import {
  docFileName,
  effectiveSeverity,
  THREAT_MODEL_FILE,
  formatMessage,
  kindFromName,
  META_BY_ID,
  SourceFile,
  type AnalysisDetails,
  type BaselineShowAs,
  type EngineConfig,
  type Finding,
  type Severity,
  type WorkloadPodSecurity,
} from '../engine/index';
import { fingerprints } from '../host/baseline';
import { pathToUri } from './uris';
import { DIAGNOSTIC_SOURCE } from '../../../shared/protocol';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/**
 * The URI of the rule pages and threat model: <extension>/docs, beside the bundle, unless the client says
 * where they are (a web worker's bundle has no directory of its own).
 */
let docsUri: string | undefined;
/** Each rule's page URI, built once: a publication links every diagnostic to its rule's page. */
const ruleDocs = new Map<string, string | undefined>();

export function setDocsUri(uri: string): void {
  docsUri = uri.replace(/\/+$/, '');
  ruleDocs.clear();
}

const docsPage = (...segments: string[]): string => {
  docsUri ??= pathToUri(path.join(__dirname, '..', 'docs'));
  return [docsUri, ...segments.map(encodeURIComponent)].join('/');
};

export function docUri(ruleId: string): string | undefined {
  if (ruleDocs.has(ruleId)) return ruleDocs.get(ruleId);
  const meta = META_BY_ID.get(ruleId);
  const uri = meta && docsPage('rules', docFileName(meta));
  ruleDocs.set(ruleId, uri);
  return uri;
}

export function threatModelUri(): string {
  return docsPage(THREAT_MODEL_FILE);
}

/**
 * What the client shows and sends back with a code action request: nothing more. The rule id is the
 * `code`, and everything a code action or hover needs (fixes, the finding itself) is looked up in the
 * document's latest analysis by rule id and range, so no `data` rides along on every keystroke. A
 * compact diagnostic also leaves out what its client adds from the rule id (see InitializationOptions).
 */
function toDiagnostic(uri: string, finding: Finding, compact: boolean): Diagnostic {
  const href = compact ? undefined : docUri(finding.ruleId);
  return {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    code: finding.ruleId,
    ...(href ? { codeDescription: { href } } : {}),
    ...(compact ? {} : { source: DIAGNOSTIC_SOURCE }),
    message: finding.message,
    ...(finding.related?.length ? { relatedInformation: finding.related.map((r) => ({ location: { uri: r.path ? pathToUri(r.path) : uri, range: r.range }, message: r.message })) } : {}),
  };
}

/** A file's baseline as the editor applies it: which fingerprints it records, and how to show those findings. */
export interface BaselineView {
  has(fingerprint: string): boolean;
  showAs: BaselineShowAs;
}

/** How a publication's diagnostics are built for the client. */
export interface DiagnosticsOptions {
  /** The file's baseline: the findings it records are shown as it says (at hint level by default). */
  baseline?: BaselineView;
  /** Without what the client completes itself (InitializationOptions.compactDiagnostics). */
  compact: boolean;
}

/** An analysis's diagnostics. */
export function toDiagnostics(uri: string, result: AnalysisDetails, { baseline, compact }: DiagnosticsOptions): Diagnostic[] {
  const prints = baseline && baseline.showAs !== 'unchanged' ? fingerprints(result.findings, result.src.text) : undefined;
  return result.findings.flatMap((f, i) => {
    const diagnostic = toDiagnostic(uri, f, compact);
    if (!prints || !baseline?.has(prints[i])) return [diagnostic];
    return baseline.showAs === 'hidden' ? [] : [{ ...diagnostic, severity: DiagnosticSeverity.Hint }];
  });
}

export interface CachedAnalysis {
  version: number | null;
  result: AnalysisDetails;
}

/** An open document's analysis, with what hover derives from it once. */
export interface DocumentAnalysis extends CachedAnalysis {
  version: number;
  /** The Pod Security standing of its workloads, computed on the first hover. */
  workloads?: WorkloadPodSecurity[];
}

/**
 * The latest analysis of each open document, for the version it was computed from: one per document,
 * so memory does not grow with versions. A newer version replaces it; a close, a settings change or a
 * change to a file it read drops it.
 */
export class LatestAnalyses {
  private readonly entries = new Map<string, DocumentAnalysis>();

  /** The analysis of `version` of `uri`, if that is the one held. */
  get(uri: string, version: number): DocumentAnalysis | undefined {
    const entry = this.entries.get(uri);
    return entry?.version === version ? entry : undefined;
  }

  set(uri: string, version: number, result: AnalysisDetails): DocumentAnalysis {
    const entry = { version, result };
    this.entries.set(uri, entry);
    return entry;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    this.entries.clear();
  }
}

const FILE_START = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * What `analyze` reports for a file over the size limit (BH004 "too large", or nothing for a file that
 * is no container file at all), for a document whose text was refused and so is never handed to it.
 */
export function tooLargeAnalysis(uri: string, languageId: string, size: number, config: EngineConfig): AnalysisDetails {
  const kind = kindFromName(uri, languageId);
  const meta = META_BY_ID.get('BH004')!;
  const severity = effectiveSeverity(meta, config);
  const data = { size: String(size), limit: String(config.maxFileBytes) };
  const findings: Finding[] =
    kind !== 'unknown' && severity ? [{ ruleId: meta.id, messageId: 'tooLarge', data, severity, message: formatMessage(meta.messages.tooLarge, data), range: FILE_START, fixes: [] }] : [];
  return {
    kind: kind === 'yaml' ? 'unknown' : kind,
    findings,
    skipped: `larger than ${config.maxFileBytes} bytes`,
    src: new SourceFile(uri, ''),
    ruleErrors: [],
    dependencies: [],
    usesManifestIndex: false,
  };
}
