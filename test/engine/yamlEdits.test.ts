// YAML edit builders: indentation, flow vs block style, sequences, comments, CRLF.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { applyEdits, SourceFile } from '../../server/src/engine/index';
import { parseYamlStream, type YamlDocument, type Node } from '../../server/src/engine/parse/yaml';
import { insertPairs, yamlSet, yamlRemovePair, yamlRemoveItem, type YamlValue } from '../../server/src/engine/edits/yaml';
import { parseDocument } from 'yaml';

function docOf(text: string): YamlDocument {
  const src = new SourceFile('t.yaml', text);
  return parseYamlStream(src).documents[0];
}

/** Applies one edit and checks the result still parses to the expected data. */
function edit(text: string, make: (d: YamlDocument) => ReturnType<typeof yamlSet>, expected: string): void {
  const built = make(docOf(text));
  assert.ok(built, 'the builder refused the node');
  const out = applyEdits(text, [built]);
  assert.equal(out, expected);
  assert.deepEqual(parseDocument(out).errors, []);
}

const set =
  (path: string[], value: YamlValue, after?: string[], at: string[] = []) =>
  (d: YamlDocument) =>
    yamlSet(d, d.get(d.contents, ...at) as Node, path, value, after);

test('yamlSet adds a key after the last sibling at its indentation', () => {
  edit('a:\n  b: 1\n  c: 2\nd: 3\n', set(['e'], true, [], ['a']), 'a:\n  b: 1\n  c: 2\n  e: true\nd: 3\n');
});

test('yamlSet creates missing parents with the file indentation unit (4 spaces)', () => {
  edit(
    'spec:\n    name: web\n    image: x\n',
    set(['securityContext', 'capabilities', 'drop'], ['ALL'], ['image'], ['spec']),
    'spec:\n    name: web\n    image: x\n    securityContext:\n        capabilities:\n            drop: ["ALL"]\n',
  );
});

test('yamlSet places the key after a named sibling inside a sequence item', () => {
  const text = 'containers:\n  - name: web\n    image: x # pinned\n    ports: [80]\n';
  const d = docOf(text);
  const item = d.items(d.get(d.contents, 'containers'))[0];
  assert.equal(
    applyEdits(text, [yamlSet(d, item, ['securityContext', 'runAsNonRoot'], true, ['image'])!]),
    'containers:\n  - name: web\n    image: x # pinned\n    securityContext:\n      runAsNonRoot: true\n    ports: [80]\n',
  );
});

test('yamlSet keeps flow style and replaces existing scalars', () => {
  edit('sc: {a: 1}\n', set(['b'], false, [], ['sc']), 'sc: {a: 1, b: false}\n');
  edit('sc: {}\n', set(['b'], false, [], ['sc']), 'sc: {b: false}\n');
  edit('sc:\n  a: true\n', set(['a'], false, [], ['sc']), 'sc:\n  a: false\n');
  edit('x:\n  sc: null\n', set(['sc', 'a'], 1, [], ['x']), 'x:\n  sc:\n    a: 1\n');
});

test('yamlSet on CRLF files and files without a final newline', () => {
  edit('a:\r\n  b: 1\r\n', set(['c'], 2, [], ['a']), 'a:\r\n  b: 1\r\n  c: 2\r\n');
  edit('a:\n  b: 1', set(['c'], 2, [], ['a']), 'a:\n  b: 1\n  c: 2\n');
});

test('yamlSet after a block scalar and a nested map', () => {
  edit('a:\n  s: |\n    line\n  m:\n    k: v\n\nz: 1\n', set(['c'], 2, [], ['a']), 'a:\n  s: |\n    line\n  m:\n    k: v\n  c: 2\n\nz: 1\n');
});

test('yamlRemovePair: block lines, flow separators, the first key of a sequence item', () => {
  const rm = (key: string, at: string[]) => (d: YamlDocument) => {
    const m = d.get(d.contents, ...at)!;
    return yamlRemovePair(d, m, d.pair(m, key)!);
  };
  edit('a:\n  b: 1 # why\n  c: 2\n', rm('b', ['a']), 'a:\n  c: 2\n');
  edit('a:\n  b:\n    - x\n    - y\n  c: 2\n', rm('b', ['a']), 'a:\n  c: 2\n');
  edit('a: {b: 1, c: 2}\n', rm('b', ['a']), 'a: {c: 2}\n');
  edit('a: {b: 1, c: 2}\n', rm('c', ['a']), 'a: {b: 1}\n');
  const text = 'l:\n  - b: 1\n    c: 2\n';
  const d = docOf(text);
  const item = d.items(d.get(d.contents, 'l'))[0];
  assert.equal(applyEdits(text, [yamlRemovePair(d, item, d.pair(item, 'b')!)!]), 'l:\n  - c: 2\n');
});

test('yamlRemoveItem: block and flow sequences', () => {
  const rmi = (i: number) => (d: YamlDocument) => {
    const s = d.get(d.contents, 'l')!;
    return yamlRemoveItem(d, s, d.items(s)[i]);
  };
  edit('l:\n  - a\n  - b\nz: 1\n', rmi(0), 'l:\n  - b\nz: 1\n');
  edit('l: [a, b, c]\n', rmi(1), 'l: [a, c]\n');
  edit('l: [a, b, c]\n', rmi(2), 'l: [a, b]\n');
});

test('a key added after a block sequence goes before its trailing comments, never below the next key', () => {
  const text = 'spec:\n  template:\n    spec:\n      containers:\n      - name: nginx\n        image: nginx:1.27\n        # resources:\n        #   cpu: 4\n  volumeClaimTemplates:\n  - name: www\n';
  edit(
    text,
    (d) => yamlSet(d, d.get(d.contents, 'spec', 'template', 'spec')!, ['automountServiceAccountToken'], false),
    'spec:\n  template:\n    spec:\n      containers:\n      - name: nginx\n        image: nginx:1.27\n      automountServiceAccountToken: false\n        # resources:\n        #   cpu: 4\n  volumeClaimTemplates:\n  - name: www\n',
  );
});

test('several pairs inserted into an empty flow map come as one edit', () => {
  edit(
    'resources: {}\n',
    (d) => insertPairs(d, d.get(d.contents, 'resources')!, { requests: { cpu: '100m' }, limits: { memory: '256Mi' } }),
    'resources: {requests: {cpu: "100m"}, limits: {memory: "256Mi"}}\n',
  );
});
