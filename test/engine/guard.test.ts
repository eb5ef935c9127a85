// A failure inside the engine is a finding, never an exception or a silent gap: a rule that throws, a parse
// that fails, a workspace file the index cannot read each become a BH005 (analysis-incomplete) finding,
// with the stack kept in ruleErrors for the log; analyze() never throws.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze, memoryHost, mergeConfig, type AnalysisDetails, type Finding, type WorkspaceHost } from '../../server/src/engine/index';
import * as dockerfileParser from '../../server/src/engine/parse/dockerfile';
import * as networkPolicy from '../../server/src/engine/parse/networkPolicy';
import { THROWN, THROWN_LINE, throwingRule, withExport, withRules } from '../harness/throwingRule';

const DOCKERFILE = 'FROM alpine:3.20\nADD app.py /app/\n';
const FILE_START = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
const bh005 = (r: AnalysisDetails): Finding[] => r.findings.filter((f) => f.ruleId === 'BH005');
const others = (r: AnalysisDetails): Finding[] => r.findings.filter((f) => f.ruleId !== 'BH005');
const throwing = () => {
  throw THROWN;
};

test("a rule that throws is one BH005 naming the rule and the error's first line; the other rules still report", async () => {
  const clean = analyze({ uri: 'Dockerfile', text: DOCKERFILE });
  assert.ok(clean.findings.length > 0);
  const r = await withRules([throwingRule('dockerfile')], () => analyze({ uri: 'Dockerfile', text: DOCKERFILE }));
  assert.deepEqual(others(r), clean.findings);
  assert.deepEqual(
    bh005(r).map((f) => ({ message: f.message, severity: f.severity, range: f.range, data: f.data })),
    [
      {
        message: `Rule DF900 (always-throws) failed on this file, so its checks were skipped: ${THROWN_LINE}.`,
        severity: 'warning',
        range: FILE_START,
        data: { id: 'DF900', name: 'always-throws', error: THROWN_LINE },
      },
    ],
  );
  assert.equal(r.ruleErrors.length, 1);
  assert.match(r.ruleErrors[0], /^DF900 always-throws: RangeError: Invalid array length\n\s+at /, 'the log keeps the stack');
});

test('each failing rule has its own BH005; turned off, BH005 is silent but the failures are still logged', async () => {
  const rules = [throwingRule('kubernetes', 'K8S900', 'throws-first'), throwingRule('kubernetes', 'K8S901', 'throws-second')];
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n';
  await withRules(rules, () => {
    const r = analyze({ uri: 'pod.yaml', text: pod });
    assert.deepEqual(
      bh005(r).map((f) => f.data.id),
      ['K8S900', 'K8S901'],
    );
    const off = analyze({ uri: 'pod.yaml', text: pod }, mergeConfig({ rules: { BH005: 'off' } }));
    assert.deepEqual(bh005(off), []);
    assert.equal(off.ruleErrors.length, 2);
    assert.deepEqual(
      bh005(analyze({ uri: 'pod.yaml', text: pod }, mergeConfig({ rules: { BH005: 'error' } }))).map((f) => f.severity),
      ['error', 'error'],
    );
  });
});

test('a failure before any rule ran (parse, model) is one BH005 saying no rule checked the file', async () => {
  const r = await withExport(dockerfileParser, 'parseDockerfile', throwing, () => analyze({ uri: 'Dockerfile', text: DOCKERFILE }));
  assert.equal(r.kind, 'dockerfile');
  assert.deepEqual(
    r.findings.map((f) => f.message),
    [`Analysis failed, so no rule checked this file: ${THROWN_LINE}.`],
  );
  assert.match(r.ruleErrors[0], /^parse: RangeError: Invalid array length\n/);
});

test('analyze() never throws, even on input of the wrong type: the file is reported as not analyzed', () => {
  const hostileText = {
    toString: () => {
      throw THROWN;
    },
  };
  for (const input of [{ uri: 'Dockerfile', text: 42 }, { uri: 'pod.yaml', text: hostileText }, { uri: 'compose.yaml', text: undefined }, null]) {
    const r = analyze(input as never, null as never);
    assert.equal(bh005(r).length, 1, JSON.stringify(input));
    assert.match(bh005(r)[0].message, /^Analysis failed, so no rule checked this file: TypeError: /);
    assert.match(r.ruleErrors[0], /^analysis: TypeError/);
  }
});

