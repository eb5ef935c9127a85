// analyze(input, config) → findings: the one entry used by the server, the CLI and the tests.
import type { AnalysisInput, AnalysisResult, FileKind, Finding, Fix, Range, RuleMeta, Severity, TextEdit } from './model';
import { SourceFile } from './source';
import { baseName, kindFromName } from './detect';
import { configRuleKeys, DEFAULT_CONFIG, type EngineConfig, type EngineOptions } from './config';
import { parseDockerfile, type DockerfileModel } from './parse/dockerfile';
import { beginShellParses } from './parse/shellParses';
import { hasTemplates, maskTemplates, parseYamlStream, readable, type SkippedDocument, type YamlError, type YamlStream } from './parse/yaml';
import { buildComposeModel, isComposeDocument } from './parse/compose';
import { buildK8sModel, inPartialObject, isKubernetesDocument, type K8sModel, type K8sModelOptions } from './parse/kubernetes';
import { judgesOneDocument, perDocumentFindings } from './perDocumentRules';
import { judgesOneInstruction, perInstructionFindings } from './perInstructionRules';
import type { PartsOutcome } from './partFindings';
import { byCodeUnits } from './order';
import { ALL_RULES, META_BY_ID } from './registry';
import { MAX_FINDINGS_PER_RULE, type AnyRule, type Report } from './rule';
import { ANALYSIS_INCOMPLETE, FILE_SKIPPED, HELM_NOT_EVALUATED, OUTSIDE_WORKSPACE, PARSE_ERROR, UNKNOWN_SUPPRESSION, UNUSED_SUPPRESSION } from './diagnostics';
import { annotationSuppressions, applySuppressions, parseSuppressions, type SuppressionScope } from './suppressions';
import { lazyFix, touchesSpans, type FixChecks, type Span } from './edits/fixes';
import { keepsTemplate } from './edits/template';
import { removeComment } from './edits/text';
import { loneCarriageReturnLines } from './edits/yaml';
import { WorkspaceFacts } from './workspace/facts';
import { chartDirOfValues, chartTemplates, isChartValuesFile, packedSubcharts, renderChartTemplate, type ChartRendering } from './workspace/helmChart';
import { fixInValuesFile, RenderedMap } from './workspace/helmFindings';
import { pathOfUri } from './workspace/paths';
import { noteComposeOverrides } from './workspace/composeOverrides';
import { isKustomizePatch } from './workspace/kustomize';
import { baseObjectFindings, EFFECTIVE_URI, overlayFindings, overriddenPatchValues } from './overlayFindings';
import { PATCH_URI, podSpecPatchFindings } from './podSpecPatchFindings';
import { isKustomizationName } from './parse/kustomization';
import { checkCustomRule, composeSubjects, customRuleMeta, customRuleProblems, dockerfileSubjects, kubernetesSubjects, type Subject } from './policy/cel/customRules';
import { rangeInScalar } from './admission/expressionRange';
import { parseConfigFile } from './config';
import type { DockerfileModel as Dockerfile } from './parse/dockerfile';
import type { ComposeModel } from './parse/compose';

/** Parse errors beyond this many per file add nothing but noise. */
const MAX_PARSE_ERRORS = 10;

/**
 * A template split at its placeholders: text at even indices, placeholder names at odd ones, with the
 * placeholder as written after them (kept when data has no such key). Templates are few and findings
 * many, so each is split once.
 */
type TemplateParts = { texts: string[]; keys: string[]; written: string[] };
const templateParts = new Map<string, TemplateParts>();

function partsOf(template: string): TemplateParts {
  let parts = templateParts.get(template);
  if (!parts) {
    parts = { texts: [], keys: [], written: [] };
    let last = 0;
    for (const m of template.matchAll(/\{\{\s*(\w+)\s*\}\}/g)) {
      parts.texts.push(template.slice(last, m.index));
      parts.keys.push(m[1]);
      parts.written.push(m[0]);
      last = m.index + m[0].length;
    }
    parts.texts.push(template.slice(last));
    // Fix titles may carry workspace text: the cache keeps short templates, and only so many.
    if (template.length <= MAX_CACHED_TEMPLATE && templateParts.size < MAX_CACHED_TEMPLATES) templateParts.set(template, parts);
  }
  return parts;
}
const MAX_CACHED_TEMPLATE = 1000;
const MAX_CACHED_TEMPLATES = 2000;

