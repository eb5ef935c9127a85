// Table tests for rules (ESLint's RuleTester shape): one node:test case per row.
// Valid rows must produce no finding of the rule; invalid rows must produce exactly the listed
// findings (messageId, data, range), and where a fix is produced the exact text after it (and after
// its edits to other files), which must re-analyze clean for the rule, parse with unique keys and,
// for Compose, satisfy the Compose Specification. «…» markers in code give expected ranges in order.
import { test, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze, applyEdits, ALL_RULES, buildFixes, memoryHost, mergeConfig, SourceFile, type EngineConfig, type FileEdit, type Finding, type Range } from '../../server/src/engine/index';
import type { AnyRule } from '../../server/src/engine/rule';
import { fixInPasses } from '../../server/src/engine/edits/fixes';
import { composeErrors, yamlErrors } from './fixValidity';

export { dedent } from './dedent';

export interface ValidCase {
  name?: string;
  code: string;
  fileName?: string;
  config?: Partial<EngineConfig>;
  /** Other workspace files, by path relative to the file under test (cross-file rules). */
  workspace?: Record<string, string>;
}
export interface ExpectedFinding {
  messageId: string;
  data?: Record<string, string>;
  /** A finding milder than its rule (Report.severity); omit for the rule's own. */
  severity?: 'info' | 'warning';
  /** [startLine, startChar, endLine, endChar], 0-based; omit to take the next «…» marker. */
  range?: [number, number, number, number];
}
export interface InvalidCase extends ValidCase {
  errors: ExpectedFinding[];
  /** Text after applying the rule's fixes until none is left (as `scan --fix`); null asserts there is no edit. */
  output?: string | null;
  /** Other files after the fixes' file edits (created files included), by relative path. */
  fileOutput?: Record<string, string>;
}

const WS = '/ws';
const workspaceOf = (files: Record<string, string> | undefined) => (files ? memoryHost(Object.fromEntries(Object.entries(files).map(([p, t]) => [`${WS}/${p}`, t])), WS) : undefined);

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
  // Fixes are built on first use: build every one, so a fix that throws is in ruleErrors too.
  buildFixes(result.findings);
  assert.deepEqual(result.ruleErrors, [], 'a rule or a fix threw');
  return { result, fileName, config, own: result.findings.filter((f) => f.ruleId === rule.meta.id) };
}

/** The file under test and the other workspace files, by relative path. */
interface Workspace {
  text: string;
  files: Record<string, string>;
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
      test('a declared fix has output tests', () =>
        assert.ok(
          cases.invalid.some((c) => typeof c.output === 'string' || c.fileOutput),
          'meta.fix declared but no case has output',
        ));
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
        own.forEach((f, i) => assert.equal(f.severity, c.errors[i]?.severity ?? config.rules[rule.meta.id] ?? rule.meta.severity));
        const fileEdits = own.flatMap((f) => f.fixes).flatMap((f) => f.fileEdits ?? []);
        if (!c.fileOutput) assert.equal(fileEdits.length, 0, 'the rule edits other files: add `fileOutput` to the case');
        else assert.ok(fileEdits.length > 0, 'fileOutput given but no file edit produced');
        const fixes = own.flatMap((f) => f.fixes).filter((f) => f.edits.length > 0);
        if (c.output === undefined || c.output === null) assert.equal(fixes.length, 0, c.output === null ? 'output: null expects no edit' : 'the rule produced a fix: add `output` to the case');
        else {
          assert.ok(fixes.length > 0, 'output given but no fix produced');
          assert.notEqual(c.output, text, 'output must differ from code');
          // The engine labels every fix with meta.fix.applicability; what a label promises is checked here.
          assert.notEqual(rule.meta.fix!.applicability, 'display-only', 'a display-only fix must not carry edits');
        }
        if (fixes.length === 0 && !c.fileOutput) return;
        const fixed = fixToTheEnd(rule, c, fileName, text, config);
        if (typeof c.output === 'string') assert.equal(fixed.text, c.output);
        for (const [p, expected] of Object.entries(c.fileOutput ?? {})) assert.equal(fixed.files[p], expected, p);
        const again = analyze({ uri: `file://${WS}/${fileName}`, text: fixed.text, workspace: workspaceOf(fixed.files) }, config);
        assert.deepEqual(again.ruleErrors, []);
        // Text fixes clear the rule; fixes to other files clear the problem they fix (a message may change, e.g. tracked → ignored).
        const fixedIds = typeof c.output === 'string' ? undefined : new Set(c.errors.map((e) => e.messageId));
        const left = again.findings.filter((f) => f.ruleId === 'BH001' || (f.ruleId === rule.meta.id && (!fixedIds || fixedIds.has(f.messageId))));
        assert.deepEqual(left.map(describeFinding), [], 'the fixed files must re-analyze clean for this rule and parse');
        assertValid(rule, fileName, { text, files: c.workspace ?? {} }, fixed);
      });
    }
  });
}

/**
 * The rule's fixes applied as `scan --fix` applies them, until nothing changes (the engine's fix loop):
 * a pass's edits to other files written first (one per file, each `create` exactly when the file is
 * missing), the file's own edits in passes of non-overlapping fixes.
 */
function fixToTheEnd(rule: AnyRule, c: InvalidCase, fileName: string, code: string, config: EngineConfig): Workspace {
  const files = { ...(c.workspace ?? {}) };
  const uri = `file://${WS}/${fileName}`;
  const own = (text: string) => analyze({ uri, text, workspace: workspaceOf(files) }, config).findings.filter((f) => f.ruleId === rule.meta.id);
  const firstFix = (findings: Finding[]) => findings.flatMap((f) => f.fixes.slice(0, 1)).filter((x) => x.edits.length > 0 || !!x.fileEdits?.length);
  const write = (edits: FileEdit[]) => {
    for (const edit of edits) {
      const relative = edit.path.slice(WS.length + 1);
      assert.equal(edit.create, files[relative] === undefined, `${relative}: create must be set exactly when the file is missing`);
      files[relative] = applyEdits(files[relative] ?? '', edit.edits);
    }
    return true;
  };
  return { text: fixInPasses(uri, code, own, firstFix, write).text, files };
}

/**
 * A fix adds no error: every YAML file parses with unique keys, and a Compose file breaks no more of
 * the Compose Specification than before (some cases test input the specification already rejects).
 */
function assertValid(rule: AnyRule, fileName: string, before: Workspace, after: Workspace): void {
  const added = (check: (text: string) => string[], was: string | undefined, now: string) => {
    const old = new Set(was === undefined ? [] : check(was));
    return check(now).filter((e) => !old.has(e));
  };
  const own = rule.meta.appliesTo === 'compose' ? composeErrors : rule.meta.appliesTo === 'kubernetes' ? yamlErrors : () => [];
  assert.deepEqual(added(own, before.text, after.text), [], `${fileName} is less valid after the fix`);
  for (const [p, t] of Object.entries(after.files)) if (/\.ya?ml$/i.test(p)) assert.deepEqual(added(yamlErrors, before.files[p], t), [], `${p} is less valid after the fix`);
}

function describeFinding(f: Finding): string {
  return `${f.ruleId}/${f.messageId} at ${toTuple(f.range).join(':')}: ${f.message}`;
}
