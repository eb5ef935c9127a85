// The YAML layer against hostile input: cycles, nesting the parser cannot survive, and the inputs that
// made it quadratic. Every YAML parse of the engine goes through the same depth guard.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, DEFAULT_CONFIG, fixAll, memoryHost, parseConfigFile, SourceFile } from '../../server/src/engine/index';
import { parseYamlStream } from '../../server/src/engine/parse/yaml';
import { MAX_YAML_DEPTH, parseYamlDocument } from '../../server/src/engine/parse/yamlDocument';
import { buildComposeModel, environmentEntries, MAX_EXTENDS_DEPTH, resolveSetting, serviceSettings } from '../../server/src/engine/parse/compose';
import { isEffectiveSecurityTemplated, parseKubernetes } from '../../server/src/engine/parse/kubernetes';
import { danglingPolicies, policiesSelecting, type NetworkPolicyFacts, type WorkloadFacts } from '../../server/src/engine/parse/networkPolicy';
import { isBound } from '../../server/src/engine/parse/k8sObjects';
import { maskTemplates } from '../../server/src/engine/parse/templates';
import { assertNearLinear } from '../harness/complexity';
import fc from 'fast-check';
import { REPO_ROOT } from '../../scripts/generated';

const deepSeq = (levels: number): string => `${'- '.repeat(levels)}x\n`;
const pod = (name: string): string =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n      securityContext: {privileged: true}\n`;

// ---------------------------------------------------------------- merge keys and aliases

test('a map merging itself, directly or through another map, ends the lookup', () => {
  for (const text of [
    '&a\n<<: *a\n',
    'apiVersion: v1\nkind: Pod\nspec: &a\n  <<: *a\n',
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: &a\n  x: &b\n    <<: *a\n  <<: *b\n',
    'apiVersion: v1\nkind: Pod\nspec: &a\n  x: &b\n    <<: [*a, *b]\n  <<: [*b, *a]\n  containers: [{name: c, image: nginx:1.27}]\n',
  ]) {
    const r = analyze({ uri: 'file:///w/cycle.yaml', text });
    assert.deepEqual(r.ruleErrors, [], text);
  }
});

test('Compose settings and environments merged in a cycle are each found once', () => {
  const text = 'x-a: &a\n  y: &b\n    <<: *a\n    privileged: true\n  <<: *b\nservices:\n  web: &w\n    <<: [*a, *w]\n    image: nginx:1.27\n    environment: &e\n      <<: *e\n      A: "1"\n';
  const src = new SourceFile('file:///w/compose.yaml', text);
  const model = buildComposeModel(parseYamlStream(src).documents);
  const [privileged] = serviceSettings(model, 'privileged');
  assert.equal(privileged.inherited, true);
  assert.equal(privileged.doc.rangeOf(privileged.pair.key as never).start.line, 3);
  const [environment] = serviceSettings(model, 'environment');
  assert.deepEqual(
    environmentEntries(environment.doc, environment.pair.value).map((e) => e.name),
    ['A'],
  );
  assert.deepEqual(analyze({ uri: 'file:///w/compose.yaml', text }).ruleErrors, []);
});

test('merge keys keep their precedence: own keys, then sources in order, each with what it merges', () => {
  const text = 'base: &base {a: base, b: base, c: base}\nmid: &mid {<<: *base, b: mid}\nother: &other {a: other, d: other}\nm:\n  <<: [*mid, *other]\n  c: own\n';
  const [doc] = parseYamlStream(new SourceFile('file:///w/merge.yaml', text)).documents;
  const m = doc.get(doc.contents, 'm');
  assert.deepEqual(
    ['a', 'b', 'c', 'd', 'e'].map((k) => doc.scalar(m, k)),
    ['base', 'mid', 'own', 'other', undefined],
  );
  assert.equal(doc.lookup(m, 'a')?.map, doc.get(doc.contents, 'base'));
});

test('an alias names the last node before it with its anchor, keys included', () => {
  const text = 'a: &x 1\nb: *x\nc: &x 2\nd: *x\n&k key: v\ne: *k\nf: *later\ng: &later 3\n';
  const [doc] = parseYamlStream(new SourceFile('file:///w/alias.yaml', text)).documents;
  assert.deepEqual(
    ['b', 'd', 'e', 'f'].map((k) => doc.scalar(doc.contents, k)),
    [1, 2, 'key', undefined],
  );
});

// ---------------------------------------------------------------- nesting depth

test('documents nesting deeper than the limit are refused before they are composed', () => {
  assert.equal('tooDeep' in parseYamlDocument(deepSeq(MAX_YAML_DEPTH - 1)), false);
  assert.deepEqual(parseYamlDocument(deepSeq(MAX_YAML_DEPTH)), { tooDeep: true, limit: MAX_YAML_DEPTH });
  const flow = (n: number): string => `${'['.repeat(n)}${']'.repeat(n)}`;
  assert.equal('tooDeep' in parseYamlDocument(flow(MAX_YAML_DEPTH)), false);
  assert.equal('tooDeep' in parseYamlDocument(flow(MAX_YAML_DEPTH + 1)), true);
  const stairs = (n: number): string => Array.from({ length: n }, (_, i) => `${' '.repeat(i)}a:`).join('\n');
  assert.equal('tooDeep' in parseYamlDocument(stairs(MAX_YAML_DEPTH)), false);
  assert.equal('tooDeep' in parseYamlDocument(stairs(MAX_YAML_DEPTH + 1)), true);
});

test('the nesting the parser builds is bounded whatever builds it', () => {
  for (const text of [
    `${deepSeq(2500)}a"\n`, // overflowed the parser itself
    '['.repeat(200_000),
    '{a: '.repeat(100_000),
    '? '.repeat(100_000),
    'a: b: c:\n'.repeat(50_000), // same-column maps pile up line after line
    `${Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n')}\nz: 1\n`, // a dedent unwinding 3,000 levels
    `apiVersion: v1\nkind: Pod\n${'{{\n'.repeat(100_000)}`, // unclosed templates are flow maps to the parser
  ]) {
    assert.equal('tooDeep' in parseYamlDocument(text), true, text.slice(0, 20));
    assert.doesNotThrow(() => analyze({ uri: 'file:///w/deep.yaml', text }));
  }
});

