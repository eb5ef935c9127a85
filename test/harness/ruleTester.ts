// Table tests for rules (ESLint's RuleTester shape): one node:test case per row.
// Valid rows must produce no finding of the rule; invalid rows must produce exactly the listed
// findings (messageId, data, range), and where a fix is produced the exact text after it, which
// must re-analyze clean for the rule. «…» markers in code give expected ranges in order.
import { test, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze, applyEdits, ALL_RULES, memoryHost, mergeConfig, SourceFile, type EngineConfig, type FileEdit, type Finding, type Range } from '../../server/src/engine/index';
import type { AnyRule } from '../../server/src/engine/rule';
import { nonOverlapping } from '../../server/src/engine/edits';

export interface ValidCase {
  name?: string; code: string; fileName?: string; config?: Partial<EngineConfig>;
  /** Other workspace files, by path relative to the file under test (cross-file rules). */
  workspace?: Record<string, string>;
}
export interface ExpectedFinding {
  messageId: string;
  data?: Record<string, string>;
  /** [startLine, startChar, endLine, endChar], 0-based; omit to take the next «…» marker. */
  range?: [number, number, number, number];
}
export interface InvalidCase extends ValidCase {
  errors: ExpectedFinding[];
  /** Text after applying every fix of this rule; null asserts there is no edit. */
  output?: string | null;
  /** Other files after the fixes' file edits (created files included), by relative path. */
  fileOutput?: Record<string, string>;
}

const WS = '/ws';
const workspaceOf = (files: Record<string, string> | undefined) =>
  files ? memoryHost(Object.fromEntries(Object.entries(files).map(([p, t]) => [`${WS}/${p}`, t])), WS) : undefined;

const DEFAULT_FILE: Record<string, string> = { dockerfile: 'Dockerfile', compose: 'compose.yaml', kubernetes: 'manifest.yaml' };

/** Strips «» markers; returns the clean text and the marked ranges in order. */
export function extractMarkers(code: string): { text: string; ranges: Range[] } {
  const ranges: Range[] = [];
  const stack: number[] = [];
  let text = '';
  for (const ch of code) {
    if (ch === '«') stack.push(text.length);
    else if (ch === '»') {
      const start = stack.pop();
      if (start === undefined) throw new Error('unbalanced » marker');
      ranges.push({ start: offsetPos(text, start), end: offsetPos(text, text.length) });
    } else text += ch;
  }
  if (stack.length) throw new Error('unbalanced « marker');
  ranges.sort((a, b) => a.start.line - b.start.line || a.start.character - b.start.character);
  return { text, ranges };
}

function offsetPos(text: string, offset: number): Range['start'] {
  return new SourceFile('x', text).positionAt(offset);
}

function run(rule: AnyRule, code: string, c: ValidCase) {
  const fileName = c.fileName ?? DEFAULT_FILE[rule.meta.appliesTo];
  const config = mergeConfig({ rules: { [rule.meta.id]: rule.meta.severity } }, c.config);
  const result = analyze({ uri: `file://${WS}/${fileName}`, text: code, workspace: workspaceOf(c.workspace) }, config);
  assert.deepEqual(result.ruleErrors, [], 'a rule threw');
  return { result, fileName, config, own: result.findings.filter((f) => f.ruleId === rule.meta.id) };
}

const toTuple = (r: Range): [number, number, number, number] => [r.start.line, r.start.character, r.end.line, r.end.character];

