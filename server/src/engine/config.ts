// Plain configuration the engine receives. The server and CLI read settings and files; the engine
// only parses text handed to it (a `.bulkhead.yaml`/`.json` body) and never touches the disk.
import { isMap, isScalar } from 'yaml';
import { isTooDeep, parseYamlDocument } from './parse/yamlDocument';
import type { FileKind, Severity, SeveritySetting, ThreatId } from './model';
import { THREATS } from './threats';
import type { PodTemplatePaths } from './parse/kubernetes';
import { resolvePath } from './workspace/paths';

export interface EngineOptions {
  /** Registry hosts (e.g. `registry.example.com`, `docker.io`) images may come from; empty = no check. */
  trustedRegistries: string[];
  /** Pod Security Standards level workloads are held to when their namespace sets none. */
  podSecurityLevel: PodSecurityLevelSetting;
  /** Pod Security Standards version (`v1.30`) or `latest`, like the `enforce-version` namespace label. */
  podSecurityVersion: string;
  /** Namespace → its `pod-security.kubernetes.io/enforce` level (and version), gathered by a workspace scan. */
  namespaceLevels?: Record<string, { level: PodSecurityLevel; version?: string }>;
  /**
   * The level every workload is held to, whatever its namespace or the setting says: the Pod Security
   * summary and Harden to restricted run the rules at 'restricted'. Not a user setting.
   */
  podSecurityLevelOverride?: PodSecurityLevel;
  /** In-house pod-template carriers: `apiVersion/kind` (or `group/kind`) → dotted path of the pod spec (`spec.template.spec`). */
  podTemplatePaths?: PodTemplatePaths;
  /** Values files of Helm charts read after `values.yaml` (later wins), relative to each top chart's directory (subcharts get them under their key). */
  helmValuesFiles?: string[];
  /** The date (`YYYY-MM-DD`) lifecycle rules judge releases against: the CLI and server pass today's; unset, the lifecycle table's own date. */
  today?: string;
}

export type PodSecurityLevelSetting = 'baseline' | 'restricted';
export type PodSecurityLevel = 'privileged' | PodSecurityLevelSetting;

const ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';
const LEVELS = new Set<string>(['privileged', 'baseline', 'restricted']);

/** The level (and version) a Namespace's `pod-security.kubernetes.io/enforce[-version]` labels set, read through `label`. */
export function enforcedLevel(label: (key: string) => unknown): { level: PodSecurityLevel; version?: string } | undefined {
  const level = label(ENFORCE_LABEL);
  const version = label(`${ENFORCE_LABEL}-version`);
  if (typeof level !== 'string' || !LEVELS.has(level)) return undefined;
  return { level: level as PodSecurityLevel, ...(typeof version === 'string' && version ? { version } : {}) };
}

export interface EngineConfig extends EngineOptions {
  /** Severity overrides by rule id; 'off' disables a rule, any severity enables an off-by-default one. */
  rules: Record<string, SeveritySetting>;
  /** Files larger than this are skipped with a reason. */
  maxFileBytes: number;
  /** The organisation's rules in CEL, from `.bulkhead.yaml` `rules:` entries that are mappings. */
  customRules?: CustomRule[];
  /**
   * Files and directories holding ValidatingAdmissionPolicies beyond the workspace's YAML files
   * (`policies.paths`): absolute, resolved by whoever read the setting; read only inside the workspace.
   */
  policyPaths?: string[];
}

export const DEFAULT_CONFIG: EngineConfig = {
  rules: {},
  trustedRegistries: [],
  maxFileBytes: 2 * 1024 * 1024,
  podSecurityLevel: 'restricted',
  podSecurityVersion: 'latest',
};

export const SEVERITY_SETTING_VALUES: SeveritySetting[] = ['off', 'info', 'warning', 'error'];
const SEVERITY_SETTINGS = new Set<string>(SEVERITY_SETTING_VALUES);
const POD_SECURITY_LEVEL_VALUES: PodSecurityLevelSetting[] = ['restricted', 'baseline'];
const POD_SECURITY_LEVELS = new Set<string>(POD_SECURITY_LEVEL_VALUES);
/** `latest`, or a Kubernetes minor version as the `enforce-version` label writes it (`v1.30`). */
export const POD_SECURITY_VERSION = /^(latest|v?1\.\d+)$/;

