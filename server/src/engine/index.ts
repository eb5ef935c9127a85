// The engine's public surface. Pure TypeScript: no vscode, no fs, no network (a test enforces it).
export * from './model';
export { analyze, isReportable, effectiveSeverity, formatMessage, compareFindings, type AnalysisDetails } from './analyze';
export { fixAll, MAX_FIX_PASSES, type FixAllResult } from './fixAll';
export { applyEdits } from './edits';
export { DEFAULT_CONFIG, mergeConfig, parseConfigFile, type EngineConfig, type EngineOptions, type PodSecurityLevelSetting } from './config';
export { kindFromName, isCandidate, baseName } from './detect';
export { ALL_RULES, ALL_METAS, META_BY_ID, findMeta } from './registry';
export { suppressionEdit } from './suppressions';
export { THREATS, PRINCIPLES } from './threats';
export { SourceFile } from './source';
export { forgetParses } from './parse/yamlCache';
export { memoryHost, type WorkspaceHost } from './workspace/host';
export { indexedFactsOf } from './workspace/facts';
export { pathOfUri } from './workspace/paths';