export function formatMessage(template: string, data: Record<string, string>): string {
  if (!template.includes('{{')) return template;
  const { texts, keys, written } = partsOf(template);
  let out = texts[0];
  for (let i = 0; i < keys.length; i++) out += (keys[i] in data ? data[keys[i]] : written[i]) + texts[i + 1];
  return out;
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
  /**
   * What failed, with stacks: rules that threw, a failed parse, workspace files the index could not read.
   * The findings say it too (BH005, first line only); these are for the server's log and for tests.
   */
  ruleErrors: string[];
  dockerfile?: DockerfileModel;
  /** Other files the analysis read through the workspace host (absolute paths). */
  dependencies: string[];
  /** True when it used the index of every workspace manifest: any YAML change may change the result. */
  usesManifestIndex: boolean;
}

/** Whether hosts show a result: a file of a kind Bulkhead checks, or one whose findings say why it was not checked. */
export function isReportable(result: AnalysisResult): boolean {
  return result.kind !== 'unknown' || result.findings.length > 0;
}

type IncompleteMessage = keyof typeof ANALYSIS_INCOMPLETE.messages;

/** Never throws, whatever the input: what fails becomes a BH005 finding (and a `ruleErrors` entry). */
export function analyze(input: AnalysisInput, baseConfig: EngineConfig = DEFAULT_CONFIG): AnalysisDetails {
  const ruleErrors: string[] = [];
  try {
    return analyzeFile(input, baseConfig, ruleErrors, true);
  } catch (e) {
    // Last line of defence for what the guards below do not cover (a bug, or input of the wrong type):
    // nothing of the file is reported but this, so this path must not throw in turn.
    ruleErrors.push(`analysis: ${stackOf(e)}`);
    const config = typeof baseConfig?.rules === 'object' && baseConfig.rules !== null ? baseConfig : DEFAULT_CONFIG;
    const src = new SourceFile(
      safeText(() => String(input.uri)),
      typeof input?.text === 'string' ? input.text : '',
    );
    const findings = effectiveSeverity(ANALYSIS_INCOMPLETE, config) ? [incompleteFinding(config, 'fileFailed', { error: errorLine(e) })] : [];
    return { kind: kindBeforeParsing(input), findings, src, ruleErrors, dependencies: [], usesManifestIndex: false };
  }
}

/**
 * `withCharts`: a Helm template is analyzed as rendered with its chart's values (false for that rendering
 * itself). `indexedText`: the document's text as the workspace index holds it, when `input.text` is a
 * rendering of it (the index's verdict on it is then already cached).
 */
