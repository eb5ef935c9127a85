// What a fix must leave behind: files the real tools accept. YAML is re-parsed with duplicate keys as
// errors (the engine's own parser tolerates them, Compose and kubectl do not), Compose files are
// validated against the Compose Specification schema (vendored in third_party/compose-spec).
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { parseAllDocuments } from 'yaml';
import { maskTemplates } from '../../server/src/engine/parse/yaml';

const SCHEMA = path.resolve(__dirname, '..', '..', '..', 'third_party', 'compose-spec', 'compose-spec.json');

/** Documents parsed as Compose and kubectl read them: `<<` merges, duplicate keys an error; templates masked. */
function parseStrict(text: string) {
  return parseAllDocuments(text.includes('{{') ? maskTemplates(text) : text, { uniqueKeys: true, merge: true, prettyErrors: false });
}

/** Parse errors of a YAML stream read strictly (duplicate keys included), one line each. */
export function yamlErrors(text: string): string[] {
  const docs = parseStrict(text);
  const list = Array.isArray(docs) ? docs : [docs];
  return list.flatMap((d) => d.errors.map((e) => e.message.split('\n')[0]));
}

let validator: ValidateFunction | undefined;

/** The schema's `$schema` names draft-07 under an https URL Ajv does not bundle: its meta-schema is not re-checked. */
function composeValidator(): ValidateFunction {
  validator ??= new Ajv({ strict: false, allErrors: true, validateSchema: false }).compile(JSON.parse(fs.readFileSync(SCHEMA, 'utf8')));
  return validator;
}

/** Why a Compose file breaks the Compose Specification: YAML errors, or schema errors at their paths; [] when valid. */
export function composeErrors(text: string): string[] {
  const yaml = yamlErrors(text);
  if (yaml.length) return yaml;
  const validate = composeValidator();
  return parseStrict(text).flatMap((doc) => {
    let data: unknown;
    try {
      data = doc.toJS({ maxAliasCount: 1000 }) ?? {};
    } catch (e) {
      return [(e as Error).message]; // e.g. a merge key naming something that is not a map
    }
    if (validate(data)) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`);
  });
}