test('a deep document and a deeper one scanned together do not abort the process', () => {
  // Parsing the 8,000-level document ran V8 out of stack inside its regexp compiler: an uncatchable abort.
  for (const [uri, text] of [
    ['file:///w/a.yaml', deepSeq(1000)],
    ['file:///w/b.yaml', deepSeq(8000)],
  ]) {
    const r = analyze({ uri, text });
    assert.deepEqual(
      r.findings.map((f) => `${f.ruleId}:${f.messageId}`),
      ['BH004:tooDeep'],
    );
    assert.equal(r.skipped, `nests deeper than ${MAX_YAML_DEPTH} levels`);
  }
});

test('a document too deep to parse is reported where it is, and the other documents are analyzed', () => {
  const text = `${pod('one')}---\n# hostile\n${deepSeq(5000)}---\n${pod('two')}`;
  const r = analyze({ uri: 'file:///w/stream.yaml', text });
  assert.equal(r.kind, 'kubernetes');
  const skipped = r.findings.filter((f) => f.ruleId === 'BH004');
  assert.equal(skipped.length, 1);
  assert.equal(skipped[0].message, `Not analyzed: this YAML document nests deeper than ${MAX_YAML_DEPTH} levels.`);
  // The document starts at its `---` marker.
  assert.equal(skipped[0].range.start.line, text.split('\n').indexOf('# hostile') - 1);
  assert.equal(r.findings.filter((f) => f.ruleId === 'K8S001').length, 2);
});

test('only the guarded parse reaches the parsers of the yaml library', () => {
  const GUARD = 'server/src/engine/parse/yamlDocument.ts';
  const offenders: string[] = [];
  const visit = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, e.name);
      if (e.isDirectory()) visit(file);
      else if (e.name.endsWith('.ts') && path.relative(REPO_ROOT, file) !== GUARD) {
        for (const m of fs.readFileSync(file, 'utf8').matchAll(/import\s*\{([^}]*)\}\s*from\s*'yaml'/g)) {
          if (/\b(parse|parseDocument|parseAllDocuments|Parser|Composer|Lexer)\b/.test(m[1])) offenders.push(path.relative(REPO_ROOT, file));
        }
      }
    }
  };
  visit(path.join(REPO_ROOT, 'server/src'));
  assert.deepEqual(offenders, []);
});