/** How the editor shows the findings a baseline records (`bulkhead.baseline.showAs`). */
export const BASELINE_SHOW_AS = ['hint', 'hidden', 'unchanged'] as const;
export type BaselineShowAs = (typeof BASELINE_SHOW_AS)[number];

/** The JSON Schema keywords the settings use (draft-07, and VS Code's `markdownDescription`/`enumDescriptions`). */
export interface SettingSchema {
  type?: 'boolean' | 'string' | 'array' | 'object';
  enum?: string[];
  enumDescriptions?: string[];
  pattern?: string;
  items?: SettingSchema;
  default?: unknown;
}

/**
 * One user setting: where it is written and what it accepts. The single source of the config-file schema
 * (`schemas/bulkhead-config.schema.json`) and of package.json `contributes.configuration`, both written by
 * `npm run gen` (scripts/generated.ts); `parseConfigFile` accepts exactly the `file` keys listed here.
 */
export interface SettingDefinition {
  /** Dotted path in `.bulkhead.yaml`/`.json`; absent for a setting only the editor has. */
  file?: string;
  /** Name in the editor's settings, under `bulkhead.`; absent for a setting only config files have. */
  editor?: string;
  /** Markdown. */
  description: string;
  /** The map of rule id to severity (SEVERITY_SETTING_VALUES): its keys, the registry's rule ids, are filled in when rendering. */
  ruleSeverities?: true;
  schema: SettingSchema;
}

export const SETTINGS: readonly SettingDefinition[] = [
  { editor: 'enable', description: 'Analyze Dockerfiles, Compose files and Kubernetes manifests.', schema: { type: 'boolean', default: true } },
  {
    file: 'rules',
    editor: 'rules',
    ruleSeverities: true,
    description:
      "Severity per rule id: `off`, `info`, `warning` or `error`. Setting a severity also enables a rule that is off by default. See the README for the rule list. In `.bulkhead.yaml`, `ORG001`… entries define the organisation's own rules in CEL.",
    schema: { type: 'object', default: {} },
  },
  {
    editor: 'scan.exclude',
    description: 'Glob patterns (relative to the workspace folder) that Bulkhead: Scan Workspace skips.',
    schema: { type: 'array', items: { type: 'string' }, default: ['**/node_modules/**', '**/.git/**'] },
  },
  {
    file: 'trustedRegistries',
    editor: 'trustedRegistries',
    description: 'Registries images may come from, e.g. `registry.example.com` or `ghcr.io/my-org`. Empty: no registry check.',
    schema: { type: 'array', items: { type: 'string' }, default: [] },
  },
  {
    file: 'kubernetes.podSecurityLevel',
    editor: 'kubernetes.podSecurityLevel',
    description:
      'Pod Security Standards level workloads are checked against when their namespace sets none: a `pod-security.kubernetes.io/enforce` label on a Namespace in the workspace wins, and a `kubernetes.podSecurityLevel` in `.bulkhead.yaml` wins over the editor setting.',
    schema: {
      type: 'string',
      enum: POD_SECURITY_LEVEL_VALUES,
      default: DEFAULT_CONFIG.podSecurityLevel,
      enumDescriptions: ['Hold workloads to the restricted profile (current pod hardening best practice).', 'Hold workloads to the baseline profile only (prevents known privilege escalations).'],
    },
  },
  {
    file: 'kubernetes.podSecurityVersion',
    editor: 'kubernetes.podSecurityVersion',
    description: 'Kubernetes version of the Pod Security Standards, like the `enforce-version` label: `latest` or e.g. `v1.30` (controls changed between minors).',
    schema: { type: 'string', default: DEFAULT_CONFIG.podSecurityVersion, pattern: POD_SECURITY_VERSION.source },
  },
  {
    file: 'kubernetes.podTemplatePaths',
    editor: 'kubernetes.podTemplatePaths',
    description:
      'Custom resources that carry a pod spec, for in-house CRDs: `apiVersion/kind` (or `group/kind` for every version) → the dotted path of the pod spec, e.g. `"example.com/v1/Worker": "spec.template.spec"`; `*` stands for every item of a list or value of a mapping, for kinds with several pods (`spec.roles.*.template.spec`). Every pod-spec rule and the Pod Security summary then apply to them. Entries of `.bulkhead.yaml` win over the editor setting.',
    schema: { type: 'object', default: {} },
  },
  {
    file: 'helm.valuesFiles',
    editor: 'helm.valuesFiles',
    description:
      "Values files a Helm chart template is judged with, after the chart's `values.yaml` (later files win), relative to the chart directory, e.g. `values-prod.yaml`. A subchart under `charts/` gets the top chart's files, under its name, as `helm install -f` gives them.",
    schema: { type: 'array', items: { type: 'string' }, default: [] },
  },
  {
    file: 'policies.paths',
    editor: 'policies.paths',
    description:
      "Files or directories holding ValidatingAdmissionPolicies and their bindings that are not among the workspace's YAML files (another extension, a skipped directory), relative to the config file's directory (the workspace folder for the editor setting). Only paths inside the workspace are read; a directory gives its `.yaml`, `.yml` and `.json` files.",
    schema: { type: 'array', items: { type: 'string' }, default: [] },
  },
  {
    editor: 'baseline.file',
    description:
      'A baseline written by `bulkhead scan --baseline-write FILE`, relative to each workspace folder (e.g. `.bulkhead-baseline.json`). The findings recorded in it are shown as `#bulkhead.baseline.showAs#` says; new findings as usual. Empty: no baseline.',
    schema: { type: 'string', default: '' },
  },
  {
    editor: 'baseline.showAs',
    description: 'How the editor shows findings recorded in `#bulkhead.baseline.file#`.',
    schema: {
      type: 'string',
      enum: [...BASELINE_SHOW_AS],
      default: 'hint',
      enumDescriptions: ['As hints (faint dots, not in the Problems panel): known debt stays visible but quiet.', 'Not at all.', 'At their own severity, like new findings.'],
    },
  },
  {
    editor: 'trace.server',
    description: 'Trace the communication between VS Code and the Bulkhead language server.',
    schema: { type: 'string', enum: ['off', 'messages', 'verbose'], default: 'off' },
  },
];

