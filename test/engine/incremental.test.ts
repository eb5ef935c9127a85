// Incremental manifests: after any sequence of edits, a multi-document manifest analyzed with the findings
// kept from its previous versions reports exactly what a fresh analysis reports (findings, fixes,
// suppressions), and an unchanged document's findings are reused rather than computed again.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { ALL_METAS, ALL_RULES, analyze, DEFAULT_CONFIG, memoryHost, mergeConfig, type EngineConfig, type Finding } from '../../server/src/engine/index';
import { assertKeptEqualsFresh } from '../harness/keptEqualsFresh';
import { documentFindingsSize, FINDINGS_CACHE_LIMIT, forgetDocumentFindings } from '../../server/src/engine/documentFindings';
import { MAX_PARTS } from '../../server/src/engine/partFindings';

const ALL_ON: EngineConfig = mergeConfig({ rules: Object.fromEntries(ALL_METAS.map((m) => [m.id, m.severity])), trustedRegistries: ['registry.example.com'] });

/** Documents the edits pick from: every Kubernetes rule's examples, and what crosses documents. */
const POOL: string[] = [
  ...ALL_RULES.filter((r) => r.meta.appliesTo === 'kubernetes' && !r.meta.examples.workspace && !r.meta.examples.fileName).flatMap((r) => [r.meta.examples.bad, r.meta.examples.good]),
  'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: apps\n  labels:\n    pod-security.kubernetes.io/enforce: baseline\n',
  'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: apps\n  labels:\n    pod-security.kubernetes.io/enforce: privileged\n',
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: apps\nspec:\n  hostNetwork: true\n  containers:\n    - name: web\n      image: nginx:1.27\n',
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n  namespace: apps\nspec:\n  containers:\n    - name: api # bulkhead-ignore K8S003 -- runs as its image user\n      image: nginx:1.27\n      securityContext:\n        privileged: true # bulkhead-ignore K8S001 K8S999 -- lab\n',
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: odd\n  annotations:\n    bulkhead.dev/ignore: K8S061\nspec:\n  containers:\n    - name: odd\n      image: nginx\n',
  'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n  namespace: apps\nautomountServiceAccountToken: false\n',
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: broken\nspec:\n  containers:\n    - name: [unclosed\n      image: nginx\n',
  '# a comment only\n',
];

const POD = (name: string, extra = '') => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n    - name: ${name}\n      image: nginx:1.27\n${extra}`;

type Edit =
  { op: 'replace'; at: number; pick: number } | { op: 'insert'; at: number; pick: number } | { op: 'remove'; at: number } | { op: 'grow'; at: number } | { op: 'type'; at: number; char: string };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant('replace' as const), at: fc.nat(), pick: fc.nat() }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), pick: fc.nat() }),
  fc.record({ op: fc.constant('remove' as const), at: fc.nat() }),
  // A comment line at the top of a document: every later document moves down.
  fc.record({ op: fc.constant('grow' as const), at: fc.nat() }),
  // A keystroke somewhere in a document.
  fc.record({ op: fc.constant('type' as const), at: fc.nat(), char: fc.constantFrom('x', ' ', ':', '\n', '#', '-') }),
);

function applyEdit(docs: string[], e: Edit, step: number): string[] {
  const out = [...docs];
  const at = out.length ? e.at % out.length : 0;
  if (e.op === 'replace' && out.length) out[at] = POOL[e.pick % POOL.length];
  else if (e.op === 'insert') out.splice(e.at % (out.length + 1), 0, POOL[e.pick % POOL.length]);
  else if (e.op === 'remove' && out.length > 1) out.splice(at, 1);
  else if (e.op === 'grow' && out.length) out[at] = `# edit ${step}\n${out[at]}`;
  else if (e.op === 'type' && out.length) {
    const i = (e.at * 7919) % (out[at].length + 1);
    out[at] = out[at].slice(0, i) + e.char + out[at].slice(i);
  }
  return out;
}

function checkSequences(config: EngineConfig, withWorkspace: boolean): void {
  let run = 0;
  fc.assert(
    fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), fc.array(fc.tuple(edit, fc.boolean()), { maxLength: 12 }), fc.boolean(), (initial, edits, crlf) => {
      // In a workspace the file is where the host has it; alone, each run is a file of its own.
      const uri = withWorkspace ? 'file:///ws/stream.yaml' : `file:///w/stream-${run++}.yaml`;
      let docs = initial.map((i) => POOL[i % POOL.length]);
      const versions = [{ docs, withFixes: true }, ...edits.map(([e, withFixes], step) => ({ docs: (docs = applyEdit(docs, e, step)), withFixes }))];
      try {
        for (const { docs: version, withFixes } of versions) {
          const joined = version.join('---\n');
          const text = crlf ? joined.replace(/\r?\n/g, '\r\n') : joined;
          const workspace = withWorkspace ? memoryHost({ '/ws/stream.yaml': text }, '/ws') : undefined;
          assertKeptEqualsFresh(uri, text, workspace, config, withFixes, JSON.stringify(version));
        }
      } finally {
        forgetDocumentFindings(uri);
      }
    }),
    { numRuns: 60, ...(process.env.INCR_SEED ? { seed: Number(process.env.INCR_SEED), path: process.env.INCR_PATH } : {}) },
  );
}

test('after any sequence of edits, kept findings equal a fresh analysis (default settings)', () => {
  checkSequences(DEFAULT_CONFIG, false);
});

test('after any sequence of edits, kept findings equal a fresh analysis (every rule on, in a workspace)', () => {
  checkSequences(ALL_ON, true);
});

/** The ids of the rules that run document by document (`meta.scope`). */
const PER_DOCUMENT_RULES = new Set(ALL_METAS.filter((m) => m.scope === 'document').map((m) => m.id));