test('a hostile .bulkhead.yaml is refused, not parsed', () => {
  assert.deepEqual(parseConfigFile(deepSeq(8000)), { config: {}, errors: [`cannot parse: nested deeper than ${MAX_YAML_DEPTH} levels`] });
  assert.deepEqual(parseConfigFile('a: &a [1]\nrules: {DF001: "off"}\nb: *a\n').config, { rules: { DF001: 'off' } });
});

test('a hostile manifest in the workspace index hides nothing from the file being analyzed', () => {
  // The first overflowed the parser itself, which threw out of the analysis of every other file.
  const host = memoryHost(
    { '/w/deep.yaml': `kind: Pod\n---\n${deepSeq(2500)}a"\n`, '/w/deeper.yaml': `kind: Pod\n---\n${deepSeq(8000)}`, '/w/flow.yaml': `build: x\nservices:\n  a: ${'['.repeat(9000)}` },
    '/w',
  );
  const text =
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    spec:\n      containers:\n        - name: c\n          image: nginx:1.27\n          securityContext: {privileged: true}\n';
  const r = analyze({ uri: 'file:///w/app.yaml', text, workspace: host });
  assert.deepEqual(r.ruleErrors, []);
  assert.ok(r.findings.some((f) => f.ruleId === 'K8S001'));
});

// ---------------------------------------------------------------- template masking

/**
 * The masking by its definition (each expression's line rescanned, so quadratic): the reference. An
 * expression is alone when the text outside expressions on its line(s) is blank, or blank then a comment.
 */
function maskTemplatesByRegExp(text: string): string {
  const spans = [...text.matchAll(/\{\{[\s\S]*?\}\}/g)].map((m) => [m.index, m.index + m[0].length] as const);
  /** The text outside expressions from `from` towards `step`, up to the line's end. */
  const outside = (from: number, step: 1 | -1): string => {
    let out = '';
    for (let at = from; step === 1 ? at < text.length : at >= 0; at += step) {
      const span = spans.find(([s, e]) => s <= at && at < e);
      if (span) at = step === 1 ? span[1] - 1 : span[0];
      else if (text[at] === '\n') break;
      else out = step === 1 ? out + text[at] : text[at] + out;
    }
    return out;
  };
  return text.replace(/\{\{[\s\S]*?\}\}/g, (m, offset: number) => {
    const after = outside(offset + m.length, 1).trim();
    const alone = outside(offset - 1, -1).trim() === '' && (after === '' || after.startsWith('#'));
    return m.replace(/[^\n\r]/g, alone ? ' ' : '\u2060');
  });
}

test('one-pass template masking gives what its definition gives', () => {
  const pieces = ['{{', '}}', '{', '}', '-', ' ', '\t', '\n', '\r\n', 'a', ':', '#', '\u00a0', '\u2028', '{{- x -}}', '{{ end }}'];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
      const text = parts.join('');
      assert.equal(maskTemplates(text), maskTemplatesByRegExp(text));
    }),
    { numRuns: 5000 },
  );
});

// ---------------------------------------------------------------- linear time

test('template masking is linear in the number of expressions on a line', () => {
  assertNearLinear(
    (n) => `kind: Pod\napiVersion: v1\nmetadata:\n  name: ${'{{a}}'.repeat(n)}\n`,
    (text) => analyze({ uri: 'file:///w/t.yaml', text }),
    { n: 20_000 },
  );
});

test('unclosed template braces are linear', () => {
  assertNearLinear(
    (n) => `kind: Pod\napiVersion: v1\n${'{{\n'.repeat(n)}`,
    (text) => analyze({ uri: 'file:///w/u.yaml', text }),
    { n: 50_000 },
  );
});