/** The keys a config file may hold under `parent` (`''` for the top level), from SETTINGS. */
function fileKeys(parent: string): string[] {
  const prefix = parent ? `${parent}.` : '';
  const keys = SETTINGS.flatMap((s) => (s.file?.startsWith(prefix) ? [s.file.slice(prefix.length).split('.')[0]] : []));
  return [...new Set(keys)];
}

/** Later layers override earlier ones; rule maps merge key by key. */
export function mergeConfig(...layers: Array<Partial<EngineConfig> | undefined>): EngineConfig {
  const out: EngineConfig = { ...DEFAULT_CONFIG, rules: {} };
  for (const layer of layers) {
    if (!layer) continue;
    if (layer.rules) Object.assign(out.rules, layer.rules);
    if (layer.trustedRegistries) out.trustedRegistries = [...layer.trustedRegistries];
    if (typeof layer.maxFileBytes === 'number') out.maxFileBytes = layer.maxFileBytes;
    if (layer.podSecurityLevel) out.podSecurityLevel = layer.podSecurityLevel;
    if (layer.podSecurityVersion) out.podSecurityVersion = layer.podSecurityVersion;
    if (layer.podTemplatePaths) out.podTemplatePaths = { ...out.podTemplatePaths, ...layer.podTemplatePaths };
    if (layer.namespaceLevels) out.namespaceLevels = { ...layer.namespaceLevels };
    // A later layer's rule replaces an earlier one of the same id.
    if (layer.customRules) out.customRules = [...(out.customRules ?? []).filter((r) => !layer.customRules!.some((l) => l.id === r.id)), ...layer.customRules];
    if (layer.today) out.today = layer.today;
    if (layer.helmValuesFiles) out.helmValuesFiles = [...layer.helmValuesFiles];
    // Policy files named by the editor and by config files all count: each names where its policies are.
    if (layer.policyPaths) out.policyPaths = [...new Set([...(out.policyPaths ?? []), ...layer.policyPaths])];
  }
  return out;
}

export interface ConfigFileResult {
  config: Partial<EngineConfig>;
  errors: string[];
}

/**
 * Reads a `.bulkhead.yaml` / `.bulkhead.json` body (in directory `dir`: relative paths are resolved against it); invalid entries are reported, never thrown. Rule ids are
 * not checked here: an unknown one is a finding in the config file itself (see `configRuleKeys`).
 */
