// analyze(input, config) → findings: the one entry used by the server, the CLI and the tests.
import type { AnalysisInput, AnalysisResult, FileKind, Finding, Fix, Range, RuleMeta, Severity, TextEdit } from './model';
import { SourceFile } from './source';
import { kindFromName } from './detect';
import { DEFAULT_CONFIG, type EngineConfig } from './config';
import { parseDockerfile, type DockerfileModel } from './parse/dockerfile';
import { hasTemplates, maskTemplates, parseYamlStream, type YamlStream } from './parse/yaml';
import { buildComposeModel, isComposeDocument } from './parse/compose';
import { buildK8sModel, isKubernetesDocument, type K8sModel } from './parse/kubernetes';
import { ALL_RULES, META_BY_ID } from './registry';
import type { AnyRule, Report } from './rule';
import { FILE_SKIPPED, PARSE_ERROR, UNKNOWN_SUPPRESSION, UNUSED_SUPPRESSION } from './rules/engine';
import { annotationSuppressions, applySuppressions, parseSuppressions, type SuppressionScope } from './suppressions';
import { checkEdits, keepsTemplate } from './edits';
import { removeLines } from './fixer';
import { WorkspaceFacts } from './workspace/facts';
import { pathOfUri } from './workspace/paths';
import { noteComposeOverrides } from './workspace/composeOverrides';

/** Parse errors beyond this many per file add nothing but noise. */
const MAX_PARSE_ERRORS = 10;

export function formatMessage(template: string, data: Record<string, string>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (m, k: string) => (k in data ? data[k] : m));
}

/** The severity a rule runs at under `config`, or undefined when it is off. */
export function effectiveSeverity(meta: RuleMeta, config: EngineConfig): Severity | undefined {
  const setting = config.rules[meta.id];
  if (setting === 'off') return undefined;
  if (setting) return setting;
  return meta.enabledByDefault === false ? undefined : meta.severity;
}

export interface AnalysisDetails extends AnalysisResult {
  src: SourceFile;
  /** Rules that threw; the server logs them, tests fail on them. */
  ruleErrors: string[];
  dockerfile?: DockerfileModel;
  /** Other files the analysis read through the workspace host (absolute paths). */
  dependencies: string[];
  /** True when it used the index of every workspace manifest: any YAML change may change the result. */
  usesManifestIndex: boolean;
}