test('error lines are one line, without the stack, and bounded', async () => {
  const long = new Error(`${'x'.repeat(5000)}\n    at /srv/secret/path.js:1:1`);
  const rule = {
    ...throwingRule('dockerfile'),
    check: () => {
      throw long;
    },
  };
  const [finding] = bh005(await withRules([rule], () => analyze({ uri: 'Dockerfile', text: DOCKERFILE })));
  assert.doesNotMatch(finding.message, /\n|secret/);
  assert.ok(finding.message.length < 400, `${finding.message.length} characters`);
});

// The index builders are made to fail on one file through the function they call for every Kubernetes file.
const HOSTILE = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: hostile\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n';
const failOnHostile =
  (original: typeof networkPolicy.workloadFacts): typeof networkPolicy.workloadFacts =>
  (k8s) => {
    if (k8s.objects.some((o) => o.name === 'hostile')) throw THROWN;
    return original(k8s);
  };
const NAMESPACE = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: apps\n  labels:\n    pod-security.kubernetes.io/enforce: baseline\n';
// Runs as root: a restricted-level finding unless the Namespace above lowers the level to baseline.
const APP = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\n  namespace: apps\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n';

test('a workspace file the index builders fail on is left out: it cannot blind the other files, and the failure is logged', async () => {
  const dir = '/guard-index-blind';
  const without = memoryHost({ [`${dir}/ns.yaml`]: NAMESPACE, [`${dir}/app.yaml`]: APP }, dir);
  const expected = analyze({ uri: `file://${dir}/app.yaml`, text: APP, workspace: without });
  const withHostile = memoryHost({ [`${dir}/ns.yaml`]: NAMESPACE, [`${dir}/app.yaml`]: APP, [`${dir}/hostile.yaml`]: HOSTILE }, dir);
  await withExport(networkPolicy, 'workloadFacts', failOnHostile(networkPolicy.workloadFacts), () => {
    for (const run of ['first', 'cached']) {
      const r = analyze({ uri: `file://${dir}/app.yaml`, text: APP, workspace: withHostile });
      assert.deepEqual(r.findings, expected.findings, `${run} analysis`);
      assert.deepEqual(
        r.ruleErrors.map((e) => e.split('\n')[0]),
        [`workspace index, ${dir}/hostile.yaml: ${THROWN_LINE}`],
        `${run} analysis`,
      );
    }
  });
});

test('the file the index builders fail on says so when it is analyzed itself', async () => {
  const dir = '/guard-index-self';
  const workspace = memoryHost({ [`${dir}/hostile.yaml`]: HOSTILE }, dir);
  const r = await withExport(networkPolicy, 'workloadFacts', failOnHostile(networkPolicy.workloadFacts), () => analyze({ uri: `file://${dir}/hostile.yaml`, text: HOSTILE, workspace }));
  assert.ok(
    r.findings.some((f) => f.message === `The workspace index cannot read this file, so the cross-file checks of other files do not see it: ${THROWN_LINE}.`),
    JSON.stringify(r.findings.map((f) => f.message)),
  );
  assert.ok(r.ruleErrors.some((e) => e.startsWith(`workspace index, ${dir}/hostile.yaml: ${THROWN_LINE}`)));
});

test('a workspace that cannot be listed for Namespace levels is a BH005; the rules still check the file', () => {
  const broken: WorkspaceHost = { ...memoryHost({}, '/guard-ns'), yamlFiles: throwing };
  const r = analyze({ uri: 'file:///guard-ns/app.yaml', text: APP, workspace: broken });
  const alone = analyze({ uri: 'app.yaml', text: APP });
  assert.ok(
    bh005(r).some((f) => f.messageId === 'namespaceLevelsFailed'),
    JSON.stringify(bh005(r)),
  );
  for (const f of alone.findings)
    assert.ok(
      r.findings.some((g) => g.ruleId === f.ruleId && g.message === f.message),
      `${f.ruleId} still reported`,
    );
});