function analyzeFile(input: AnalysisInput, baseConfig: EngineConfig, ruleErrors: string[], withCharts: boolean, indexedText = input.text): AnalysisDetails {
  let config = baseConfig;
  // A rendering keeps its parses beside the template's (which the workspace index reads) for its next version;
  // a file analyzed once (a scan) keeps none.
  const src = new SourceFile(input.uri, input.text, indexedText !== input.text, input.incremental !== false);
  // Only the file as written keeps findings for its next version: not a rendering of it, nor an overlay's objects.
  const incremental = withCharts && input.incremental !== false;
  const documentPath = input.workspace ? pathOfUri(input.uri) : undefined;
  // A document outside the workspace (a loose file opened in the editor) is analyzed alone, like an untitled one.
  const workspace = input.workspace && documentPath && input.workspace.contains(documentPath) ? new WorkspaceFacts(input.workspace, documentPath, config.policyPaths) : undefined;
  const details = (result: AnalysisResult & { dockerfile?: DockerfileModel }): AnalysisDetails => ({
    ...result,
    src,
    ruleErrors,
    dependencies: [...(workspace?.dependencies ?? [])],
    usesManifestIndex: workspace?.usedManifestIndex ?? false,
  });
  const engineFinding = (meta: RuleMeta, messageId: string, data: Record<string, string>, range: Range, fixes: Fix[] = []): Finding => finding(meta, config, messageId, data, range, fixes);
  /** BH005 findings, when it is on. */
  const incomplete = (messageId: IncompleteMessage, data: Record<string, string>): Finding[] => (effectiveSeverity(ANALYSIS_INCOMPLETE, config) ? [incompleteFinding(config, messageId, data)] : []);
  const nameKind = kindFromName(input.uri, input.languageId);
  if (nameKind === 'unknown') return details({ kind: 'unknown', findings: [] });

  const skip = (messageId: 'tooLarge' | 'binary', data: Record<string, string>, reason: string): AnalysisDetails =>
    details({
      kind: kindBeforeParsing(input),
      skipped: reason,
      findings: effectiveSeverity(FILE_SKIPPED, config) ? [engineFinding(FILE_SKIPPED, messageId, data, FILE_START)] : [],
    });
  if (input.text.length > config.maxFileBytes) {
    return skip('tooLarge', { size: String(input.text.length), limit: String(config.maxFileBytes) }, `larger than ${config.maxFileBytes} bytes`);
  }
  if (input.text.includes('\u0000')) return skip('binary', {}, 'binary content');
  if (nameKind === 'config') return details({ kind: 'config', findings: configFindings(src, config) });
  if (withCharts && nameKind === 'yaml' && workspace && documentPath && isChartValuesFile(workspace, documentPath, config.helmValuesFiles ?? [])) {
    return details({ kind: 'kubernetes', findings: valuesFileFindings(input, baseConfig, ruleErrors, src, workspace) });
  }
  // A chart template not rendered with its values is judged as written, and says why (BH007).
  let helmNotice: Finding | undefined;
  if (withCharts && nameKind === 'yaml' && workspace && hasTemplates(input.text)) {
    const rendered = analyzeRendered(input, baseConfig, ruleErrors, src, workspace);
    if (rendered && 'findings' in rendered) return rendered;
    helmNotice = rendered?.notice;
  }

  // Parsing and model building: when they fail no rule can run, and the file says so.
  let models: ReturnType<typeof buildModels>;
  try {
    models = buildModels(input, src, nameKind, workspace, documentPath, config, incremental);
  } catch (e) {
    ruleErrors.push(`parse: ${stackOf(e)}`);
    return details({ kind: kindBeforeParsing(input), findings: incomplete('fileFailed', { error: errorLine(e) }) });
  }
  const findings: Finding[] = helmNotice ? [helmNotice] : [];
  if (effectiveSeverity(FILE_SKIPPED, config)) {
    for (const s of models.tooDeep) findings.push(engineFinding(FILE_SKIPPED, 'tooDeep', { limit: String(s.limit) }, s.range));
  }
  // A skipped document may have been a manifest: say so even when nothing else here is one.
  if (models.kind === 'unknown') {
    const skipped = models.tooDeep.length ? `nests deeper than ${models.tooDeep[0].limit} levels` : undefined;
    return details({ kind: 'unknown', findings, ...(skipped ? { skipped } : {}) });
  }
  const { kind } = models;
  if (effectiveSeverity(PARSE_ERROR, config)) {
    for (const e of models.parseErrors) findings.push(engineFinding(PARSE_ERROR, 'parseError', { message: e.message }, e.range));
  }
  if (kind === 'kubernetes' && workspace) {
    // Namespaces elsewhere in the workspace set the Pod Security level of the workloads here; settings win.
    try {
      config = workspace.withNamespaceLevels(config);
    } catch (e) {
      ruleErrors.push(`namespace levels: ${stackOf(e)}`);
      findings.push(...incomplete('namespaceLevelsFailed', { error: errorLine(e) }));
    }
  }

  // A fix is applied only where it keeps a template intact and edits YAML that parses: in a document
  // with errors the parser misses what a fix writes (ESLint likewise never fixes a file it cannot parse).
  // Nor on YAML lines that a lone CR splits for the editor but not for the parser.
  let splitLines: Span[] | undefined;
  const applicable = (edits: TextEdit[]): boolean =>
    keepsTemplate(src, edits) && !touchesSpans(src, edits, models.unparsed) && !touchesSpans(src, edits, (splitLines ??= kind === 'dockerfile' ? [] : loneCarriageReturnLines(src.text)));
  // A fix is built after the analysis returned: its failure joins ruleErrors then, for the host's log.
  const fixChecks = (rule: AnyRule): FixChecks => ({ applicable, failed: (error) => void ruleErrors.push(`${rule.meta.id} ${rule.meta.name} fix: ${stackOf(error)}`) });
  const rules: Array<{ rule: AnyRule; severity: Severity }> = [];
  for (const rule of ALL_RULES as AnyRule[]) {
    const severity = rule.meta.appliesTo === kind ? effectiveSeverity(rule.meta, config) : undefined;
    if (severity) rules.push({ rule, severity });
  }
  const perPart = incremental ? rulesPerPart(src, rules, config, workspace, models, fixChecks) : undefined;
  // Their findings come first, the whole-file rules' after: the order of rules does not matter once findings are sorted.
  if (perPart) findings.push(...perPart.findings);
  const active = new Set<string>();
  // One model object for every rule: spreading a fresh one per rule cost more than most Dockerfile rules.
  const model = { ...models.context, workspace };
  for (const { rule, severity } of rules) {
    active.add(rule.meta.id);
    if (perPart?.ruleIds.has(rule.meta.id)) continue;
    const outcome = runRule(rule, severity, src, config, model, fixChecks(rule), findings);
    if (outcome === 'stopped') findings.push(...incomplete('tooManyFindings', { id: rule.meta.id, name: rule.meta.name, limit: String(MAX_FINDINGS_PER_RULE) }));
    else if (outcome) {
      ruleErrors.push(`${rule.meta.id} ${rule.meta.name}: ${stackOf(outcome.error)}`);
      findings.push(...incomplete('ruleFailed', { id: rule.meta.id, name: rule.meta.name, error: errorLine(outcome.error) }));
    }
  }
  // The scripts this version's rules parsed are what its next version reuses.
  models.dockerfile?.shells?.end();
  // The organisation's rules in CEL run like built-in ones, after them.
  for (const rule of config.customRules ?? []) {
    const meta = customRuleMeta(rule);
    const severity = rule.kind === kind ? effectiveSeverity(meta, config) : undefined;
    if (!severity) continue;
    active.add(rule.id);
    try {
      for (const f of checkCustomRule(rule, customSubjects(kind, models.context)))
        findings.push({ ...finding(meta, config, f.messageId, f.data, f.range), severity: f.messageId === 'failed' ? severity : 'info' });
    } catch (e) {
      ruleErrors.push(`${rule.id}: ${stackOf(e)}`);
      findings.push(...incomplete('ruleFailed', { id: rule.id, name: rule.id.toLowerCase(), error: errorLine(e) }));
    }
  }
  if (kind === 'kubernetes' && workspace) {
    // A kustomization: its effective objects, judged as a standalone file (no workspace, so no recursion).
    // A base: the settings its objects miss in the overlays that build on it.
    try {
      const judgeWith = (options: EngineConfig) => (text: string) => analyzeFile({ uri: EFFECTIVE_URI, text }, options, ruleErrors, false).findings;
      const levels = config.namespaceLevels ?? {};
      const levelOf = (namespace: unknown) => (typeof namespace === 'string' && Object.hasOwn(levels, namespace) ? JSON.stringify(levels[namespace]) : 'setting');
      // Only a file that Kustomize overlays build on is judged for missing settings: their config (a copy of
      // every rule's setting) is made on first use, not for every manifest.
      let missingOnly: EngineConfig | undefined;
      const judges = { all: judgeWith(config), missing: (text: string) => judgeWith((missingOnly ??= missingSettingRulesOnly(config)))(text), levelOf };
      const metas = META_BY_ID as ReadonlyMap<string, RuleMeta>;
      findings.push(...overlayFindings(src, workspace, metas, judges));
      findings.push(...baseObjectFindings(src, workspace, findings, metas, judges));
      // A patch file: what a later patch overrides never reaches the cluster.
      const overridden = overriddenPatchValues(src, workspace, findings);
      if (overridden.size) findings.splice(0, findings.length, ...findings.filter((f) => !overridden.has(f)));
    } catch (e) {
      ruleErrors.push(`kustomize effective objects: ${stackOf(e)}`);
      findings.push(...incomplete('ruleFailed', { id: 'XF017', name: 'kustomize effective objects', error: errorLine(e) }));
    }
  }
  if (kind === 'kubernetes' && models.k8s) {
    // An Argo podSpecPatch: what the string sets, judged as a pod of its own (which has no patch: no recursion).
    try {
      findings.push(...podSpecPatchFindings(models.k8s, (text) => analyzeFile({ uri: PATCH_URI, text }, config, ruleErrors, false).findings, META_BY_ID as ReadonlyMap<string, RuleMeta>));
    } catch (e) {
      ruleErrors.push(`podSpecPatch: ${stackOf(e)}`);
      findings.push(...incomplete('ruleFailed', { id: 'podSpecPatch', name: 'Argo podSpecPatch values', error: errorLine(e) }));
    }
  }
  if (workspace && effectiveSeverity(OUTSIDE_WORKSPACE, config)) {
    for (const o of workspace.outsideReferences) findings.push(engineFinding(OUTSIDE_WORKSPACE, 'outside', { reference: o.reference }, o.range));
  }

  if (workspace) {
    // A workspace file the index could not read is left out of it; the file that built the index logs why.
    for (const [path, error] of workspace.indexFailures) ruleErrors.push(`workspace index, ${path}: ${stackOf(error)}`);
    const own = kind === 'dockerfile' ? undefined : workspace.ownIndexFailure(indexedText);
    if (own) {
      if (!workspace.indexFailures.has(documentPath!)) ruleErrors.push(`workspace index, ${documentPath}: ${stackOf(own.error)}`);
      findings.push(...incomplete('notIndexed', { error: errorLine(own.error) }));
    }
  }

  const suppressions = [...parseSuppressions(src, models.scope), ...(models.k8s ? annotationSuppressions(models.k8s) : [])];
  const outcome = applySuppressions(findings, suppressions, ruleMetas(config), active);
  const result = outcome.kept;
  if (effectiveSeverity(UNKNOWN_SUPPRESSION, config)) {
    for (const { s, id } of outcome.unknown) result.push(engineFinding(UNKNOWN_SUPPRESSION, 'unknownRule', { id }, s.range));
  }
  if (effectiveSeverity(UNUSED_SUPPRESSION, config)) {
    for (const s of outcome.unused) {
      const fixes: Fix[] = [{ title: UNUSED_SUPPRESSION.fix!.title, applicability: 'safe', edits: [removeComment(src, s.range)] }];
      result.push(engineFinding(UNUSED_SUPPRESSION, 'unused', { ids: s.ids.join(', ') }, s.range, fixes));
    }
  }
  result.sort(compareFindings);
  return details({ kind, findings: result, dockerfile: models.dockerfile });
}

