// YAML edit builders on the shapes Kubernetes fixes meet: empty values, nested flow collections,
// JSON-style documents. Every result must parse again to the intended data.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import { applyEdits, SourceFile, type TextEdit } from '../../server/src/engine/index';
import { parseYamlStream, type Node, type YamlDocument } from '../../server/src/engine/parse/yaml';
import { yamlPrependOrAppendItem, yamlSet } from '../../server/src/engine/edits/yaml';

/** Applies the edit built on the text's first document and checks the result against `expected` and its data. */
function check(text: string, build: (doc: YamlDocument) => TextEdit | undefined, expected: string, data: unknown): void {
  const doc = parseYamlStream(new SourceFile('t.yaml', text)).documents[0];
  const edit = build(doc);
  assert.ok(edit, 'the builder refused the node');
  const out = applyEdits(text, [edit]);
  assert.equal(out, expected);
  const parsed = parseDocument(out);
  assert.deepEqual(parsed.errors, []);
  assert.deepEqual(parsed.toJS(), data);
}

const at = (doc: YamlDocument, ...path: Array<string | number>): Node => {
  let node: unknown = doc.contents;
  for (const step of path) node = typeof step === 'number' ? doc.items(node)[step] : doc.get(node, step);
  assert.ok(node, `nothing at ${path.join('.')}`);
  return node as Node;
};

test('yamlSet inserts into an empty flow map that closes inside another flow collection', () => {
  check('c: [{name: x, sc: {}}]\n', (d) => yamlSet(d, at(d, 'c', 0), ['sc', 'a'], false), 'c: [{name: x, sc: {a: false}}]\n', { c: [{ name: 'x', sc: { a: false } }] });
});

test('yamlSet fills an empty value with a space after the colon and before a comment', () => {
  check('a:\n  drop:\n  x: 1\n', (d) => yamlSet(d, at(d, 'a'), ['drop'], ['ALL']), 'a:\n  drop: ["ALL"]\n  x: 1\n', { a: { drop: ['ALL'], x: 1 } });
  check('a:\n  drop:   # later\n', (d) => yamlSet(d, at(d, 'a'), ['drop'], ['ALL']), 'a:\n  drop:   ["ALL"] # later\n', { a: { drop: ['ALL'] } });
});

test('yamlSet keeps JSON style: quoted keys, including inside an empty map', () => {
  const text = '{"spec": {"containers": [{"name": "c", "securityContext": {}}]}}\n';
  check(
    text,
    (d) => yamlSet(d, at(d, 'spec', 'containers', 0), ['securityContext', 'allowPrivilegeEscalation'], false),
    '{"spec": {"containers": [{"name": "c", "securityContext": {"allowPrivilegeEscalation": false}}]}}\n',
    { spec: { containers: [{ name: 'c', securityContext: { allowPrivilegeEscalation: false } }] } },
  );
  const bare = '{"spec": {"containers": [{"name": "c"}]}}\n';
  check(
    bare,
    (d) => yamlSet(d, at(d, 'spec', 'containers', 0), ['securityContext', 'capabilities', 'drop'], ['ALL']),
    '{"spec": {"containers": [{"name": "c", "securityContext": {"capabilities": {"drop": ["ALL"]}}}]}}\n',
    { spec: { containers: [{ name: 'c', securityContext: { capabilities: { drop: ['ALL'] } } }] } },
  );
});

test('yamlPrependOrAppendItem appends inside a nested flow sequence, quoting in JSON style', () => {
  check('l: [[a]]\n', (d) => yamlPrependOrAppendItem(d, at(d, 'l', 0), 'b'), 'l: [[a, b]]\n', { l: [['a', 'b']] });
  check('{"drop": ["NET_RAW"]}\n', (d) => yamlPrependOrAppendItem(d, at(d, 'drop'), 'ALL'), '{"drop": ["NET_RAW", "ALL"]}\n', { drop: ['NET_RAW', 'ALL'] });
});
