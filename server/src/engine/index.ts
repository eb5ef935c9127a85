// The engine's public surface, and its only door: the server, the language server and the CLI import the
// engine through this module alone (test/meta/layers.test.ts checks it on the compiler's module graph).
// Pure TypeScript: no vscode, no fs, no network (its own tsconfig has no Node types).
export * from './model';
export { analyze, isReportable, effectiveSeverity, formatMessage, ruleMetas, type AnalysisDetails } from './analyze';
export { fixAll, fixAllWriting, hasFixToApply } from './fixAll';
export { applyEdits, diffEdit } from './edits/text';
export { buildFixes } from './edits/fixes';
export { DEFAULT_CONFIG, mergeConfig, parseConfigFile, podTemplatePaths, POD_SECURITY_VERSION, BASELINE_SHOW_AS, type BaselineShowAs, type EngineConfig, type PodSecurityLevelSetting } from './config';
export type { PodTemplatePaths } from './parse/kubernetes';
export { ANALYSIS_INCOMPLETE } from './diagnostics';
export { docFileName, fixActionTitle, renderHover, renderRulePage, THREAT_MODEL_FILE, type HoverFormat } from './docs/render';
export { escapeMarkdown } from './docs/markdown';
export { hardenToRestricted, podSecuritySummaryOf, type WorkloadPodSecurity } from './features/podSecurity';
export { expressionVerdictAt, VERDICT_READ_LIMIT, type ExpressionVerdict } from './features/expressionVerdict';
export { kindFromName, isCandidate, isYamlFile } from './detect';
export { ALL_RULES, ALL_METAS, META_BY_ID, findMeta } from './registry';
export { aliasCovers, suppressionEdit } from './suppressions';
export { fingerprintKeys } from './fingerprint';
export { THREATS, PRINCIPLES } from './threats';
export { SourceFile } from './source';
export { forgetParses } from './parse/yamlCache';
export { forgetDocumentFindings } from './documentFindings';
export { forgetShellParses } from './parse/shellParses';
export { memoryHost, type WorkspaceHost } from './workspace/host';
export { indexedFactsOf } from './workspace/facts';
export { pathOfUri } from './workspace/paths';
