// Registry parity: every rule file is registered, named after its file, tested, documented; ids are
// unique and well-formed; metadata is complete; examples behave as they claim.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_METAS, ALL_RULES, analyze, kindFromName, memoryHost, mergeConfig, THREATS, PRINCIPLES, type AnalysisDetails, type FileKind, type RuleMeta } from '../../server/src/engine/index';
import { REPO_ROOT } from '../../scripts/generated';
import { throwingRule, withRules } from '../harness/throwingRule';

const RULES_DIR = path.join(REPO_ROOT, 'server/src/engine/rules');
const PREFIX = { dockerfile: 'DF', compose: 'DC', kubernetes: 'K8S' } as const;
/** Cross-file rules live in rules/cross whatever file kind they apply to. */
const isCross = (id: string): boolean => id.startsWith('XF');
const FOLDERS = { ...PREFIX, cross: 'XF' } as const;
const inFolder = (folder: keyof typeof FOLDERS) => ALL_RULES.filter((r) => (folder === 'cross' ? isCross(r.meta.id) : r.meta.appliesTo === folder && !isCross(r.meta.id)));
const DEFAULT_FILE = { dockerfile: 'Dockerfile', compose: 'compose.yaml', kubernetes: 'manifest.yaml' } as const;

test('every rule file is registered, named after its file and has a table test', () => {
  for (const kind of Object.keys(FOLDERS) as Array<keyof typeof FOLDERS>) {
    const files = fs.readdirSync(path.join(RULES_DIR, kind)).filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !isHelperModule(kind, f));
    const registered = inFolder(kind)
      .map((r) => `${r.meta.name}.ts`)
      .sort();
    assert.deepEqual(registered, [...files].sort(), `rules/${kind}: files and registry differ`);
    for (const f of files) {
      assert.ok(fs.existsSync(path.join(REPO_ROOT, 'test/rules', kind, f.replace(/\.ts$/, '.test.ts'))), `missing test/rules/${kind}/${f.replace(/\.ts$/, '.test.ts')}`);
    }
  }
});

/** Shared helpers may live beside rules when they serve only that kind; they export no default rule. */
function isHelperModule(kind: string, file: string): boolean {
  const text = fs.readFileSync(path.join(RULES_DIR, kind, file), 'utf8');
  return !/export default defineRule\(/.test(text);
}

test('rule ids are unique, well-formed and in id order within each kind', () => {
  const ids = ALL_METAS.map((m) => m.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const rule of ALL_RULES) {
    assert.match(rule.meta.id, new RegExp(`^(${PREFIX[rule.meta.appliesTo]}|XF${rule.meta.appliesTo === 'kubernetes' ? '|KC' : ''})\\d{3}$`));
    assert.match(rule.meta.name, /^[a-z0-9]+(-[a-z0-9]+)*$/);
  }
  for (const kind of Object.keys(FOLDERS) as Array<keyof typeof FOLDERS>) {
    const kindIds = inFolder(kind).map((r) => r.meta.id);
    assert.deepEqual(kindIds, [...kindIds].sort(), `rules/${kind}/index.ts is not in id order`);
  }
});

test('metadata is complete and consistent', () => {
  for (const meta of ALL_METAS) {
    assert.ok(meta.title && !meta.title.endsWith('.'), `${meta.id}: title`);
    assert.ok(THREATS[meta.threat], `${meta.id}: threat`);
    assert.ok(PRINCIPLES[meta.principle], `${meta.id}: principle`);
    assert.ok(meta.rationale.length > 40, `${meta.id}: rationale too short`);
    assert.ok(meta.remediation.length > 20, `${meta.id}: remediation too short`);
    assert.ok(Object.keys(meta.messages).length > 0, `${meta.id}: messages`);
    for (const [id, msg] of Object.entries<string>(meta.messages)) {
      assert.match(id, /^[a-z][A-Za-z0-9]*$/, `${meta.id}: messageId ${id} is not camelCase`);
      assert.ok(/[.?!]$/.test(msg), `${meta.id}/${id}: message must end with a period`);
    }
    // The label is added once, where a fix is shown (fixActionTitle, fixLabel): never in the title itself.
    if (meta.fix) assert.doesNotMatch(meta.fix.title, APPLICABILITY_LABEL, `${meta.id}: fix title carries a label`);
    if (meta.fix?.applicability === 'unsafe') assert.ok(meta.fix.review.length > 10 && !/[.;]$/.test(meta.fix.review), `${meta.id}: review says what may stop working, without a final period`);
    for (const rel of meta.related ?? [])
      assert.ok(
        ALL_METAS.some((m) => m.id === rel),
        `${meta.id}: related ${rel} does not exist`,
      );
  }
});

/** Analyzes one of `meta`'s examples as its docs present it: its file name, its workspace, the rule enabled. */
function analyzeExample(meta: RuleMeta, text: string) {
  const uri = `file:///examples/${meta.examples.fileName ?? DEFAULT_FILE[meta.appliesTo as FileKind]}`;
  const config = mergeConfig({ rules: { [meta.id]: meta.severity }, trustedRegistries: meta.examples.trustedRegistries ?? [] });
  const files = Object.fromEntries(Object.entries(meta.examples.workspace ?? {}).map(([p, t]) => [`/examples/${p}`, t]));
  const workspace = meta.examples.workspace ? memoryHost(files, '/examples') : undefined;
  return analyze({ uri, text, workspace }, config);
}

const APPLICABILITY_LABEL = /\((review|safe|unsafe)\b[^)]*\)\s*$/;

function assertExamples(meta: RuleMeta, bad: AnalysisDetails, good: AnalysisDetails): void {
  assert.ok(
    bad.findings.some((f) => f.ruleId === meta.id),
    `${meta.id}: examples.bad does not trigger the rule`,
  );
  for (const fix of bad.findings.flatMap((f) => f.fixes)) assert.doesNotMatch(fix.title, APPLICABILITY_LABEL, `${meta.id}: "${fix.title}" carries a label`);
  assert.deepEqual(
    good.findings.filter((f) => f.ruleId === meta.id || f.ruleId === 'BH001').map((f) => f.message),
    [],
    `${meta.id}: examples.good triggers the rule`,
  );
}

test('every example, of the rules and of the engine diagnostics (BH), behaves as documented', async () => {
  assert.ok(ALL_METAS.filter((m) => m.appliesTo === 'any').length >= 5, 'the engine diagnostics are missing from ALL_METAS');
  for (const meta of ALL_METAS) {
    // No content triggers BH005, only a check that fails: its bad example runs with a rule that throws.
    const failing = meta.id === 'BH005' ? [throwingRule(kindFromName(meta.examples.fileName ?? '') as FileKind)] : [];
    const bad = await withRules(failing, () => analyzeExample(meta, meta.examples.bad));
    const good = analyzeExample(meta, meta.examples.good);
    assert.deepEqual([...(failing.length ? [] : bad.ruleErrors), ...good.ruleErrors], [], meta.id);
    assertExamples(meta, bad, good);
  }
});
