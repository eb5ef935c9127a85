// The config-file schema and the editor's `contributes.configuration`, both rendered from SETTINGS
// (config.ts) and the registry's rule ids, so neither can drift from what the engine accepts.
import { CUSTOM_RULE_ID, SETTINGS, SEVERITY_SETTING_VALUES, type SettingDefinition, type SettingSchema } from '../config';
import type { RuleMeta } from '../model';

type JsonObject = Record<string, unknown>;

/** `^(BH|DC|DF|K8S|XF)\d{3}$`: every rule family the registry has, for a map keyed by rule id. */
function ruleIdPattern(metas: readonly RuleMeta[]): string {
  const families = [...new Set(metas.map((m) => m.id.replace(/\d+$/, '')))].sort();
  return `^(${families.join('|')})\\d{3}$`;
}

/** An organisation rule in CEL (`ORG001: {…}` under `rules`), as parseCustomRule reads it. */
const CUSTOM_RULE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['title', 'kind', 'expression', 'message'],
  description: 'A custom rule: `expression` (CEL) must hold on every subject `match` selects.',
  properties: {
    title: { type: 'string' },
    message: { type: 'string' },
    kind: { enum: ['dockerfile', 'compose', 'kubernetes'], description: 'kubernetes: `object`; compose: `service`, `project`; dockerfile: `stage`, `dockerfile`.' },
    severity: { enum: ['info', 'warning', 'error'] },
    threat: { type: 'string' },
    match: { type: 'string', description: 'CEL: the subjects the rule applies to.' },
    expression: { type: 'string', description: 'CEL: what must hold; false is a finding.' },
  },
};

function defaultOf(meta: RuleMeta): string {
  return meta.enabledByDefault === false ? 'off' : meta.severity;
}

/** A setting's JSON Schema for a config file or the editor. The rule map lists every rule id in the file schema (completion and a description per id); the editor checks ids by their pattern (a short manifest). */
function settingSchema(setting: SettingDefinition, metas: readonly RuleMeta[], target: 'file' | 'editor'): JsonObject {
  const { enumDescriptions, ...schema }: SettingSchema = setting.schema;
  const out: JsonObject = { ...schema };
  if (setting.ruleSeverities) {
    const severity = { type: 'string', enum: SEVERITY_SETTING_VALUES };
    if (target === 'file') {
      out.additionalProperties = false;
      out.properties = Object.fromEntries(metas.map((m) => [m.id, { ...severity, description: `${m.title} (default: ${defaultOf(m)})` }]));
      out.patternProperties = { [CUSTOM_RULE_ID.source]: { oneOf: [severity, CUSTOM_RULE_SCHEMA] } };
    } else {
      out.propertyNames = { pattern: ruleIdPattern(metas), patternErrorMessage: 'A Bulkhead rule id such as DF006, DC001, K8S001 or XF002.' };
      out.additionalProperties = severity;
    }
  }
  if (enumDescriptions && target === 'editor') out.enumDescriptions = enumDescriptions;
  // VS Code renders `markdownDescription`; JSON Schema consumers (yaml-language-server) read `description`.
  if (target === 'editor') out.markdownDescription = setting.description;
  else out.description = setting.description;
  return out;
}

/** Nests `value` at the dotted `path` of `into`'s properties, creating the intermediate object schemas. */
function setAtPath(into: JsonObject, path: string, value: JsonObject): void {
  const [head, ...rest] = path.split('.');
  const properties = (into.properties ??= {}) as JsonObject;
  if (!rest.length) {
    properties[head] = value;
    return;
  }
  properties[head] ??= { type: 'object', additionalProperties: false };
  setAtPath(properties[head] as JsonObject, rest.join('.'), value);
}

/** JSON Schema of `.bulkhead.json` / `.bulkhead.yaml`. */
export function renderConfigSchema(metas: readonly RuleMeta[]): object {
  const schema: JsonObject = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://bulkhead.invalid/schemas/bulkhead-config.schema.json',
    title: 'Bulkhead configuration',
    type: 'object',
    additionalProperties: false,
    properties: { $schema: { type: 'string' } },
  };
  for (const setting of SETTINGS) if (setting.file) setAtPath(schema, setting.file, settingSchema(setting, metas, 'file'));
  return schema;
}

/** package.json `contributes.configuration`: the editor settings, under `bulkhead.`. */
export function renderEditorConfiguration(metas: readonly RuleMeta[]): object {
  const properties = Object.fromEntries(SETTINGS.flatMap((s) => (s.editor ? [[`bulkhead.${s.editor}`, settingSchema(s, metas, 'editor')]] : [])));
  return { title: 'Bulkhead', properties };
}