test('alias resolution is linear in the number of aliases', () => {
  const configMap = (n: number): string => {
    let text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n';
    for (let i = 0; i < n; i++) text += `  k${i}: &a${i} v${i}\n  r${i}: *a${i}\n`;
    return text;
  };
  let version = 0;
  assertNearLinear(configMap, (text) => analyze({ uri: `file:///w/${version++}/cm.yaml`, text }), { n: 1000 });
});

test('merge-key lookup is linear along a chain of merges', () => {
  const chain = (n: number): string => {
    let text = 'services:\n  s0: &s0\n    image: nginx:1.27\n';
    for (let i = 1; i < n; i++) text += `  s${i}: &s${i}\n    <<: *s${i - 1}\n    environment: {V${i}: x}\n`;
    return text;
  };
  let version = 0;
  assertNearLinear(chain, (text) => analyze({ uri: `file:///w/${version++}/compose.yaml`, text }), { n: 200 });
});

test('a service merging the same anchor n times is analyzed in time linear in n', () => {
  // The fuzzer's 777 KB file (59,754 `<<: *com` lines in one service, the anchor misspelt): every key a
  // rule looked up rescanned the n merge keys. That was linear in n, but for each of the keys asked.
  const merging = (n: number): string => `x-common: &common\n  user: root\nservices:\n  a:\n    image: nginx:1.27\n${'    <<: *common\n    <<: *com\n'.repeat(n)}`;
  let version = 0;
  assertNearLinear(merging, (text) => analyze({ uri: `file:///w/${version++}/compose.yaml`, text }), { n: 2000 });
});

test('a map of many keys is looked up as a small one: last copy of a repeated key (first in a template), then merges', () => {
  for (const filler of [0, 40]) {
    const keys = Array.from({ length: filler }, (_, i) => `  k${i}: ${i}\n`).join('');
    const text = `base: &base {m: merged, d: base}\nmap:\n  d: first\n${keys}  <<: *base\n  d: last\n`;
    for (const [uri, copy] of [
      ['file:///w/m.yaml', 'last'],
      ['file:///w/templates/m.yaml', 'first'],
    ]) {
      const source = new SourceFile(uri, uri.includes('templates') ? `${text}# {{ .Values.x }}\n` : text);
      const [doc] = parseYamlStream(source).documents;
      const map = doc.get(doc.contents, 'map');
      assert.deepEqual([doc.scalar(map, 'd'), doc.scalar(map, 'm'), doc.scalar(map, 'absent')], [copy, 'merged', undefined], `${filler} keys, ${uri}`);
    }
  }
});

test('the merge keys of a map are read once however many maps merge it', () => {
  // A map with n `<<` keys (the fuzzer's 60,000 `<<: *com`) merged by n maps: each walk re-read all n.
  let version = 0;
  const merging = (n: number) => {
    const text = `base: &base\n  A: "1"\n${'  <<: *none\n'.repeat(n)}maps:\n${'  - {<<: *base, B: x}\n'.repeat(n)}`;
    const [doc] = parseYamlStream(new SourceFile(`file:///w/${version++}/m.yaml`, text)).documents;
    return { doc, maps: doc.items(doc.get(doc.contents, 'maps')) };
  };
  assertNearLinear(merging, ({ doc, maps }) => maps.map((map) => [...doc.mergedMaps(map)].length), { n: 1000 });
});

test('extends chains cost the same per service however long they are', () => {
  const chain = (n: number): string => {
    let text = 'services:\n  s0:\n    image: nginx:1.27\n';
    for (let i = 1; i < n; i++) text += `  s${i}:\n    extends: s${i - 1}\n`;
    return text;
  };
  let version = 0;
  const model = (text: string) => buildComposeModel(parseYamlStream(new SourceFile(`file:///w/${version++}/compose.yaml`, text)).documents);
  assertNearLinear(
    (n) => model(chain(n)),
    (m) => m.services.map((s) => resolveSetting(m, s, ['image'])),
    { n: 4000, runs: 9 },
  );
  // Beyond the bound the chain is unknown, as a base in another file is: nothing is claimed missing.
  const long = model(chain(MAX_EXTENDS_DEPTH + 2));
  const found = resolveSetting(long, long.services[MAX_EXTENDS_DEPTH], ['image']);
  assert.equal(found !== undefined && found !== 'unknown' && found.doc.scalar(found.pair.value), 'nginx:1.27');
  assert.equal(resolveSetting(long, long.services[MAX_EXTENDS_DEPTH + 1], ['image']), 'unknown');
});

