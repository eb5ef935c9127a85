// Suppressions by id only: ours (next instruction/line, trailing, whole file) and the peers'.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze, applyEdits, mergeConfig, META_BY_ID, suppressionEdit, SourceFile, type Finding } from '../../server/src/engine/index';
import { parseDockerfile } from '../../server/src/engine/parse/dockerfile';
import { applySuppressions, parseSuppressions } from '../../server/src/engine/suppressions';
import { assertNearLinear } from '../harness/complexity';

/** Rules that would fire on every sample service or file and are not what these tests are about. */
const focused = mergeConfig({ rules: { DC007: 'off', DC010: 'off', DC012: 'off', DC016: 'off', DC018: 'off', DF030: 'off' } });
const ids = (uri: string, text: string) => analyze({ uri, text }, focused).findings.map((f) => `${f.ruleId}@${f.range.start.line}`);

test('bulkhead-ignore silences the next Dockerfile instruction, continuation lines included', () => {
  const text = 'FROM alpine:3.20\n# bulkhead-ignore DF006 -- vendored file\nADD a \\\n  /a\nADD b /b\n';
  assert.deepEqual(
    ids('Dockerfile', text).filter((i) => i.startsWith('DF006')),
    ['DF006@4'],
  );
});

test('bulkhead-ignore above a YAML key covers the block under it; trailing covers its line', () => {
  const text = 'services:\n  # bulkhead-ignore DC001 -- CI runner\n  web:\n    privileged: true\n  db:\n    privileged: true # bulkhead-ignore DC001 -- lab only\n  cache:\n    privileged: true\n';
  assert.deepEqual(
    ids('compose.yaml', text).filter((i) => i.startsWith('DC')),
    ['DC001@7'],
  );
});

test('bulkhead-ignore-file and several ids', () => {
  const text = '# bulkhead-ignore-file DC001, DF006 -- fixture\nservices:\n  a:\n    privileged: true\n  b:\n    privileged: true\n';
  assert.deepEqual(ids('compose.yaml', text), []);
});

test('hadolint ignore and checkov skip apply to the rules that alias them', () => {
  const df = 'FROM alpine:3.20\n# hadolint ignore=DL3020\nADD a /a\nADD b /b\n';
  assert.deepEqual(
    ids('Dockerfile', df).filter((i) => i.startsWith('DF006')),
    ['DF006@3'],
  );
  const global = '# hadolint global ignore=DL3020,DL3008\nFROM alpine:3.20\nADD a /a\n';
  assert.deepEqual(
    ids('Dockerfile', global).filter((i) => i.startsWith('DF006')),
    [],
  );
  const k8s =
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  # checkov:skip=CKV_K8S_16: debugging pod\nspec:\n  containers:\n    - name: c\n      securityContext: {privileged: true}\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: b\nspec:\n  containers:\n    - name: c\n      securityContext: {privileged: true}\n';
  assert.deepEqual(
    ids('pods.yaml', k8s).filter((i) => i.startsWith('K8S001')),
    ['K8S001@17'],
  );
});

test('unknown ids and unused suppressions are reported; unused ones can be removed by a safe fix', () => {
  const text = 'FROM alpine:3.20\n# bulkhead-ignore DF999 -- typo\n# bulkhead-ignore DF006 -- stale\nCOPY a /a\n';
  const r = analyze({ uri: 'Dockerfile', text }, focused);
  const engine = r.findings.filter((f) => f.ruleId.startsWith('BH'));
  assert.deepEqual(
    engine.map((f) => `${f.ruleId}@${f.range.start.line}:${f.severity}`),
    ['BH002@1:info', 'BH003@2:info'],
  );
  const fixed = applyEdits(text, engine[1].fixes[0].edits);
  assert.equal(fixed, 'FROM alpine:3.20\n# bulkhead-ignore DF999 -- typo\nCOPY a /a\n');
});

test('hadolint comments naming rules we do not implement are not reported', () => {
  const text = 'FROM alpine:3.20\n# hadolint ignore=DL3059\nRUN echo\n';
  assert.deepEqual(
    ids('Dockerfile', text).filter((i) => i.startsWith('BH')),
    [],
  );
});

test('a `#` inside a Dockerfile instruction is not a suppression', () => {
  const text = 'FROM alpine:3.20\nRUN echo hi # bulkhead-ignore DF006\nADD a /a\n';
  assert.deepEqual(
    ids('Dockerfile', text).filter((i) => i.startsWith('DF006') || i.startsWith('BH')),
    ['DF006@2'],
  );
});

test('suppressionEdit inserts an indented comment that silences the finding', () => {
  const text = 'services:\n  web:\n    privileged: true\n';
  const r = analyze({ uri: 'compose.yaml', text }, focused);
  const f = r.findings.find((x) => x.ruleId === 'DC001')!;
  const fixed = applyEdits(text, [suppressionEdit(new SourceFile('compose.yaml', text), f)]);
  assert.equal(fixed, 'services:\n  web:\n    # bulkhead-ignore DC001 -- <reason>\n    privileged: true\n');
  assert.deepEqual(ids('compose.yaml', fixed), []);
});

