// Two documents of the same text in one file are two places, each with its findings. The parse cache once
// gave them one parse (the same YAML nodes), and every rule that reports once per written node (a value
// merged into several services is one finding) then dropped the second copy's: XF003, XF004 and XF007
// (`oncePerNode`), BH006 behind XF007, and DC005, DC018, DC019 and DC020 (services' settings grouped by node).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { ALL_METAS, analyze, memoryHost, mergeConfig, type Finding, type RuleMeta } from '../../server/src/engine/index';

const EVERY_RULE = mergeConfig({ rules: Object.fromEntries(ALL_METAS.filter((m) => m.appliesTo !== 'any').map((m) => [m.id, 'info'])) });
const DEFAULT_FILE: Partial<Record<RuleMeta['appliesTo'], string>> = { compose: 'compose.yaml', kubernetes: 'manifest.yaml' };

interface Case {
  fileName: string;
  text: string;
  workspace?: Record<string, string>;
  trustedRegistries?: string[];
}

/** Every YAML rule's bad example, and settings merged into services from an anchor (as in real Compose files). */
const CASES: Array<[string, Case]> = [
  ...ALL_METAS.flatMap((meta): Array<[string, Case]> => {
    const fileName = meta.examples.fileName ?? DEFAULT_FILE[meta.appliesTo];
    return fileName && /\.ya?ml$/.test(fileName) ? [[meta.id, { fileName, text: meta.examples.bad, workspace: meta.examples.workspace, trustedRegistries: meta.examples.trustedRegistries }]] : [];
  }),
  [
    'anchored defaults',
    {
      fileName: 'compose.yaml',
      text: 'x-defaults: &defaults\n  restart: always\n  environment:\n    DB_PASSWORD: s3cr3t-Value-42\nservices:\n  web:\n    <<: *defaults\n    image: nginx:1.27\n  api:\n    <<: *defaults\n    image: nginx:1.27\n',
    },
  ],
];

const at = (f: Finding) => `${f.ruleId}/${f.messageId} ${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character}`;

/** Every rule's findings in `text`, analyzed whole (as the CLI and the workspace scan do) in the case's workspace. */
function findings(c: Case, text: string): string[] {
  const files = Object.fromEntries(Object.entries(c.workspace ?? {}).map(([p, t]) => [`/examples/${p}`, t]));
  const workspace = memoryHost({ ...files, [`/examples/${c.fileName}`]: text }, '/examples');
  const config = { ...EVERY_RULE, trustedRegistries: c.trustedRegistries ?? [] };
  return analyze({ uri: `file:///examples/${c.fileName}`, text, workspace, incremental: false }, config)
    .findings.map(at)
    .sort();
}

test('a YAML file written twice as identical documents has the findings of two copies parsed apart', async (t) => {
  for (const [name, c] of CASES) {
    await t.test(name, () => {
      const copy = `---\n${c.text.endsWith('\n') ? c.text : `${c.text}\n`}`;
      // A comment after the second copy makes its text differ, so it is parsed apart from the first.
      assert.deepEqual(findings(c, copy + copy), findings(c, `${copy}${copy}# apart\n`));
    });
  }
});
