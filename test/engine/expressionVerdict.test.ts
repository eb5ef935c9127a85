// Hover over a CEL expression (issue 14): the verdict names the workspace subjects a policy's
// validation, matchCondition or variable, or an organisation rule's expression, fails now; how many it
// was evaluated on; and why it is evaluated on nothing when it does not compile.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { expressionVerdictAt, VERDICT_READ_LIMIT, memoryHost, mergeConfig, parseConfigFile, type ExpressionVerdict } from '../../server/src/engine/index';
import { examplePolicy, exampleDeployment } from '../../server/src/engine/rules/cross/admissionPolicy';
import { renderVerdict } from '../../server/src/lsp/hover';

/** The verdict at the first occurrence of `marker` in the file `at` of a workspace of `files` (under /ws). */
function verdictAt(files: Record<string, string>, at: string, marker: string): ExpressionVerdict | undefined {
  const all = Object.fromEntries(Object.entries(files).map(([p, t]) => [`/ws/${p}`, t]));
  const text = files[at];
  const offset = text.indexOf(marker);
  assert.ok(offset >= 0, `${marker} is in ${at}`);
  const lines = text.slice(0, offset).split('\n');
  const position = { line: lines.length - 1, character: lines[lines.length - 1].length };
  const config = at === '.bulkhead.yaml' ? mergeConfig(parseConfigFile(text).config) : mergeConfig({});
  return expressionVerdictAt({ uri: `file:///ws/${at}`, text, workspace: memoryHost(all, '/ws') }, position, config);
}

/** A verdict in one line per subject: `label path:line (reason)`. */
const summary = (v: ExpressionVerdict | undefined) =>
  v && { where: v.where, problem: v.problem, evaluated: v.evaluated, failing: v.failing.map((f) => `${f.label} ${f.path}:${f.range.start.line}${f.reason ? ` (${f.reason})` : ''}`) };

const POLICY = examplePolicy('Deny');
const replicas = (name: string, n: number) => exampleDeployment(n).replace('name: web\nspec', `name: ${name}\nspec`);

test('a validation lists the objects it fails, with file and line; the others pass', () => {
  const ws = {
    'policy.yaml': POLICY,
    'a.yaml': `${replicas('small', 2)}---\n${replicas('big', 9)}`,
    'b.yaml': replicas('huge', 50),
    'svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n',
  };
  assert.deepEqual(summary(verdictAt(ws, 'policy.yaml', 'object.spec.replicas <= 5')), {
    where: 'validations[0].expression of policy "replica-limit"',
    problem: undefined,
    evaluated: 3,
    failing: ['Deployment big /ws/a.yaml:13', 'Deployment huge /ws/b.yaml:1'],
  });
});

test('passes on all matched objects, matches none, or is not evaluated when it does not compile', () => {
  assert.deepEqual(summary(verdictAt({ 'policy.yaml': POLICY, 'a.yaml': replicas('small', 2) }, 'policy.yaml', 'object.spec.replicas <= 5')), {
    where: 'validations[0].expression of policy "replica-limit"',
    problem: undefined,
    evaluated: 1,
    failing: [],
  });
  assert.equal(verdictAt({ 'policy.yaml': POLICY, 'svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n' }, 'policy.yaml', 'object.spec.replicas <= 5')?.evaluated, 0);
  const unbound = POLICY.split('---')[0];
  assert.equal(verdictAt({ 'policy.yaml': unbound, 'a.yaml': replicas('big', 9) }, 'policy.yaml', 'object.spec.replicas <= 5')?.evaluated, 0, 'a policy no binding names admits nothing');
  const broken = POLICY.replace('object.spec.replicas <= 5', 'object.spec.replicas <=');
  assert.match(verdictAt({ 'policy.yaml': broken, 'a.yaml': replicas('big', 9) }, 'policy.yaml', 'object.spec.replicas <=')?.problem ?? '', /syntax error/);
});

test('a hover reads a bounded part of the workspace and says how many files it left out', () => {
  // Twelve manifests of a tenth of the read limit each: the hover reads about ten, and counts the rest.
  const padding = `# ${'x'.repeat(VERDICT_READ_LIMIT / 10)}\n`;
  const ws: Record<string, string> = { 'policy.yaml': POLICY };
  for (let i = 0; i < 12; i++) ws[`m${String(i).padStart(2, '0')}.yaml`] = replicas(`big${i}`, 9) + padding;
  const verdict = verdictAt(ws, 'policy.yaml', 'object.spec.replicas <= 5');
  assert.ok(verdict?.unreadFiles, 'some files were left out');
  assert.ok(verdict.unreadFiles < 12 && verdict.evaluated + verdict.unreadFiles === 12, `${verdict.evaluated} judged, ${verdict.unreadFiles} not read`);
  assert.match(
    renderVerdict(verdict, 'plaintext', (p) => p),
    new RegExp(`${verdict.unreadFiles} more files were not read`),
  );
  delete ws['m11.yaml'];
  for (let i = 0; i < 11; i++) ws[`m${String(i).padStart(2, '0')}.yaml`] = replicas(`big${i}`, 9);
  assert.equal(verdictAt(ws, 'policy.yaml', 'object.spec.replicas <= 5')?.unreadFiles, undefined, 'a small workspace is read whole');
});