export function analyze(input: AnalysisInput, baseConfig: EngineConfig = DEFAULT_CONFIG): AnalysisDetails {
  let config = baseConfig;
  const src = new SourceFile(input.uri, input.text);
  const ruleErrors: string[] = [];
  const documentPath = input.workspace ? pathOfUri(input.uri) : undefined;
  const workspace = input.workspace && documentPath ? new WorkspaceFacts(input.workspace, documentPath) : undefined;
  const details = (result: AnalysisResult & { dockerfile?: DockerfileModel }): AnalysisDetails => ({
    ...result, src, ruleErrors, dependencies: [...(workspace?.dependencies ?? [])], usesManifestIndex: workspace?.usedManifestIndex ?? false,
  });
  const engineFinding = (meta: RuleMeta, messageId: string, data: Record<string, string>, range: Range, fixes: Fix[] = []): Finding => ({
    ruleId: meta.id, messageId, data, severity: effectiveSeverity(meta, config) ?? meta.severity,
    message: formatMessage((meta.messages as Record<string, string>)[messageId], data), range, fixes,
  });
  const start: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const nameKind = kindFromName(input.uri, input.languageId);
  if (nameKind === 'unknown') return details({ kind: 'unknown', findings: [] });

  const skip = (messageId: 'tooLarge' | 'binary', data: Record<string, string>, reason: string): AnalysisDetails => details({
    kind: nameKind === 'yaml' ? 'unknown' : nameKind, skipped: reason,
    findings: effectiveSeverity(FILE_SKIPPED, config) ? [engineFinding(FILE_SKIPPED, messageId, data, start)] : [],
  });
  if (input.text.length > config.maxFileBytes) {
    return skip('tooLarge', { size: String(input.text.length), limit: String(config.maxFileBytes) }, `larger than ${config.maxFileBytes} bytes`);
  }
  if (input.text.includes('\u0000')) return skip('binary', {}, 'binary content');

  const findings: Finding[] = [];
  let kind: FileKind | 'unknown' = 'unknown';
  let scope: SuppressionScope | undefined;
  let dockerfile: DockerfileModel | undefined;
  const contexts: Partial<Record<FileKind, object>> = {};

  if (nameKind === 'dockerfile') {
    kind = 'dockerfile';
    dockerfile = parseDockerfile(input.text);
    contexts.dockerfile = { dockerfile };
    scope = {
      kind,
      instructionLines: dockerfile.ast.getInstructions().map((i) => [i.getRange().start.line, i.getRange().end.line] as [number, number]),
    };
  } else {
    const templated = hasTemplates(input.text);
    const stream: YamlStream = parseYamlStream(src, templated ? maskTemplates(input.text) : input.text);
    const k8sDocs = stream.documents.filter(isKubernetesDocument);
    const composeDocs = stream.documents.filter(isComposeDocument);
    if (nameKind === 'compose' || (k8sDocs.length === 0 && composeDocs.length > 0)) {
      kind = 'compose';
      const compose = buildComposeModel(composeDocs.length ? composeDocs : stream.documents);
      noteComposeOverrides(compose, documentPath ?? pathOfUri(input.uri) ?? input.uri, workspace);
      contexts.compose = { compose };
    } else if (k8sDocs.length > 0) {
      kind = 'kubernetes';
      // Namespaces elsewhere in the workspace set the Pod Security level of the workloads here; settings win.
      if (workspace) config = workspace.withNamespaceLevels(config);
      contexts.kubernetes = { k8s: buildK8sModel(k8sDocs) };
    }
    if (kind === 'unknown') return details({ kind, findings: [] });
    // A templated file reports only its first error: the rest are usually echoes of template syntax.
    const errors = stream.errors.slice(0, templated ? 1 : MAX_PARSE_ERRORS);
    if (effectiveSeverity(PARSE_ERROR, config)) {
      for (const e of errors) findings.push(engineFinding(PARSE_ERROR, 'parseError', { message: e.message }, e.range));
    }
    scope = { kind, documentLines: stream.documents.map((d) => [d.range.start.line, d.range.end.line] as [number, number]) };
  }

  const active = new Set<string>();
  for (const rule of ALL_RULES as AnyRule[]) {
    if (rule.meta.appliesTo !== kind) continue;
    const severity = effectiveSeverity(rule.meta, config);
    if (!severity) continue;
    active.add(rule.meta.id);
    runRule(rule, severity, src, config, { ...contexts[kind]!, workspace }, findings, ruleErrors);
  }

  const k8sModel = (contexts.kubernetes as { k8s?: K8sModel } | undefined)?.k8s;
  const suppressions = [...parseSuppressions(src, scope), ...(k8sModel ? annotationSuppressions(k8sModel) : [])];
  const outcome = applySuppressions(findings, suppressions, META_BY_ID as Map<string, RuleMeta>, active);
  const result = outcome.kept;
  if (effectiveSeverity(UNKNOWN_SUPPRESSION, config)) {
    for (const { s, id } of outcome.unknown) result.push(engineFinding(UNKNOWN_SUPPRESSION, 'unknownRule', { id }, s.range));
  }
  if (effectiveSeverity(UNUSED_SUPPRESSION, config)) {
    for (const s of outcome.unused) {
      const ownLine = src.lineText(s.range.start.line).trim().startsWith('#');
      const fixes: Fix[] = ownLine
        ? [{ title: UNUSED_SUPPRESSION.fix!.title, applicability: 'safe', edits: [removeLines(src, s.range.start.line, s.range.start.line)] }]
        : [{ title: UNUSED_SUPPRESSION.fix!.title, applicability: 'safe', edits: [{ range: { start: { line: s.range.start.line, character: trimmedEnd(src.lineText(s.range.start.line), s.range.start.character) }, end: s.range.end }, newText: '' }] }];
      result.push(engineFinding(UNUSED_SUPPRESSION, 'unused', { ids: s.ids.join(', ') }, s.range, fixes));
    }
  }
  result.sort(compareFindings);
  return details({ kind, findings: result, dockerfile });
}

function trimmedEnd(line: string, hashAt: number): number {
  let i = hashAt;
  while (i > 0 && /\s/.test(line[i - 1])) i--;
  return i;
}

function runRule(rule: AnyRule, severity: Severity, src: SourceFile, config: EngineConfig, model: object, out: Finding[], errors: string[]): void {
  const meta = rule.meta as RuleMeta;
  const report = (r: Report<string>): void => {
    const data = Object.fromEntries(Object.entries(r.data ?? {}).map(([k, v]) => [k, String(v)]));
    const template = (meta.messages as Record<string, string>)[r.messageId];
    if (template === undefined) throw new Error(`unknown messageId "${r.messageId}"`);
    const fixes: Fix[] = [];
    if (r.fix) {
      if (!meta.fix) throw new Error('reported a fix without declaring meta.fix');
      const edits: TextEdit[] = checkEdits(src, r.fix);
      // A fix that would break a template's structure is shown without edits: nothing of it is applied.
      const applicable = keepsTemplate(src, edits);
      fixes.push({ title: formatMessage(r.fixTitle ?? meta.fix.title, data), applicability: meta.fix.applicability, edits: applicable ? edits : [], ...(applicable && r.fileEdits?.length ? { fileEdits: r.fileEdits } : {}) });
    }
    out.push({ ruleId: meta.id, messageId: r.messageId, data, severity, message: formatMessage(template, data), range: r.range, fixes, ...(r.related ? { related: r.related } : {}) });
  };
  try {
    (rule.check as (ctx: object) => void)({ src, options: config, report, ...model });
  } catch (e) {
    errors.push(`${meta.id} ${meta.name}: ${(e as Error).stack ?? e}`);
  }
}

export function compareFindings(a: Finding, b: Finding): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.ruleId.localeCompare(b.ruleId);
}