/**
 * The findings of the rules that judge one part of the file at a time, reusing those of unchanged parts
 * (partFindings.ts): a manifest's documents (perDocumentRules.ts), a Dockerfile's instructions
 * (perInstructionRules.ts). Undefined when the file is judged as a whole: a manifest that holds templates
 * (a masked value reads as the whole file's text says) or cannot be split (see perDocumentFindings).
 */
function rulesPerPart(
  src: SourceFile,
  rules: Array<{ rule: AnyRule; severity: Severity }>,
  config: EngineConfig,
  workspace: WorkspaceFacts | undefined,
  models: FileModels,
  fixChecks: (rule: AnyRule) => FixChecks,
): PartsOutcome | undefined {
  if (models.dockerfile) {
    return perInstructionFindings({
      src,
      dockerfile: models.dockerfile,
      rules: rules.filter(({ rule }) => judgesOneInstruction(rule)),
      config,
      workspace,
      maxFindings: MAX_FINDINGS_PER_RULE,
      run: (rule, severity, model, out) => runRule(rule, severity, src, config, model, fixChecks(rule), out),
    });
  }
  if (!models.k8s || src.hasTemplates) return undefined;
  return perDocumentFindings({
    src,
    k8s: models.k8s,
    rules: rules.filter(({ rule }) => judgesOneDocument(rule)),
    config,
    modelOptions: models.modelOptions ?? {},
    workspace,
    unparsed: models.unparsed,
    maxFindings: MAX_FINDINGS_PER_RULE,
    run: (rule, severity, options, model, out) => runRule(rule, severity, src, options, model, fixChecks(rule), out),
  });
}

