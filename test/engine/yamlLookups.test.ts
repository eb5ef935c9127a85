// YamlDocument's lookups (get, scalar, pair, items, entries, deref) read node types and keys in place
// for speed: they must answer as the plain definitions below, written with the library's own `is…`
// functions and Alias.resolve, on every map and sequence of the corpus and of odd documents.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as YAML from 'yaml';
import { filesUnder, IN_REPO_CORPUS } from '../../scripts/corpus';
import * as fs from 'node:fs';
import { SourceFile } from '../../server/src/engine/index';
import { parseYamlStream, type YamlDocument } from '../../server/src/engine/parse/yaml';

/** An alias's anchor as the library resolves it; any other node as it is. */
function plainDeref(doc: YamlDocument, node: unknown): YAML.Node | undefined {
  if (YAML.isAlias(node)) return node.resolve(doc.doc);
  return (node ?? undefined) as YAML.Node | undefined;
}

/** A map's own pair for `key` (the last copy; the first in a file with templates), looking through `<<` maps in order when it has none. */
function plainPair(doc: YamlDocument, map: unknown, key: string): YAML.Pair | undefined {
  for (const m of doc.mergedMaps(map)) {
    const own = m.items.filter((p) => YAML.isScalar(p.key) && String(p.key.value) === key);
    if (own.length) return (doc.src.hasTemplates ? own[0] : own[own.length - 1]) as YAML.Pair;
  }
  return undefined;
}

function plainGet(doc: YamlDocument, node: unknown, path: string[]): YAML.Node | undefined {
  let cur = plainDeref(doc, node);
  for (const key of path) {
    cur = YAML.isMap(cur) ? plainDeref(doc, plainPair(doc, cur, key)?.value) : undefined;
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** Every node of a document, aliases included, once. */
function nodesOf(doc: YamlDocument): unknown[] {
  const out: unknown[] = [];
  YAML.visit(doc.doc, (_key, node) => void out.push(node));
  return out;
}

/** The keys a lookup may be asked: every key written in the document (as text), and some that are none. */
function keysOf(nodes: unknown[]): string[] {
  const keys = new Set(['<<', 'absent', 'null', '1', 'true', 'undefined']);
  for (const n of nodes) if (YAML.isPair(n) && YAML.isScalar(n.key)) keys.add(String(n.key.value));
  return [...keys];
}

function assertPlainLookups(text: string, uri = 'file:///w/lookups.yaml'): void {
  for (const doc of parseYamlStream(new SourceFile(uri, text)).documents) {
    const nodes = nodesOf(doc);
    const keys = keysOf(nodes);
    const where = JSON.stringify(text.slice(0, 80));
    for (const node of [...nodes, doc.contents, null, undefined, 'text', 7]) {
      assert.equal(doc.deref(node), plainDeref(doc, node), where);
      assert.equal(doc.get(node), plainDeref(doc, node), where);
      const seq = plainDeref(doc, node);
      const items = YAML.isSeq(seq) ? seq.items.map((i) => plainDeref(doc, i)).filter((i) => i !== undefined) : [];
      assert.deepEqual(doc.items(node), items, where);
      const entries = YAML.isMap(seq) ? seq.items.filter((p) => YAML.isScalar(p.key) && String(p.key.value) !== '<<').map((p) => ({ key: String((p.key as YAML.Scalar).value), pair: p })) : [];
      assert.deepEqual(doc.entries(node), entries, where);
      if (!YAML.isMap(seq)) continue;
      for (const key of keys) {
        assert.equal(doc.pair(node, key), plainPair(doc, seq, key), `${where} ${key}`);
        const value = plainGet(doc, node, [key]);
        assert.equal(doc.get(node, key), value, `${where} ${key}`);
        assert.equal(doc.scalar(node, key), YAML.isScalar(value) ? value.value : undefined, `${where} ${key}`);
        for (const next of YAML.isMap(value) ? keys : []) assert.equal(doc.get(node, key, next), plainGet(doc, node, [key, next]), `${where} ${key}.${next}`);
      }
    }
  }
}

const ODD = [
  // Keys that are not strings, the merge key as a plain key, repeated keys.
  '1: one\ntrue: yes\nnull: nothing\n~: tilde\n"1": quoted one\n1.0: float\na: first\na: last\n<<: not a map\n',
  '? [complex, key]\n: value\n? {a: b}\n: other\nplain: p\n',
  // Aliases: as values, as items, to a missing anchor, to anchors redefined later.
  'base: &b {x: 1, y: [1, 2]}\ncopy: *b\nlist: [*b, *b, *missing, null, ~]\nb2: &b {x: 2}\nafter: *b\nnested:\n  deep: *b\n',
  // Merges: in order, chained, a list of sources, own keys first, a cycle.
  'base: &base {a: base, b: base, c: base}\nmid: &mid {<<: *base, b: mid}\nother: &other {a: other, d: other}\nm:\n  <<: [*mid, *other]\n  c: own\n',
  'a: &a\n  x: 1\n  <<: *a\nb:\n  <<: [*a, *a]\n  y: 2\n',
  // Empty and null values along a path, sequences of pairs, an empty document.
  'a:\nb: ~\nc: {}\nd: []\ne: [k: v, {k2: v2}]\nf:\n  - \n  - g: h\n',
  '',
  '- just\n- a\n- list\n',
  'scalar only\n',
];

test('lookups answer as their plain definitions on odd documents', () => {
  for (const text of ODD) assertPlainLookups(text);
});

test('lookups read the first copy of a repeated key in a file with templates, as their plain definitions', () => {
  assertPlainLookups('a: 1\na: 2\nb: "{{ .Values.b }}"\nc:\n  d: x\n  d: y\n');
});

test('lookups answer as their plain definitions on every YAML file of the corpus', () => {
  const files = filesUnder(IN_REPO_CORPUS).filter((f) => /\.ya?ml$/.test(f));
  assert.ok(files.length >= 20, `${files.length} corpus files`);
  for (const file of files) assertPlainLookups(fs.readFileSync(file, 'utf8'), `file://${file}`);
});