test('a matchCondition fails where it is false, a variable where it errs; errors are given as the reason', () => {
  const policy = POLICY.replace(
    '  validations:',
    [
      '  matchConditions:',
      '    - name: not-small',
      '      expression: "object.metadata.name != \'small\'"',
      '  variables:',
      '    - name: team',
      '      expression: "object.metadata.labels.team"',
      '  validations:',
    ].join('\n'),
  );
  const ws = { 'policy.yaml': policy, 'a.yaml': `${replicas('small', 2)}---\n${replicas('big', 9).replace('name: big', 'name: big\n  labels:\n    team: a')}---\n${replicas('other', 1)}` };
  assert.deepEqual(summary(verdictAt(ws, 'policy.yaml', "object.metadata.name != 'small'"))?.failing, ['Deployment small /ws/a.yaml:1']);
  const variable = summary(verdictAt(ws, 'policy.yaml', 'object.metadata.labels.team'));
  assert.equal(variable?.evaluated, 2, 'evaluated where the matchCondition holds');
  assert.equal(variable?.failing.length, 1);
  assert.match(variable!.failing[0], /^Deployment other \/ws\/a\.yaml:\d+ \(.*labels.*\)$/);
});

test('the cursor outside an expression, or in another file kind, gives no verdict', () => {
  const ws = { 'policy.yaml': POLICY, 'a.yaml': replicas('big', 9) };
  assert.equal(verdictAt(ws, 'policy.yaml', 'replica-limit-binding'), undefined);
  assert.equal(verdictAt(ws, 'policy.yaml', "'replicas must"), undefined, 'a messageExpression is not judged');
  assert.equal(verdictAt(ws, 'a.yaml', 'replicas: 9'), undefined);
});

test("an organisation rule's expression lists the subjects of its kind it fails under the configuration's folder", () => {
  const config = [
    'rules:',
    '  ORG001:',
    '    title: Deployments name their owner',
    '    kind: kubernetes',
    '    severity: warning',
    '    threat: access-control',
    '    match: "object.kind == \'Deployment\'"',
    '    expression: "has(object.metadata.labels) && \'owner\' in object.metadata.labels"',
    '    message: Every Deployment needs an owner label',
    '  ORG002:',
    '    title: Services limit memory',
    '    kind: compose',
    '    severity: warning',
    '    threat: container-misconfiguration',
    '    expression: "has(service.mem_limit)"',
    '    message: Set mem_limit',
    '  ORG003:',
    '    title: No latest',
    '    kind: dockerfile',
    '    severity: warning',
    '    threat: supply-chain',
    '    expression: "!stage.image.endsWith(\':latest\')"',
    '    message: Pin the base image',
    '',
  ].join('\n');
  const ws = {
    '.bulkhead.yaml': config,
    'a.yaml': `${replicas('web', 1)}---\n${replicas('owned', 1).replace('name: owned', 'name: owned\n  labels:\n    owner: me')}`,
    'svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n',
    'compose.yaml': 'services:\n  app:\n    image: a\n  db:\n    image: b\n    mem_limit: 1g\n',
    'Dockerfile': 'FROM alpine:latest AS build\nFROM scratch\n',
  };
  assert.deepEqual(summary(verdictAt(ws, '.bulkhead.yaml', "has(object.metadata.labels) && 'owner'")), {
    where: 'ORG001.expression',
    problem: undefined,
    evaluated: 2,
    failing: ['Deployment web /ws/a.yaml:1'],
  });
  assert.deepEqual(summary(verdictAt(ws, '.bulkhead.yaml', 'has(service.mem_limit)'))?.failing, ['service app /ws/compose.yaml:1']);
  assert.deepEqual(summary(verdictAt(ws, '.bulkhead.yaml', "!stage.image.endsWith(':latest')")), {
    where: 'ORG003.expression',
    problem: undefined,
    evaluated: 2,
    failing: ['stage build /ws/Dockerfile:0'],
  });
  assert.equal(verdictAt(ws, '.bulkhead.yaml', 'Every Deployment'), undefined, 'the message is not an expression');
});