/**
 * A chart template judged as Helm would render it with the chart's values, findings moved back to the
 * template (and naming the values file and key they come from). Else the template is judged as written,
 * its template parts unknown: when it is not in a chart or nothing could be evaluated (undefined), or
 * when it was not rendered or its rendering is not YAML (`notice` says why).
 */
function analyzeRendered(input: AnalysisInput, config: EngineConfig, ruleErrors: string[], src: SourceFile, workspace: WorkspaceFacts): AnalysisDetails | { notice?: Finding } | undefined {
  let chart: ChartRendering | undefined;
  try {
    chart = renderChartTemplate(workspace, input.text, config.helmValuesFiles ?? []);
  } catch (e) {
    ruleErrors.push(`helm rendering: ${stackOf(e)}`);
    return undefined;
  }
  if (!chart) return undefined;
  if (chart.disabled) {
    // Nothing of it is installed: nothing to judge, and the notice says why.
    const data = { chart: chart.disabled.chart, condition: chart.disabled.condition };
    const findings = effectiveSeverity(HELM_NOT_EVALUATED, config) ? [finding(HELM_NOT_EVALUATED, config, 'disabledSubchart', data, FILE_START)] : [];
    return { kind: 'kubernetes', findings, src, ruleErrors, dependencies: [...workspace.dependencies], usesManifestIndex: false };
  }
  if (chart.failure) return { notice: helmNotice(config, src, { reason: chart.failure }) };
  if (!chart.evaluated) return { notice: helmNotice(config, src, chart) };
  const ownErrors: string[] = [];
  const result = analyzeFile({ ...input, text: chart.text }, config, ownErrors, false, input.text);
  const parseError = result.findings.find((f) => f.ruleId === PARSE_ERROR.id);
  if (parseError) return { notice: helmNotice(config, src, { reason: `its rendering does not parse: ${parseError.data.message}` }) };
  ruleErrors.push(...ownErrors);
  const map = new RenderedMap(chart.pieces, result.src, src, chart.chartDir, chart.values);
  const findings = result.findings.map((f) => map.finding(f));
  const notice = helmNotice(config, src, chart);
  if (notice) findings.push(notice);
  return {
    ...result,
    src,
    findings: findings.sort(compareFindings),
    dependencies: [...new Set([...workspace.dependencies, ...result.dependencies])],
  };
}

/** BH007, once per template: why it was not rendered, or the first construct left unknown (what it writes is not checked). */
function helmNotice(config: EngineConfig, src: SourceFile, why: { reason?: string; unevaluated?: { start: number; end: number } }): Finding | undefined {
  if (!effectiveSeverity(HELM_NOT_EVALUATED, config)) return undefined;
  if (why.reason) return finding(HELM_NOT_EVALUATED, config, 'notRendered', { reason: why.reason }, FILE_START);
  if (!why.unevaluated) return undefined;
  const { start, end } = why.unevaluated;
  const written = src.text.slice(start, end).replace(/\s+/g, ' ');
  const construct = written.length > 80 ? `${written.slice(0, 79)}…` : written;
  return finding(HELM_NOT_EVALUATED, config, 'notEvaluated', { construct }, src.rangeOf(start, end));
}