export function parseConfigFile(text: string, dir = '/'): ConfigFileResult {
  const errors: string[] = [];
  let raw: unknown;
  const doc = parseYamlDocument(text); // JSON is YAML; a hostile config nests too deeply for the parser
  if (isTooDeep(doc)) return { config: {}, errors: [`cannot parse: nested deeper than ${doc.limit} levels`] };
  const [error] = doc.errors;
  if (error) return { config: {}, errors: [`cannot parse: ${error.message.split('\n')[0]} at ${linePosition(text, error.pos[0])}`] };
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return { config: {}, errors: [`cannot parse: ${(e as Error).message.split('\n')[0]}`] };
  }
  if (raw === null || raw === undefined) return { config: {}, errors };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { config: {}, errors: ['top level must be a mapping'] };
  const obj = raw as Record<string, unknown>;
  const config: Partial<EngineConfig> = {};
  for (const key of Object.keys(obj)) {
    if (![...fileKeys(''), '$schema'].includes(key)) errors.push(`unknown key "${key}"`);
  }
  if (obj.rules !== undefined) {
    if (typeof obj.rules !== 'object' || obj.rules === null || Array.isArray(obj.rules)) {
      errors.push('"rules" must be a mapping of rule id to off|info|warning|error');
    } else {
      config.rules = {};
      for (const [id, value] of Object.entries(obj.rules)) {
        if (typeof value === 'string' && SEVERITY_SETTINGS.has(value)) config.rules[id] = value as SeveritySetting;
        else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
          const rule = parseCustomRule(id, value as Record<string, unknown>, errors);
          if (rule) (config.customRules ??= []).push(rule);
        } else errors.push(`rules.${id}: expected off, info, warning or error`);
      }
    }
  }
  if (obj.trustedRegistries !== undefined) {
    if (Array.isArray(obj.trustedRegistries) && obj.trustedRegistries.every((r) => typeof r === 'string')) {
      config.trustedRegistries = obj.trustedRegistries as string[];
    } else {
      errors.push('"trustedRegistries" must be a list of registry host names');
    }
  }
  if (obj.kubernetes !== undefined) {
    if (typeof obj.kubernetes !== 'object' || obj.kubernetes === null || Array.isArray(obj.kubernetes)) {
      errors.push('"kubernetes" must be a mapping (podSecurityLevel, podSecurityVersion, podTemplatePaths)');
    } else {
      const k8s = obj.kubernetes as Record<string, unknown>;
      for (const key of Object.keys(k8s)) {
        if (!fileKeys('kubernetes').includes(key)) errors.push(`unknown key "kubernetes.${key}"`);
      }
      if (k8s.podSecurityLevel !== undefined) {
        if (typeof k8s.podSecurityLevel === 'string' && POD_SECURITY_LEVELS.has(k8s.podSecurityLevel)) config.podSecurityLevel = k8s.podSecurityLevel as PodSecurityLevelSetting;
        else errors.push('kubernetes.podSecurityLevel: expected baseline or restricted');
      }
      if (k8s.podSecurityVersion !== undefined) {
        if (typeof k8s.podSecurityVersion === 'string' && POD_SECURITY_VERSION.test(k8s.podSecurityVersion)) config.podSecurityVersion = k8s.podSecurityVersion;
        else errors.push('kubernetes.podSecurityVersion: expected latest or a version like v1.30');
      }
      if (k8s.podTemplatePaths !== undefined) {
        const paths = podTemplatePaths(k8s.podTemplatePaths);
        if (paths) config.podTemplatePaths = paths;
        else errors.push('kubernetes.podTemplatePaths: expected a mapping of apiVersion/kind to a dotted path like spec.template.spec');
      }
    }
  }
  if (obj.helm !== undefined) {
    const helm = obj.helm as Record<string, unknown> | null;
    if (typeof helm !== 'object' || helm === null || Array.isArray(helm)) errors.push('"helm" must be a mapping (valuesFiles)');
    else {
      for (const key of Object.keys(helm)) if (!fileKeys('helm').includes(key)) errors.push(`unknown key "helm.${key}"`);
      const files = helm.valuesFiles;
      if (Array.isArray(files) && files.every((f) => typeof f === 'string')) config.helmValuesFiles = files as string[];
      else if (files !== undefined) errors.push('helm.valuesFiles: expected a list of file paths');
    }
  }
  if (obj.policies !== undefined) {
    const policies = obj.policies;
    if (typeof policies !== 'object' || policies === null || Array.isArray(policies)) errors.push('"policies" must be a mapping (paths)');
    else {
      for (const key of Object.keys(policies)) if (!fileKeys('policies').includes(key)) errors.push(`unknown key "policies.${key}"`);
      const { paths } = policies as { paths?: unknown };
      if (Array.isArray(paths) && paths.every((p) => typeof p === 'string')) config.policyPaths = paths.map((p) => resolvePath(dir, p));
      else if (paths !== undefined) errors.push('policies.paths: expected a list of paths relative to the config file');
    }
  }
  return { config, errors };
}