export function ruleTester(rule: AnyRule, cases: { valid: Array<string | ValidCase>; invalid: InvalidCase[] }): void {
  describe(`${rule.meta.id} ${rule.meta.name}`, () => {
    const names = new Set<string>();
    const unique = (name: string): string => {
      assert.ok(!names.has(name), `duplicate case "${name}"`);
      names.add(name);
      return name;
    };
    test('is registered', () => assert.ok(ALL_RULES.includes(rule), `${rule.meta.id} missing from its rules index`));
    test('every messageId is exercised by an invalid case', () => {
      const used = new Set(cases.invalid.flatMap((c) => c.errors.map((e) => e.messageId)));
      for (const id of Object.keys(rule.meta.messages)) assert.ok(used.has(id), `messageId "${id}" has no invalid case`);
    });
    if (rule.meta.fix && rule.meta.fix.applicability !== 'display-only') {
      test('a declared fix has output tests', () => assert.ok(cases.invalid.some((c) => typeof c.output === 'string' || c.fileOutput), 'meta.fix declared but no case has output'));
    }
    for (const v of cases.valid) {
      const c = typeof v === 'string' ? { code: v } : v;
      test(unique(`valid: ${c.name ?? c.code}`), () => {
        const { own } = run(rule, c.code, c);
        assert.deepEqual(own.map(describeFinding), []);
      });
    }
    for (const c of cases.invalid) {
      test(unique(`invalid: ${c.name ?? c.code}`), () => {
        assert.ok(c.errors.length > 0, 'an invalid case needs errors');
        const { text, ranges } = extractMarkers(c.code);
        const { own, fileName, config } = run(rule, text, c);
        let marker = 0;
        const expected = c.errors.map((e) => {
          const range = e.range ?? (ranges[marker] ? toTuple(ranges[marker++]) : undefined);
          assert.ok(range, `error "${e.messageId}" has neither range nor marker`);
          return { messageId: e.messageId, ...(e.data ? { data: e.data } : {}), range };
        });
        // Only the data keys a case lists are compared: cases state what they are about.
        const pick = (data: Record<string, string>, keys: Record<string, string>) => Object.fromEntries(Object.keys(keys).map((k) => [k, data[k]]));
        const actual = own.map((f, i) => ({ messageId: f.messageId, ...(c.errors[i]?.data ? { data: pick(f.data, c.errors[i].data!) } : {}), range: toTuple(f.range) }));
        assert.deepEqual(actual, expected);
        for (const f of own) assert.equal(f.severity, config.rules[rule.meta.id] ?? rule.meta.severity);
        const fileEdits = own.flatMap((f) => f.fixes).flatMap((f) => f.fileEdits ?? []);
        if (c.fileOutput) checkFileOutput(rule, c, fileName, text, config, fileEdits);
        else assert.equal(fileEdits.length, 0, 'the rule edits other files: add `fileOutput` to the case');
        const fixes = own.flatMap((f) => f.fixes).filter((f) => f.edits.length > 0);
        if (c.output === undefined) {
          assert.equal(fixes.length, 0, 'the rule produced a fix: add `output` to the case');
          return;
        }
        if (c.output === null) {
          assert.equal(fixes.length, 0, 'output: null expects no edit');
          return;
        }
        assert.ok(fixes.length > 0, 'output given but no fix produced');
        assert.notEqual(c.output, text, 'output must differ from code');
        for (const f of fixes) assert.equal(f.applicability, rule.meta.fix!.applicability);
        const fixed = applyEdits(text, nonOverlapping(new SourceFile('x', text), fixes));
        assert.equal(fixed, c.output);
        const again = analyze({ uri: `file://${WS}/${fileName}`, text: fixed, workspace: workspaceOf(c.workspace) }, config);
        assert.deepEqual(again.ruleErrors, []);
        assert.deepEqual(again.findings.filter((f) => f.ruleId === rule.meta.id || f.ruleId === 'BH001').map(describeFinding), [], 'the fixed text must re-analyze clean for this rule and parse');
      });
    }
  });
}

/** Applies the fixes' edits to the other files and checks them, then that the file re-analyzes clean. */
function checkFileOutput(rule: AnyRule, c: InvalidCase, fileName: string, text: string, config: EngineConfig, fileEdits: FileEdit[]): void {
  assert.ok(fileEdits.length > 0, 'fileOutput given but no file edit produced');
  const files = { ...(c.workspace ?? {}) };
  for (const edit of fileEdits) {
    const relative = edit.path.slice(WS.length + 1);
    assert.equal(edit.create, files[relative] === undefined, `${relative}: create must be set exactly when the file is missing`);
    files[relative] = applyEdits(files[relative] ?? '', edit.edits);
  }
  for (const [p, expected] of Object.entries(c.fileOutput!)) assert.equal(files[p], expected, p);
  // The problem fixed is gone: no finding of the rule with the same message id stays where it was.
  const again = analyze({ uri: `file://${WS}/${fileName}`, text, workspace: workspaceOf(files) }, config);
  const fixed = new Set(c.errors.map((e) => e.messageId));
  assert.deepEqual(again.findings.filter((f) => f.ruleId === rule.meta.id && fixed.has(f.messageId)).map(describeFinding), [], 'after the file edits the problem must be gone');
}

function describeFinding(f: Finding): string {
  return `${f.ruleId}/${f.messageId} at ${toTuple(f.range).join(':')}: ${f.message}`;
}