/** Templates of a chart judged for the findings in one of its values files, at most. */
const MAX_CHART_TEMPLATES = 100;

/**
 * The findings of a chart's templates that come from a values file, reported in that file at the line
 * that sets the value, with the template line as related information. Every template read is a
 * dependency: editing one re-checks the open values file.
 */
function valuesFileFindings(input: AnalysisInput, config: EngineConfig, ruleErrors: string[], src: SourceFile, workspace: WorkspaceFacts): Finding[] {
  const chartDir = chartDirOfValues(workspace.documentPath);
  const out: Finding[] = [];
  const paths = chartTemplates(workspace, chartDir).slice(0, MAX_CHART_TEMPLATES);
  // The templates' fixes edit the values file as the workspace holds it: here too only when that is this text.
  const fixable = workspace.read(workspace.documentPath) === input.text;
  for (const path of paths) {
    const text = workspace.read(path);
    if (text === undefined || !hasTemplates(text)) continue;
    const result = analyzeFile({ uri: path, text, workspace: input.workspace }, config, ruleErrors, true);
    for (const dependency of result.dependencies) workspace.dependencies.add(dependency);
    for (const f of result.findings) {
      const origin = f.related?.find((r) => r.path === workspace.documentPath);
      if (!origin) continue;
      const line = Math.min(origin.range.start.line, src.lineCount - 1);
      const lineText = src.lineText(line);
      const range = src.rangeOf(src.offsetAt({ line, character: lineText.length - lineText.trimStart().length }), src.offsetAt({ line, character: lineText.trimEnd().length }));
      const related = [{ path, range: f.range, message: `rendered by ${path.slice(chartDir.length + 1)}` }, ...(f.related ?? []).filter((r) => r !== origin)];
      out.push({ ...f, range, related, fixes: fixable ? f.fixes.map((fix) => fixInValuesFile(fix, workspace.documentPath)) : [] });
    }
  }
  out.push(...packedSubchartNotices(config, src, workspace, chartDir));
  return out.sort(compareFindings);
}

/** BH007 at each top-level key of a values file that sets values for a packed (.tgz) subchart. */
function packedSubchartNotices(config: EngineConfig, src: SourceFile, workspace: WorkspaceFacts, chartDir: string): Finding[] {
  const packed = effectiveSeverity(HELM_NOT_EVALUATED, config) ? packedSubcharts(workspace, chartDir) : [];
  const doc = packed.length ? parseYamlStream(src).documents[0] : undefined;
  return packed.flatMap(({ archive, key }) => {
    const pair = doc?.pair(doc.contents, key);
    return pair ? [finding(HELM_NOT_EVALUATED, config, 'packedSubchart', { archive, key }, doc!.rangeOf(pair.key))] : [];
  });
}

const FILE_START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function finding(meta: RuleMeta, config: EngineConfig, messageId: string, data: Record<string, string>, range: Range, fixes: Fix[] = []): Finding {
  return {
    ruleId: meta.id,
    messageId,
    data,
    severity: effectiveSeverity(meta, config) ?? meta.severity,
    message: formatMessage((meta.messages as Record<string, string>)[messageId], data),
    range,
    fixes,
  };
}

/** A BH005 finding: at the start of the file, since what failed is not tied to a place in it. */
function incompleteFinding(config: EngineConfig, messageId: IncompleteMessage, data: Record<string, string>): Finding {
  return finding(ANALYSIS_INCOMPLETE, config, messageId, data, FILE_START);
}

/** The kind a file's name gives before its content is read; YAML that was not read is 'unknown'. */
function kindBeforeParsing(input: AnalysisInput): AnalysisResult['kind'] {
  try {
    const nameKind = kindFromName(input.uri, input.languageId);
    return nameKind === 'yaml' ? 'unknown' : nameKind;
  } catch {
    return 'unknown';
  }
}

/** Longer error lines are cut: a parser's message may quote a whole line of the input. */
const MAX_ERROR_LINE = 200;

/** What a finding says about an error: its first line, never the stack (whose frames name files on this machine). */
function errorLine(e: unknown): string {
  const text = safeText(() => (e instanceof Error ? `${e.name}: ${e.message}` : String(e)));
  const line = text.split('\n', 1)[0].trim().replace(/\.$/, '');
  return line.length > MAX_ERROR_LINE ? `${line.slice(0, MAX_ERROR_LINE)}…` : line;
}

