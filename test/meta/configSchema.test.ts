// The config-file schema and the editor's settings are generated from one definition (engine/config.ts
// SETTINGS): here they are checked against what users actually write — the README's `.bulkhead.yaml`
// examples — against every rule id the registry has, and against the engine's own config parser.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { ALL_METAS, parseConfigFile } from '../../server/src/engine/index';
import { REPO_ROOT } from '../../scripts/generated';

const read = (rel: string) => fs.readFileSync(path.join(REPO_ROOT, rel), 'utf8');
const validateFile = new Ajv({ strict: true, allErrors: true }).compile(JSON.parse(read('schemas/bulkhead-config.schema.json')) as object);
const manifest = JSON.parse(read('package.json')) as { contributes: { configuration: { properties: Record<string, { propertyNames?: { pattern: string } }> } } };

/** The README's YAML examples of a config file: fenced ```yaml blocks that start with `# .bulkhead.yaml`. */
function readmeConfigExamples(): string[] {
  return [...read('README.md').matchAll(/```ya?ml\n(# \.bulkhead\.ya?ml\n[\s\S]*?)```/g)].map((m) => m[1]);
}

function fileSchemaErrors(config: unknown): string[] {
  return validateFile(config) ? [] : (validateFile.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

test('the README has config-file examples, and each validates against the schema and parses without errors', () => {
  const examples = readmeConfigExamples();
  assert.ok(examples.length > 0, 'no ```yaml block starting with "# .bulkhead.yaml" in README.md');
  assert.ok(
    examples.some((e) => /^kubernetes:/m.test(e)),
    'the README no longer shows a kubernetes: example',
  );
  for (const example of examples) {
    assert.deepEqual(fileSchemaErrors(parse(example)), [], example);
    assert.deepEqual(parseConfigFile(example).errors, [], example);
  }
});

test('the schema and the parser reject the same mistakes', () => {
  const mistakes = [
    'unknown: 1',
    'rules: { DF001: loud }',
    'rules: { NOPE001: off }',
    'kubernetes: { podSecurityLevel: privileged }',
    'kubernetes: { podSecurityVersion: "1.x" }',
    'kubernetes: { other: 1 }',
    'trustedRegistries: registry.example.com',
  ];
  for (const text of mistakes) {
    assert.notDeepEqual(fileSchemaErrors(parse(text)), [], `schema accepts ${text}`);
    // An unknown rule id is not a parse error: the engine reports it as a finding (BH002) in the file.
    if (!text.includes('NOPE001')) assert.notDeepEqual(parseConfigFile(text).errors, [], `parser accepts ${text}`);
  }
});

test('every rule id is accepted as a key of the config file and of the bulkhead.rules setting', () => {
  const pattern = new RegExp(manifest.contributes.configuration.properties['bulkhead.rules'].propertyNames!.pattern);
  for (const { id } of ALL_METAS) {
    assert.deepEqual(fileSchemaErrors({ rules: { [id]: 'off' } }), [], id);
    assert.match(id, pattern);
  }
  assert.doesNotMatch('XX001', pattern);
});