test('BuildKit check=skip directive and syntax directive', () => {
  const text = '# syntax=docker/dockerfile:1.10\n# check=skip=SecretsUsedInArgOrEnv\nFROM alpine:3.20\nARG NPM_TOKEN\nADD a /a\n';
  const found = ids('Dockerfile', text);
  assert.ok(!found.some((i) => i.startsWith('DF003')), found.join());
  assert.ok(found.includes('DF006@4'), 'other rules still run');
  assert.ok(!found.some((i) => i.startsWith('BH')), 'directives are not reported as unknown suppressions');
});

test('kube-linter and checkov annotations silence the aliased rules on their object only', () => {
  const pod = (name: string, annotations: string) =>
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n${annotations}spec:\n  containers:\n    - name: c\n      image: nginx:1.27\n      securityContext: {privileged: true}\n`;
  const text = [
    pod('linted', '  annotations:\n    ignore-check.kube-linter.io/privileged-container: "debug pod"\n'),
    pod('checked', '  annotations:\n    checkov.io/skip1: CKV_K8S_16=debug pod\n'),
    pod('plain', ''),
  ].join('---\n');
  const privileged = analyze({ uri: 'pods.yaml', text }, mergeConfig({}))
    .findings.filter((f) => f.ruleId === 'K8S001')
    .map((f) => f.range.start.line);
  assert.deepEqual(privileged, [text.lastIndexOf('privileged: true') === -1 ? -1 : text.slice(0, text.lastIndexOf('privileged: true')).split('\n').length - 1], 'only the third pod is reported');
  const templated =
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    metadata:\n      annotations:\n        ignore-check.kube-linter.io/privileged-container: "node agent"\n    spec:\n      containers:\n        - name: c\n          image: nginx:1.27\n          securityContext: {privileged: true}\n';
  assert.deepEqual(
    analyze({ uri: 'd.yaml', text: templated }, mergeConfig({})).findings.filter((f) => f.ruleId === 'K8S001'),
    [],
    'pod template annotations count too',
  );
});

test('overlapping suppressions: the first in the file takes the finding, a later one is reported unused', () => {
  const found = (text: string) => ids('Dockerfile', text).filter((id) => id.startsWith('DF007') || id.startsWith('BH003'));
  // A next-instruction comment before a whole-file one: it takes the one finding, the whole-file one is unused.
  assert.deepEqual(found('FROM alpine:3.20\n# bulkhead-ignore DF007 -- a\nRUN sudo a\n# bulkhead-ignore-file DF007 -- b\n'), ['BH003@3']);
  // The whole-file one first: it takes the finding, the next-instruction one is unused.
  assert.deepEqual(found('FROM alpine:3.20\n# bulkhead-ignore-file DF007 -- b\n# bulkhead-ignore DF007 -- a\nRUN sudo a\n'), ['BH003@2']);
});

// ---------------------------------------------------------------- growth

/** `n` instructions, each with a finding (DF007) and a suppression comment before it naming another rule. */
const commentedInstructions = (n: number, comment: string) => `FROM alpine:3.20\n${`${comment}\nRUN sudo apk add curl\n`.repeat(n)}`;

test('a suppression comment before each of many instructions: reading them grows linearly', () => {
  const scope = (text: string) => {
    const model = parseDockerfile(text);
    return { src: new SourceFile('Dockerfile', text), scope: { kind: 'dockerfile' as const, instructionLines: model.instructions.map((i) => [i.startLine, i.endLine] as [number, number]) } };
  };
  const inputs = new Map<number, ReturnType<typeof scope>>();
  const input = (n: number) => inputs.get(n) ?? inputs.set(n, scope(commentedInstructions(n, '# hadolint ignore=DL3000'))).get(n)!;
  // From 40,000: below it, 10,000 → 20,000 read 3–7 on an idle machine, though every step is an indexOf or
  // a binary search (the processor's caches and the collector, not the code: 40,000 → 80,000 reads 1.7–2.3).
  assertNearLinear(input, ({ src, scope }) => parseSuppressions(src, scope), { n: 40_000 });
});

test('many suppressions and many findings: applying them grows linearly', () => {
  const make = (n: number) => {
    const text = commentedInstructions(n, '# hadolint ignore=DL3004');
    const src = new SourceFile('Dockerfile', text);
    const instructionLines = parseDockerfile(text).instructions.map((i) => [i.startLine, i.endLine] as [number, number]);
    // A finding on every RUN, each suppressed by the comment above it.
    const findings: Finding[] = Array.from({ length: n }, (_, k) => {
      const line = 2 + 2 * k;
      return { ruleId: 'DF007', messageId: 'sudo', data: {}, severity: 'warning', message: 'sudo', range: { start: { line, character: 4 }, end: { line, character: 8 } }, fixes: [] };
    });
    return { findings, suppressions: () => parseSuppressions(src, { kind: 'dockerfile', instructionLines }) };
  };
  const inputs = new Map<number, ReturnType<typeof make>>();
  const input = (n: number) => inputs.get(n) ?? inputs.set(n, make(n)).get(n)!;
  const work = ({ findings, suppressions }: ReturnType<typeof make>) => {
    const outcome = applySuppressions(findings, suppressions(), META_BY_ID, new Set(['DF007']));
    assert.equal(outcome.kept.length, 0);
  };
  assertNearLinear(input, work, { n: 2_000 });
});