function stackOf(e: unknown): string {
  return safeText(() => (e instanceof Error && e.stack ? e.stack : String(e)));
}

/** Describing a thrown value must not throw in turn (a value whose toString throws). */
function safeText(text: () => string): string {
  try {
    return text();
  } catch {
    return 'an error that cannot be described';
  }
}

/** Every rule's metadata, the configuration's custom rules included: suppressions, hover and reports read them. */
export function ruleMetas(config: EngineConfig): ReadonlyMap<string, RuleMeta> {
  const custom = config.customRules ?? [];
  return custom.length ? new Map([...META_BY_ID, ...custom.map((r) => [r.id, customRuleMeta(r) as RuleMeta] as const)]) : (META_BY_ID as Map<string, RuleMeta>);
}

/** What a custom rule of the file's kind is evaluated on. */
function customSubjects(kind: FileKind, context: object): Subject[] {
  const c = context as { dockerfile?: Dockerfile; compose?: ComposeModel; k8s?: K8sModel };
  if (kind === 'dockerfile') return c.dockerfile ? dockerfileSubjects(c.dockerfile) : [];
  if (kind === 'compose') return c.compose ? composeSubjects(c.compose) : [];
  return c.k8s ? kubernetesSubjects(c.k8s) : [];
}

/**
 * Findings of a `.bulkhead.*` file: rule ids under `rules:` that no rule has (BH002 at each key; its own
 * custom rules are known), and CEL problems of its custom rules at their place in the expression.
 */
function configFindings(src: SourceFile, config: EngineConfig): Finding[] {
  const own = parseConfigFile(src.text).config.customRules ?? [];
  const out: Finding[] = [];
  if (effectiveSeverity(UNKNOWN_SUPPRESSION, config)) {
    for (const key of configRuleKeys(src.text)) {
      if (!META_BY_ID.has(key.id) && !own.some((r) => r.id === key.id)) out.push(finding(UNKNOWN_SUPPRESSION, config, 'unknownConfigRule', { id: key.id }, src.rangeOf(key.start, key.end)));
    }
  }
  const doc = own.length ? parseYamlStream(src).documents[0] : undefined;
  for (const rule of own) {
    for (const { key, problem } of customRuleProblems(rule)) {
      const node = doc?.get(doc.contents, 'rules', rule.id, key);
      if (!node) continue;
      const meta = customRuleMeta(rule);
      out.push({ ...finding(meta, config, 'invalid', { id: rule.id, key, problem: problem.message }, rangeInScalar(doc!, node, problem.offset, problem.length)), severity: 'error' });
    }
  }
  return out;
}

/** What the rules of a file's kind run on, with what suppressions and BH001 need. */
interface FileModels {
  kind: FileKind;
  /** YAML documents left unparsed because they nest too deeply. */
  tooDeep: SkippedDocument[];
  /** The kind's rule context (`{ dockerfile }`, `{ compose }` or `{ k8s }`). */
  context: object;
  scope: SuppressionScope;
  parseErrors: YamlError[];
  /** Offsets of the YAML documents with parse errors, where no fix is applied. */
  unparsed: Span[];
  dockerfile?: DockerfileModel;
  k8s?: K8sModel;
  /** What the Kubernetes model was built with (a document's own model is built alike). */
  modelOptions?: K8sModelOptions;
}