test('only Kubernetes rules run document by document, and most of them do', () => {
  for (const m of ALL_METAS) if (m.scope === 'document') assert.equal(m.appliesTo, 'kubernetes', m.id);
  const kubernetes = ALL_METAS.filter((m) => m.appliesTo === 'kubernetes');
  assert.ok(PER_DOCUMENT_RULES.size * 2 > kubernetes.length, `${PER_DOCUMENT_RULES.size} of ${kubernetes.length}`);
});

test('the same document before and after one with parse errors: a fix at its end applies only where no broken document follows', () => {
  const uri = 'file:///w/neighbours.yaml';
  const broken = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: broken\nspec:\n  containers:\n    - name: [unclosed\n      image: nginx\n';
  // Both copies follow a `---`: the same text.
  const text = [POD('x'), POD('a'), broken, POD('a')].join('---\n');
  const kept = analyze({ uri, text });
  const fresh = analyze({ uri, text, incremental: false });
  assert.equal(JSON.stringify(kept.findings), JSON.stringify(fresh.findings));
  forgetDocumentFindings(uri);
});

test('an unchanged document keeps its findings: the very same ones, even when an earlier document grew', () => {
  const uri = 'file:///w/reuse.yaml';
  const text = (first: string) => [first, POD('b'), POD('c')].join('---\n');
  const linesOf = (findings: Finding[], from: number) => findings.filter((f) => f.range.start.line >= from);
  analyze({ uri, text: text(POD('a')) });
  const second = analyze({ uri, text: text(POD('a', '      ports: [{containerPort: 80}]\n')) });
  const third = analyze({ uri, text: text(POD('a', '      ports: [{containerPort: 81}]\n')) });
  const others = linesOf(second.findings, second.src.positionAt(second.src.text.indexOf('---\n')).line).filter((f) => PER_DOCUMENT_RULES.has(f.ruleId));
  assert.ok(others.length > 0);
  // Not one of the other documents' per-document findings was computed again.
  for (const f of others) assert.ok(third.findings.includes(f), `${f.ruleId} at line ${f.range.start.line} was computed again`);
  // An earlier document growing by a line moves the others' findings, fixes included, by that line.
  const grown = analyze({ uri, text: text(`# note\n${POD('a', '      ports: [{containerPort: 81}]\n')}`) });
  const fresh = analyze({ uri, text: grown.src.text, incremental: false });
  assert.equal(JSON.stringify(grown.findings), JSON.stringify(fresh.findings));
  forgetDocumentFindings(uri);
});

test('kept findings are capped by size, dropped when the file is forgotten, and none are kept for a one-off analysis', () => {
  const stream = (n: number, salt: string) => Array.from({ length: n }, (_, i) => POD(`p${salt}${i}`)).join('---\n');
  analyze({ uri: 'file:///w/once.yaml', text: stream(20, 'x'), incremental: false });
  assert.equal(documentFindingsSize(), 0);
  analyze({ uri: 'file:///w/kept.yaml', text: stream(20, 'y') });
  assert.ok(documentFindingsSize() > 0);
  forgetDocumentFindings('file:///w/kept.yaml');
  assert.equal(documentFindingsSize(), 0);
  // Files whose kept findings together pass the cap one and a half times: the least recently analyzed go.
  const big = stream(400, 'z');
  analyze({ uri: 'file:///w/many-0.yaml', text: big });
  const files = Math.ceil((1.5 * FINDINGS_CACHE_LIMIT) / documentFindingsSize());
  for (let file = 1; file < files; file++) {
    analyze({ uri: `file:///w/many-${file}.yaml`, text: big });
    assert.ok(documentFindingsSize() <= FINDINGS_CACHE_LIMIT, `${documentFindingsSize()} after ${file + 1} files`);
  }
  for (let file = 0; file < files; file++) forgetDocumentFindings(`file:///w/many-${file}.yaml`);
  assert.equal(documentFindingsSize(), 0);
});

test('a stream of more documents than MAX_PARTS is judged whole: nothing is kept per document, and what was kept for its smaller version is dropped', () => {
  const uri = 'file:///w/many.yaml';
  const stream = (n: number) =>
    Array.from({ length: n }, (_, i) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n`).join('---\n');
  analyze({ uri, text: stream(MAX_PARTS) });
  assert.ok(documentFindingsSize() > 0);
  const many = analyze({ uri, text: stream(MAX_PARTS + 1) });
  assert.equal(documentFindingsSize(), 0);
  assert.equal(JSON.stringify(many.findings), JSON.stringify(analyze({ uri, text: many.src.text, incremental: false }).findings));
  forgetDocumentFindings(uri);
});

test('a template entering and leaving a stream: each version reports what a fresh analysis does, though which copy of a repeated key is read follows the file', () => {
  // With a template anywhere in the file the first copy is read (ownPair in yaml.ts), else the last:
  // a document's findings depend on the whole file. No document's findings are kept for a file with
  // templates (rulesPerPart judges it whole), so none kept without them are served to it.
  const uri = 'file:///w/templates.yaml';
  const privileged = POD('a', '      securityContext:\n        privileged: false\n        privileged: true\n');
  const versions = [
    [privileged, POD('b')],
    [privileged, POD('b').replace('nginx:1.27', 'nginx:{{ .Values.tag }}')],
    [privileged, POD('b')],
  ].map((docs) => docs.join('---\n'));
  const privilegedIn = versions.map((text) => {
    assertKeptEqualsFresh(uri, text, undefined, DEFAULT_CONFIG, true, text);
    return analyze({ uri, text, incremental: false }).findings.some((f) => f.ruleId === 'K8S001');
  });
  assert.deepEqual(privilegedIn, [true, false, true]);
  forgetDocumentFindings(uri);
});