test('the shared blocks of a templated pod are scanned once, not once per container', () => {
  const templatedPod = (n: number): string => {
    let text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  securityContext:\n    seLinuxOptions:\n';
    for (let i = 0; i < n; i++) text += `      k${i}: v\n`;
    text += '  containers:\n';
    for (let i = 0; i < n; i++) text += `  - name: c${i}\n    image: nginx:1.27\n`;
    return text;
  };
  // Each run analyzes the file afresh (the blocks scanned are remembered per file); the parse is reused,
  // as an edited file's is.
  assertNearLinear(
    templatedPod,
    (text) => {
      const k8s = parseKubernetes(new SourceFile(`file:///w/templated-${text.length}/pod.yaml`, text, false, true));
      return k8s.containers.map((c) => isEffectiveSecurityTemplated(c, 'runAsUser'));
    },
    { n: 2000 },
  );
});

test('fixAll on an alias-heavy file is linear', () => {
  // Every env value an alias of an annotation: each pass dereferences them all.
  const pod = (n: number): string => {
    let text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n';
    for (let i = 0; i < n; i++) text += `    a${i}: &v${i} "x${i}"\n`;
    text += 'spec:\n  containers:\n';
    for (let c = 0; c < n / 100; c++) {
      text += `  - name: c${c}\n    image: nginx:1.27\n    securityContext: {privileged: true}\n    env:\n`;
      for (let k = 0; k < 100; k++) text += `    - {name: E${k}, value: *v${c * 100 + k}}\n`;
    }
    return text;
  };
  let version = 0;
  assertNearLinear(pod, (text) => fixAll({ uri: `file:///w/${version++}/pod.yaml`, text }, DEFAULT_CONFIG, ['safe', 'unsafe']), { n: 200, runs: 3 });
});

test('NetworkPolicy selection meets each workload with the policies that can select it, not all of them', () => {
  const facts = (n: number) => ({
    policies: Array.from({ length: n }, (_, i): NetworkPolicyFacts => ({ name: `p${i}`, podSelector: { matchLabels: { app: `a${i}`, tier: 'web' }, matchExpressions: [] }, policyTypes: ['Ingress'] })),
    workloads: Array.from({ length: n }, (_, i): WorkloadFacts => ({ kind: 'Deployment', name: `d${i}`, labels: { app: `a${2 * i}`, tier: 'web' } })),
  });
  const small = facts(4);
  assert.deepEqual(
    small.workloads.map((w) => policiesSelecting(w, small.policies).map((p) => p.name)),
    [['p0'], ['p2'], [], []],
  );
  assert.deepEqual(
    danglingPolicies(small.policies, small.workloads).map((p) => p.name),
    ['p1', 'p3'],
  );
  assertNearLinear(facts, ({ policies, workloads }) => [workloads.map((w) => policiesSelecting(w, policies)), danglingPolicies(policies, workloads)], { n: 40_000 });
});

test('a ServiceAccount without a namespace is looked up among bindings by name', () => {
  const subjects = (n: number) => Array.from({ length: n }, (_, i) => `ns${i}/sa${i}`);
  assert.equal(isBound(new Set(subjects(3)), undefined, 'sa2'), true);
  assert.equal(isBound(new Set(subjects(3)), undefined, 'sa3'), false);
  // As the rule does: a new set of bound subjects per analysis, asked once per ServiceAccount.
  const accounts = (n: number) => ({ bound: subjects(n), asked: Array.from({ length: n }, (_, i) => `sa${i}x`) });
  assertNearLinear(
    accounts,
    ({ bound, asked }) => {
      const set = new Set(bound);
      return asked.map((name) => isBound(set, undefined, name));
    },
    { n: 20_000, runs: 9 },
  );
});