/** Parses the file and builds its model; kind 'unknown' for YAML that is neither Compose nor Kubernetes. */
function buildModels(
  input: AnalysisInput,
  src: SourceFile,
  nameKind: 'dockerfile' | 'compose' | 'yaml',
  workspace: WorkspaceFacts | undefined,
  documentPath: string | undefined,
  options: EngineOptions,
  incremental: boolean,
): FileModels | { kind: 'unknown'; tooDeep: SkippedDocument[] } {
  if (nameKind === 'dockerfile') {
    const dockerfile = parseDockerfile(input.text, src, incremental ? beginShellParses(input.uri) : undefined);
    let instructionLines: Array<[number, number]> | undefined;
    // Read only by a suppression comment: most files have none, and a position costs a search.
    const scope: SuppressionScope = {
      kind: 'dockerfile',
      get instructionLines() {
        return (instructionLines ??= dockerfile.instructions.map((i) => [i.startLine, i.endLine]));
      },
    };
    return { kind: 'dockerfile', context: { dockerfile }, dockerfile, parseErrors: [], unparsed: [], tooDeep: [], scope };
  }
  const templated = hasTemplates(input.text);
  const stream: YamlStream = parseYamlStream(src, templated ? maskTemplates(input.text) : input.text);
  // A templated file reports only its first error: the rest are usually echoes of template syntax.
  const parseErrors = stream.errors.slice(0, templated ? 1 : MAX_PARSE_ERRORS);
  const documentLines = stream.documents.map((d) => [d.range.start.line, d.range.end.line] as [number, number]);
  const unparsed = stream.documents.filter((d) => d.doc.errors.length > 0).map((d): Span => [d.offset, d.offset + d.length]);
  const k8sDocs = stream.documents.filter(isKubernetesDocument);
  const composeDocs = stream.documents.filter(isComposeDocument);
  if (nameKind === 'compose' || (k8sDocs.length === 0 && composeDocs.length > 0)) {
    const compose = buildComposeModel(composeDocs.length ? composeDocs : stream.documents);
    noteComposeOverrides(compose, documentPath ?? pathOfUri(input.uri) ?? input.uri, workspace);
    return { kind: 'compose', context: { compose }, parseErrors, unparsed, tooDeep: stream.skipped, scope: { kind: 'compose', documentLines } };
  }
  // A kustomization need not say `kind: Kustomization`: its name makes it one.
  if (k8sDocs.length === 0 && !isKustomizationName(baseName(input.uri))) return { kind: 'unknown', tooDeep: stream.skipped };
  // A Kustomize patch holds only the fields it changes: settings it leaves out come from its base.
  const modelOptions: K8sModelOptions = { podTemplatePaths: options.podTemplatePaths, partial: workspace ? isKustomizePatch(workspace) : false };
  const k8s = buildK8sModel(k8sDocs, modelOptions);
  return { kind: 'kubernetes', context: { k8s }, k8s, modelOptions, parseErrors, unparsed, tooDeep: stream.skipped, scope: { kind: 'kubernetes', documentLines } };
}

/** Rules that report no missing setting, turned off (and no organisation rules): what judging effective objects for missing settings runs. */
const NOT_MISSING_SETTING_RULES = Object.fromEntries((ALL_RULES as AnyRule[]).filter((r) => !(r.meta as RuleMeta).absent?.length).map((r) => [r.meta.id, 'off' as const]));

function missingSettingRulesOnly(config: EngineConfig): EngineConfig {
  return { ...config, rules: { ...config.rules, ...NOT_MISSING_SETTING_RULES }, customRules: [] };
}

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** Thrown by `report` past MAX_FINDINGS_PER_RULE: it ends the rule's check wherever it is. */
const STOP_RULE = Symbol('stop rule');

/**
 * Runs one rule; what it reported before failing is kept, and the failure is returned, or 'stopped'
 * when it reached MAX_FINDINGS_PER_RULE. Fixes are built when first used (lazyFix); one whose edits do
 * not pass `fixChecks` is shown without edits.
 */
export function runRule(rule: AnyRule, severity: Severity, src: SourceFile, options: EngineOptions, model: object, fixChecks: FixChecks, out: Finding[]): { error: unknown } | 'stopped' | undefined {
  const meta = rule.meta as RuleMeta;
  let reported = 0;
  const k8s = (model as { k8s?: K8sModel }).k8s;
  const report = (r: Report<string>): void => {
    // A setting left out of a partial object (a patch) may be set where the rest of it is.
    if (k8s && meta.absent?.includes(r.messageId) && inPartialObject(k8s, r.range)) return;
    if (reported++ === MAX_FINDINGS_PER_RULE) throw STOP_RULE;
    const data: Record<string, string> = {};
    for (const k in r.data) if (Object.hasOwn(r.data, k)) data[k] = readable(src.text, String(r.data[k]));
    const template = (meta.messages as Record<string, string>)[r.messageId];
    if (template === undefined) throw new Error(`unknown messageId "${r.messageId}"`);
    const fixes: Fix[] = [];
    if (r.fix) {
      if (!meta.fix) throw new Error('reported a fix without declaring meta.fix');
      fixes.push(lazyFix(src, formatMessage(r.fixTitle ?? meta.fix.title, data), meta.fix.applicability, r.fix, r.fileEdits, fixChecks));
    }
    // A finding may be milder than its rule (a release near its end rather than past it), never harsher.
    const own = r.severity && SEVERITY_RANK[r.severity] < SEVERITY_RANK[severity] ? r.severity : severity;
    const found: Finding = { ruleId: meta.id, messageId: r.messageId, data, severity: own, message: formatMessage(template, data), range: r.range, fixes };
    // Set when present rather than spread in: a conditional spread per finding cost more than the rest of the finding.
    if (r.related) found.related = r.related;
    if (r.check) found.check = r.check;
    out.push(found);
  };
  try {
    (rule.check as (ctx: object) => void)({ src, options, report, ...model });
    return undefined;
  } catch (error) {
    return error === STOP_RULE ? 'stopped' : { error };
  }
}

export function compareFindings(a: Finding, b: Finding): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || byCodeUnits(a.ruleId, b.ruleId);
}