/**
 * `apiVersion/kind` → `a.b.c`: keys name a kind after a group, values are dotted key paths (`*` for every
 * item or value, never last: a pod spec is under a key); anything else is refused whole.
 */
export function podTemplatePaths(raw: unknown): PodTemplatePaths | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const entries = Object.entries(raw);
  const valid = entries.every(([key, path]) => /^[^/\s]+(\/[^/\s]+)?\/[^/\s]+$/.test(key) && typeof path === 'string' && /^[^.\s]+(\.[^.\s]+)*$/.test(path.trim()) && !/(^|\.)\*$/.test(path.trim()));
  return valid ? Object.fromEntries(entries.map(([key, path]) => [key, (path as string).trim()])) : undefined;
}

/** An organisation rule of `.bulkhead.yaml`: its expression must hold on every subject `match` selects. */
export interface CustomRule {
  id: string;
  title: string;
  severity: Severity;
  threat: ThreatId;
  kind: FileKind;
  match?: string;
  expression: string;
  message: string;
}

export const CUSTOM_RULE_ID = /^ORG\d{3,}$/;
const KINDS = new Set<string>(['dockerfile', 'compose', 'kubernetes']);
const SEVERITIES = new Set<string>(['error', 'warning', 'info']);

/** A `rules:` entry that is a mapping: an organisation rule in CEL (engine/policy/cel/customRules.ts), checked; what is wrong goes to `errors` (then the rule is left out). */
export function parseCustomRule(id: string, raw: Record<string, unknown>, errors: string[]): CustomRule | undefined {
  const before = errors.length;
  const text = (key: string, required = true): string | undefined => {
    const v = raw[key];
    if (typeof v === 'string' && v.trim()) return v;
    if (required || v !== undefined) errors.push(`rules.${id}.${key}: expected a non-empty string`);
    return undefined;
  };
  if (!CUSTOM_RULE_ID.test(id)) errors.push(`rules.${id}: custom rule ids are ORG followed by digits (ORG001)`);
  for (const key of Object.keys(raw)) {
    if (!['title', 'kind', 'severity', 'threat', 'match', 'expression', 'message'].includes(key)) errors.push(`rules.${id}: unknown key "${key}"`);
  }
  const title = text('title');
  const kind = text('kind');
  if (kind !== undefined && !KINDS.has(kind)) errors.push(`rules.${id}.kind: expected dockerfile, compose or kubernetes`);
  const severity = text('severity', false) ?? 'warning';
  if (!SEVERITIES.has(severity)) errors.push(`rules.${id}.severity: expected error, warning or info`);
  const threat = text('threat', false) ?? 'container-misconfiguration';
  if (!(threat in THREATS)) errors.push(`rules.${id}.threat: expected one of ${Object.keys(THREATS).join(', ')}`);
  const match = text('match', false);
  const expression = text('expression');
  const message = text('message');
  if (errors.length > before) return undefined;
  return { id, title: title!, kind: kind as FileKind, severity: severity as Severity, threat: threat as ThreatId, expression: expression!, message: message!, ...(match ? { match } : {}) };
}

/** The rule ids a config body sets under `rules:`, each with the offsets of its key, in file order. */
export function configRuleKeys(text: string): Array<{ id: string; start: number; end: number }> {
  const doc = parseYamlDocument(text);
  if (isTooDeep(doc)) return [];
  const rules = doc.get('rules', true);
  if (!isMap(rules)) return [];
  return rules.items.flatMap(({ key }) => (isScalar(key) && key.range ? [{ id: String(key.value), start: key.range[0], end: key.range[1] }] : []));
}

/** `line L, column C` (1-based) of an offset, as YAML error messages give it. */
function linePosition(text: string, offset: number): string {
  const before = text.slice(0, offset);
  return `line ${before.split('\n').length}, column ${offset - before.lastIndexOf('\n')}`;
}
