// Plain configuration the engine receives. The server and CLI read settings and files; the engine
// only parses text handed to it (a `.bulkhead.yaml`/`.json` body) and never touches the disk.
import { isMap, isScalar } from 'yaml';
import { isTooDeep, parseYamlDocument } from './parse/yamlDocument';
import type { SeveritySetting } from './model';

export interface EngineOptions {
  /** Registry hosts (e.g. `registry.example.com`, `docker.io`) images may come from; empty = no check. */
  trustedRegistries: string[];
  /** Pod Security Standards level workloads are held to when their namespace sets none. */
  podSecurityLevel: PodSecurityLevelSetting;
  /** Pod Security Standards version (`v1.30`) or `latest`, like the `enforce-version` namespace label. */
  podSecurityVersion: string;
  /** Namespace → its `pod-security.kubernetes.io/enforce` level (and version), gathered by a workspace scan. */
  namespaceLevels?: Record<string, { level: PodSecurityLevel; version?: string }>;
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
}

export const DEFAULT_CONFIG: EngineConfig = {
  rules: {}, trustedRegistries: [], maxFileBytes: 2 * 1024 * 1024, podSecurityLevel: 'restricted', podSecurityVersion: 'latest',
};

const SEVERITY_SETTINGS = new Set(['off', 'info', 'warning', 'error']);
const POD_SECURITY_LEVELS = new Set(['baseline', 'restricted']);
/** `latest`, or a Kubernetes minor version as the `enforce-version` label writes it (`v1.30`). */
export const POD_SECURITY_VERSION = /^(latest|v?1\.\d+)$/;

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
    if (layer.namespaceLevels) out.namespaceLevels = { ...layer.namespaceLevels };
    if (layer.today) out.today = layer.today;
  }
  return out;
}

export interface ConfigFileResult { config: Partial<EngineConfig>; errors: string[] }

/**
 * Reads a `.bulkhead.yaml` / `.bulkhead.json` body; invalid entries are reported, never thrown. Rule ids are
 * not checked here: an unknown one is a finding in the config file itself (see `configRuleKeys`).
 */
export function parseConfigFile(text: string): ConfigFileResult {
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
    if (!['rules', 'trustedRegistries', 'kubernetes', '$schema'].includes(key)) errors.push(`unknown key "${key}"`);
  }
  if (obj.rules !== undefined) {
    if (typeof obj.rules !== 'object' || obj.rules === null || Array.isArray(obj.rules)) {
      errors.push('"rules" must be a mapping of rule id to off|info|warning|error');
    } else {
      config.rules = {};
      for (const [id, value] of Object.entries(obj.rules)) {
        if (typeof value === 'string' && SEVERITY_SETTINGS.has(value)) config.rules[id] = value as SeveritySetting;
        else errors.push(`rules.${id}: expected off, info, warning or error`);
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
      errors.push('"kubernetes" must be a mapping (podSecurityLevel, podSecurityVersion)');
    } else {
      const k8s = obj.kubernetes as Record<string, unknown>;
      for (const key of Object.keys(k8s)) {
        if (!['podSecurityLevel', 'podSecurityVersion'].includes(key)) errors.push(`unknown key "kubernetes.${key}"`);
      }
      if (k8s.podSecurityLevel !== undefined) {
        if (typeof k8s.podSecurityLevel === 'string' && POD_SECURITY_LEVELS.has(k8s.podSecurityLevel)) config.podSecurityLevel = k8s.podSecurityLevel as PodSecurityLevelSetting;
        else errors.push('kubernetes.podSecurityLevel: expected baseline or restricted');
      }
      if (k8s.podSecurityVersion !== undefined) {
        if (typeof k8s.podSecurityVersion === 'string' && POD_SECURITY_VERSION.test(k8s.podSecurityVersion)) config.podSecurityVersion = k8s.podSecurityVersion;
        else errors.push('kubernetes.podSecurityVersion: expected latest or a version like v1.30');
      }
    }
  }
  return { config, errors };
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
