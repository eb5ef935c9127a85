// The fast reader of plain block YAML (parse/blockYamlReader.ts) must build exactly what the `yaml`
// library builds whenever it accepts a document, and must never accept one the library reports an
// error or warning on. Proven on hand-written edge cases, on every document of the in-repository
// corpus, and on generated block YAML (scripts/blockYamlCorpus.ts runs the whole shared corpus).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import * as YAML from 'yaml';
import { Alias, isAlias } from 'yaml';
import { splitDocuments } from '../../server/src/engine/parse/yaml';
import { isTooDeep, MAX_YAML_DEPTH, parseYamlDocument } from '../../server/src/engine/parse/yamlDocument';
import { newPlainMemory, readBlockYaml } from '../../server/src/engine/parse/blockYamlReader';
import { filesUnder, IN_REPO_CORPUS } from '../../scripts/corpus';
import { compareWithLibrary, STREAM_OPTIONS, STRICT_OPTIONS } from '../harness/yamlEquivalence';
import { assertNearLinear } from '../harness/complexity';

/**
 * Asserts the reader builds what the library builds, or declines, with the stream's options and the
 * strict ones; returns whether it accepted.
 */
function assertEquivalent(text: string): boolean {
  const verdicts = [compareWithLibrary(text), compareWithLibrary(text, STRICT_OPTIONS)];
  for (const verdict of verdicts) {
    if (verdict.kind === 'different') assert.fail(`${JSON.stringify(text)}\nlibrary ${verdict.library}\nreader  ${verdict.reader}`);
  }
  assert.equal(verdicts[0].kind, verdicts[1].kind, `accepted with one set of options only: ${JSON.stringify(text)}`);
  return verdicts[0].kind === 'same';
}

// Each accepted: their ranges are where the library's parser puts trailing comments and blank lines.
const ACCEPTED = [
  'a: b\nc:  d   # x\n\n# y\ne:\n  - f\n  -   g\n  - h: 1\n    i: 0x1F\n\n',
  '---\n# top\na: b\n',
  '--- # c\na: b\n',
  '# top\n\na: [1, "x", y]\n',
  'a:\nb: 1',
  'a:\n',
  'a:',
  'a: b  ',
  'a  : b\n',
  '- \n- a\n-\n',
  '- -\n',
  'a:\n- x\n- y\nb: 1\n',
  '  - x\n'.slice(2),
  'a:\n  b: 1\n\n  # c\nd: 2\n',
  'a:\n  b: 1\n\n# c\nd: 2\n',
  'a:\n  b: 1\n\n  # c\n\n',
  'a:\n  b:\n\n',
  'a:\n  - x\n  # c\nb: 1\n',
  'a:\n  - x\n\n    # deeper\n  # same\n# less\nb: 1\n',
  'x:\n  y:\n    c: 1\n    # x\n  d: 2',
  'x:\n  y:\n    c: 1\n   # x\n  d: 2',
  'a: b\n  # c\n\n  # d\n   # e\n# f\n  # g\n',
  '- a: 1\n  b: 2\n-   c\n',
  '- - a\n  - b\n- c',
  '- [a, b]\n  # c\n- x\n',
  'a: [ 1 , "x" ,y ]  # c\n',
  'a: []\nb: {}\nc: [ ]\nd: { }\n',
  'a: {x: 1, "y": z}\n',
  "a: 'it''s'\n\"k\": true\n'': \"\"\n",
  'a: -1\nb: [-c, "-x"]\nc: -x\n',
  'host: ::1\nheaders:\n- name: :path\n- :x: [:y, {:z: :w}]\n',
  'n: ~\nb: False\ni: 0o17\nf: 1e3\ng: .inf\nh: -.5\nj: +1\nk: .NaN\nl: 12345678901234567890\n',
  'a:b: c\nd: e:f\ng: h#i\nj: k # l\n',
  'containers: # list\n- name: x\n  args:\n  - -c\n  - "echo a"\n',
  'a:\n    b: 1\n    c:\n     - d\n',
  'a: |\n  x\n  y\nb: 1\n',
  'a: |-\n  x\n\n   y\n\nb: 1\n',
  '- >\n  x\n  y\n- z',
  'a:\n  b: |\n    x\n  # c\n  d: 1\n',
  'a: |\n  x\n\n\n',
  'a: |\n  x',
  'a: |\n  x\n    y\n  z\n# c\nq: |\n  aa\n\n  # c\n  bb\n',
  '- a: |\n    x\n  b: 1\n',
  // Block scalars as the lexer cuts them: blank lines before the content, blank lines holding spaces after
  // it, kept (`+`) and stripped chomping, a comment after the header, folded lines more indented, no content.
  'a: |+\n  text\n',
  'a: | # c\n  text\n',
  'a: >-\n  folded\n\n  text\n',
  'a: |\n\n  text\n',
  'a: |\n  text\n \n',
  'a: >\n\n\nb: 1\n',
  '- a: >\n\n\n- b\n',
  'a: |\n   \n    x\n  \n      \n   \nb: 1\n',
  'a: |+\n  x\n\n  \n\nb: 1\n',
  'a: >\n  x\n    y\n  z\n\n  w\n',
  'a: >+\n\n',
  'a: |+\nk: v\n\n',
  // Empty values with comments after them: their ranges reach as far as the library's parser gives them
  // the comments (up to the line after the last one indented past the map, before the map's next key).
  'a:   # c\nb:\n',
  'a:\n  # c\nb: 1\n',
  'x:\n  a:\n  # c\n\n  b: 1\n',
  'x:\n  a:\n    # c\n# d\nb: 1\n',
  'x:\n  a:\n    # c\n  b: 1\n',
  'a:\n  # c\n  \nb: 1\n',
  'a:\n\n# c\nb: 1\n',
  'a: # c\n  # d\n\n  # e\nb: 1\n',
  'a:\n  # c\n\n\n',
  'x:\n  y:\n    a:\n      # c\n  b: 1\n',
  '- a:\n  # c\n- b\n',
  '-\n  # c\n- b\n',
  'a:\n  -\n    # c\n  - b\n',
  'a:\n  - x\n\n  # c\n  -\n    b\n',
  // Anchored empty values.
  'a: &x\nb: 1\n',
  'a: &x\n',
  '- &a\n- b\n',
  'a: &x   \n  \nb: *x\n',
  'a: &x\n  # c\nb: 1\n',
  // Tabs in block scalars (a shell script in a ConfigMap), and in comment lines there too.
  'a: |\n    set -e\n    if x; then\n    \tpsql <<-EOF\n    \t\tSELECT 1;\n    EOF\n    fi\nb: 1\n',
  'a: >\n  x\n  \ty\n  z\n',
  'a: |\n  \t\n',
  'a: |\n  x\n  # \tc\n',
  // Tabs in comment lines (shell output pasted into a comment).
  'a: 1\n# x\ty\n  # x\t\ty\nb: [c,\n  # c\td\n  e]\nf: g\n  # \th\n',
  'a: |\n  x\n  ',
  'a: |\r\n\r\n  x\r\n  \r\nb: 1\r\n',
  'a: b\n  c\nd: 1\n',
  'a: b  \n    c  d  \n\n  e\n\n\nf: 1\n',
  'a: b\n  c\n  # x\nd: 1\n',
  '- b\n  c\n- d',
  'x:\n  a: b\n   c\n  d: 1\n',
  'a: b\n  c\n\n',
  'a: b\n  c:d\n  e - f\n',
  '- a: b\n   c\n',
  'a: b\n\n  c\n',
  // Continuation lines starting with what would be an indicator on a line of its own, or ended by a comment.
  'a: b\n  - c\n  [d] {e} *f &g !h |i >j %k @l `m ?n \'o\' "p" ,q :r -\nx: 1\n',
  'a:\n  b\n  - c\n',
  '- a\n  - b\n  ---\n  ...\n  -\n',
  'a: b\n  c # x\nd: 1\n',
  'a: b\n  c # x\n  # y\n\n  # z\nd: 1\n',
  '- b\n\n  c  # x\n- d\r\n',
  "a: 'x  \n   y  \n\n\n   z'\nb: 1\n",
  "a: 'x\n y'  # c\n  # d\nb: 1\n",
  "- 'it''s\n  ok'\n- q\n",
  "a: 'x\r\n  y'\r\n",
  // Double-quoted values over several lines (a shell command continued with `\\`), escaped line breaks, blank lines, spaces.
  'a: "one\n  two"\n',
  '- "exec a \\\n    --b \\\n    c"\n- x\n',
  'a: "x  \n\n\n   y \\ \n  z\\\n   w"  # c\n  # d\nb: 1\n',
  'a: "x\r\n  y\\\r\n  z"\r\n',
  'a:\n  b: "x\n   \\x41\\u263A \\"  \n\n   y"\n',
  'a: "\\x41\\U0001F600\\e\\N\\_\\L\\P\\ \\a\\b\\v\\f\\uD800"\n',
  'a: b\r\nc:  d   # x\r\n\r\n# y\r\ne:\r\n  - f\r\n  - h: 1\r\n',
  'a:\r\nb: |\r\n  x\r\n\r\n  y\r\n\r\nc: d\r\n  e\r\n\r\n  f\r\ng:\r\n',
  'a: "x\\"y\\\\"\nb: "\\\\d+\\n\\t\\/ \\0"\n"k\\"": v\n',
  // Only comments and blank lines, with and without `---`.
  '# only a comment\n',
  '  # a\n\n# b\n  \n',
  '---\n# Source: chart/templates/empty.yaml\n',
  '--- # c\n\n# a\n\n',
  '---\r\n# a',
  // A value on the line below its key or `-`.
  'a:\n  {}\nb:\n    [1, "x"]\n  # c\nc:\n  d\n  e\n',
  '- \n  x\n-\n  {a: b}\n',
  "a:\n\n  'q\n  r'\nb:\n   x\n  y\n",
  // Plain scalars in flow collections holding `:` and `#` (not ending them), and quotes.
  'a: [x:y, http://a:80/b, a#b, it\'s, a"b, a:#, -a:b ]\nb: {url: http://x:1, a:b: c:d , k: a#b}  # c\n',
  'ports: ["80:80", 8080:80/tcp]\nsecurity_opt: [no-new-privileges:true]\n',
  '- [a:b , c]\n- {k: v:w}\r\n',
  'a: [b, c#d, e :f]\n',
  // One-line nested flow collections, as keys' values and as items, empty, with spaces and comments.
  'a: [b, [c], {d: e}]  # x\nb: {k: [x, y] , m: {n: 1}, e: [], f: { }}\n',
  '- [[a]]\n- [ [ ] , { } ,[*x, "q", {a: [b, {c: d}]}] ]\n- {a: [x:y]}\n',
  'matchExpressions:\n- {key: environment, operator: In, values: [dev]}\n  # c\nk:\n  [a, [b]]\n',
  // Flow collections over several lines (items each on one line), trailing commas, comments between items.
  'a: [x,]\nb: {c: d , }\nc: [[b],]\n',
  'test:\n  [\n    "CMD", "x",\n    "y"\n  ]\nargs: [\n    "-a", "b", # c\n\n    # d\n    c,\n]  # e\n  # f\nz: 1\n',
  'x:\n  - a: [b,\n     c\n    ]\n  - [\n     {k: [v,\n      w]},\n    ]\n  - {a: b,\r\n     c: d}\r\n',
  'a: [ # c\n  b # d\n  , c\n  ]\nb: [\n]\n',
  'a: [b,\n  c]\n',
  'a: [b, [c,\n  d]]\nx:\n  a: [[b,\n    c],\n  ]\n',
  'a: {k: v # c\n\n  , c: [d]\n  , e: {f: g}  # h\n  # i\n  }\n',
  // The document end marker, comments after it.
  'a:\n  b: 1\n\n  # c\n\n...\n# d\n',
  'a: 1\n... # x\n\n',
  '- a\n  # c\n...',
  'a: |\n  x\n...\r\n',
  // Anchors on values, aliases as values: how Compose files share settings.
  'a: &x 1\nb: *x\n',
  'x-common: &common\n  user: root\n  cap_add: &caps [NET_ADMIN, *x]\nservices:\n  web:\n    <<: *common\n    <<: [*common, *other]  # c\n    image: *img\n',
  'a: &x\n  b: 1\n\n  # c\nc: *x\n  # d\nd: &y v\ne: [*x , *y ]\nf: {k: *x}\n',
  '- &s\n  - 1\n- &t x\n- *t\n- &m\n  k: v\n-   *missing   \n',
  'a: &x\n- 1\nb: &y {c: 1}\nc: &z b\n  c\nd: &q   "v"\n',
  'a:  &x   \r\n  b: *x\r\n',
  'a: *x.y-z/1\n',
  'a: &x\n  # c\n  b: 1\n',
  // An alias bomb (each level aliases the last three times) and maps merging themselves.
  'a: &a [lol, lol]\nb: &b [*a, *a, *a]\nc: &c [*b, *b, *b]\nd: [*c, *c]\ne: {k: *c}\n',
  'x: &x\n  <<: *x\n  y: &y\n    <<: [*x, *y]\n  z: &z {<<: *z}\n',
  // An anchor given again: each alias names the last node before it so anchored (in a flow collection too).
  'a: &x 1\nb: *x\nc: &x [*x, {k: *x}]\nd: *x\ne: &x\nf: [*x, *y]\ng: &y\n  - *y\n',
  // Scalars tagged with the schema's own tags, resolved by them (a 2 MB Compose file with one took the library path).
  'a: !!str 1\nb: !!int "0x1F"\nc: !!bool true\nd: !!null ~\ne: !!float 1.5\nf: !!int 12345678901234567890\n',
  '- !!str  yes\n- !!str |\n  x\n- !!str a\n  b\n- !!str \'x\n  y\'\n- !!str x # c\n  # d\n- !!str "q"\n',
  'environment:\n  LOG_LEVEL: !!str info\n  PORT: !!str 8080\r\n',
];

// Each outside the subset (the library reads them, with or without errors).
const DECLINED = [
  '&a\n<<: *a\n',
  '&a k: v\n',
  'a: &x # c\n  b: 1\n',
  'a: &x\n  v\n',
  'a: &x *y\n',
  'a: &x &y v\n',
  'a: &x !t v\n',
  'a: &x |\n  v\n',
  'a: & v\n',
  'a: &x[1]\n',
  'a: *\n',
  'a: *x:\n',
  'a: *x,y\n',
  'a: *x y\n',
  '*x : v\n',
  'a: {*x: 1}\n',
  'a: [&x 1]\n',
  '- &a - x\n',
  '- &a k: v\n',
  // Tags the schema does not hold or whose test fails (the library warns), on empty values, collections,
  // aliases and keys, after anchors, and written otherwise than `!!name`.
  'a: !Ref x\n',
  'a: !reset []\n',
  '- !!bool yes\n',
  'a: !!float 1\n',
  'a: !!null x\n',
  'a: !!binary aGk=\n',
  'a: !!str\nb: 1\n',
  'a: !!str  # c\n',
  'a: !!str [x]\n',
  'a: !!map {x: 1}\n',
  'a: !!str *x\n',
  'a: &x !!str v\n',
  '- !!str &x v\n',
  '- !!str a: b\n',
  '!!str a: b\n',
  'a:\n  !!str x\n',
  'a: [!!str x]\n',
  'a: !!str&x b\n',
  'a: !! x\n',
  'a: ! x\n',
  'a: !a!b c\n',
  'a: !e%21 x\n',
  'a: !<tag:yaml.org,2002:str> y\n',
  'a: !!str, x\n',
  'a: |2\n   text\n',
  'a: "x\n  # \ty"\n',
  'a: |\n  x\n  \ty\n\tz\n',
  'a: |\n\t\n',
  'a: |\n  x\n \t\nb: 1\n',
  'a: |\n  x\nb: \t1\n',
  'a: &x # c\nb: 1\n',
  "a: 'x\n  # \ty'\n",
  '\t# c\na: 1\n',
  'a: 1 # \tc\n',
  'a:\t1\n',
  'a: |-+\n  text\n',
  'a: |#c\n  text\n',
  'a: |\n    \n  x\n',
  'a:\n  b: |\n\n     x\n    y\n',
  'a: |\n  x\n # c\n',
  'a: |\n',
  'a: b\n  c # x\n  e\n',
  'a: b\n  c # x\n  d: e\n',
  'a: b\n  c\n  ? d: e\n',
  'a: b\n  - c: d\n',
  '- a: b\n  c\n',
  "a: 'one\ntwo'\n",
  'a: "one\ntwo"\n',
  'a:\n  b: "x\n  y"\n',
  '"k\n  x": 1\n',
  'a: "x\\q\n  y"\n',
  'a: "x\n  y" z\n',
  'a: ["x\n  y"]\n',
  'a: "x\n',
  "a: 'one\n  two'x\n",
  '? a\n: b\n',
  '%YAML 1.2\n---\na: 1\n',
  'a:\n\tb: 1\n',
  'a: [b,\n  c\t]\n',
  'a: b\rc\n',
  'a: "\\x4"\n',
  'a: "\\U00110000"\n',
  'a: "\\q"\n',
  '- x\n# c\n-\n- a\n',
  '- x\n# c\n-\n',
  'a: [,]\n',
  'a: [b,,]\n',
  'a: [b\n  c]\n',
  'a: [b,\nc]\n',
  'x:\n  a: [b,\n  c]\n',
  'x:\n  a: [b,\n ]\n',
  'x:\n  a: [[b,\n  ], c]\n',
  'a: [b,\n# c\n  d]\n',
  'a: [b,\n  c\n',
  'a: {b\n  : c}\n',
  'a: {b:\n  c}\n',
  'a: [b,\n...\n]\n',
  'a: [b,\n  c] d\n',
  'a: [b,#c\n  d]\n',
  'a: [b: c]\n',
  'a: [b:]\n',
  'a: [b #c]\n',
  'a: [b, #c]\n',
  'a: [-:x]\n',
  'a: [:]\n',
  'a: [:,x]\n',
  'a: :\n',
  'a: ::\n',
  ': a\n',
  'a: {b: c:}\n',
  'a: {b:c}\n',
  'a: {[b]: c}\n',
  'a: [[b]: c]\n',
  'a: [[b]:c]\n',
  'a: [&x [b]]\n',
  'a: [!t [b]]\n',
  'a: [[b] [c]]\n',
  'a: [[b]\n',
  'a: ' + '['.repeat(200) + ']'.repeat(200) + '\n',
  'a: b: c\n',
  'a: b:\n',
  'a:\n  # c\n  {}\n',
  'a:\n  # c\n...\n',
  'a:\n  |\n    x\n',
  '---\n\n',
  'a: {x}\n',
  '- a\nb: c\n',
  'a: b\n- c\n',
  'a: b\n   c: d\n',
  'a:\n...\n',
  '# c\n...\n',
  'a: 1\n...\nb: 2\n',
  'plain scalar\n',
  'a: b\na: c\n'.replace('a: c', 'a: "unterminated'),
];

test('accepted edge cases are read as the library reads them', () => {
  for (const text of ACCEPTED) assert.ok(assertEquivalent(text), `accepted: ${JSON.stringify(text)}`);
});

test('text outside the subset is declined', () => {
  for (const text of DECLINED) assert.equal(compareWithLibrary(text).kind, 'declined', JSON.stringify(text));
});

test("the reader's aliases are the library's: they resolve, convert and refuse tags as its own do", () => {
  const doc = readBlockYaml('a: &x {k: 1}\nb: *x\nc: [*x]\n', STREAM_OPTIONS, MAX_YAML_DEPTH)!;
  const alias = doc.get('b', true);
  assert.ok(isAlias(alias) && alias instanceof Alias);
  assert.equal(alias.resolve(doc), doc.get('a', true));
  assert.deepEqual(doc.toJS(), { a: { k: 1 }, b: { k: 1 }, c: [{ k: 1 }] });
  assert.throws(() => {
    (alias as { tag?: string }).tag = '!t';
  }, /Alias nodes cannot have tags/);
});

test("the reader's nodes are the library's classes with the library's own keys and ranges; a collection's schema is its document's, and they clone and edit", () => {
  const text = 'a: &x {k: 1}\nb: [x, 2]\nc:\n  - d: e\nf: 1.50\nn: ~\nt: true\n';
  const doc = readBlockYaml(text, STREAM_OPTIONS, MAX_YAML_DEPTH)!;
  const library = YAML.parseDocument(text, STREAM_OPTIONS);
  const nodes = (d: YAML.Document): unknown[] => {
    const out: unknown[] = [];
    YAML.visit(d, (_key, node) => void out.push(node));
    return out;
  };
  const read = nodes(doc);
  const expected = nodes(library);
  assert.equal(read.length, expected.length);
  read.forEach((node, i) => {
    const other = expected[i] as object;
    assert.equal(Object.getPrototypeOf(Object.getPrototypeOf(node)), Object.getPrototypeOf(other));
    // Comments and flags the library sets are left out (see yamlEquivalence.ts); keys of its own are kept
    // but `range`, which the reader's nodes make when it is read.
    const keys = (n: object) => Object.keys(n).filter((k) => (n as Record<string, unknown>)[k] !== undefined && !/comment|spaceBefore|^range$/i.test(k));
    assert.deepEqual(keys(node as object).sort(), keys(other).sort(), JSON.stringify(node));
    assert.equal(JSON.stringify(node), JSON.stringify(other));
    assert.deepEqual((node as { range?: unknown }).range, (other as { range?: unknown }).range);
  });
  for (const d of [doc, library]) {
    const map = d.get('a', true) as YAML.YAMLMap;
    assert.equal(map.schema, d.schema);
    const copy = map.clone();
    assert.ok(YAML.isMap(copy) && copy.schema === d.schema);
    assert.ok(copy.range !== map.range && copy.range!.join() === map.range!.join());
    copy.range![2] = 0;
    assert.notEqual(map.range![2], 0);
    copy.set('z', 2);
    assert.deepEqual([copy.toJSON(), map.toJSON()], [{ k: 1, z: 2 }, { k: 1 }]);
  }
});

test("plain scalars are resolved by the document's own schema, whatever character they start with", () => {
  const text = 'a: yes\nb: On\nc: 0b101\nd: 1_000\ne: ~\nf: Null\ng: .5\nh: -.inf\ni: 0o17\nj: 0x1F\nk: +1e3\nl: null\nm: é\nn: y\n';
  for (const schema of ['core', 'yaml-1.1', 'json', 'failsafe'] as const) {
    const options = { ...STREAM_OPTIONS, schema };
    const library = YAML.parseDocument(text, options);
    if (library.errors.length + library.warnings.length > 0) continue;
    const read = readBlockYaml(text, options, MAX_YAML_DEPTH);
    if (read) assert.deepEqual(read.toJS(), library.toJS(), schema);
  }
  assert.ok(assertEquivalent(text));
});

test("a plain scalar starting with a character none of the core schema's tests can start with is read as a string without running them", () => {
  const tests = (new YAML.Document().schema.tags as unknown as Array<{ test?: RegExp }>).flatMap((t) => (t.test ? [t.test] : []));
  let runs = 0;
  const spies = tests.map((re) => {
    const own = re.test;
    re.test = (value: string) => (runs++, own.call(re, value));
    return () => void (re.test = own);
  });
  try {
    readBlockYaml('image: busybox\nports: [http, "80"]\n', STREAM_OPTIONS, MAX_YAML_DEPTH, newPlainMemory());
    assert.equal(runs, 0);
    readBlockYaml('n: 80\n', STREAM_OPTIONS, MAX_YAML_DEPTH, newPlainMemory());
    assert.ok(runs > 0);
  } finally {
    for (const restore of spies) restore();
  }
});

test('every document of the in-repository corpus is read as the library reads it, or declined', () => {
  let accepted = 0;
  let documents = 0;
  for (const file of filesUnder(IN_REPO_CORPUS).filter((f) => /\.ya?ml$/.test(f))) {
    for (const part of splitDocuments(fs.readFileSync(file, 'utf8'))) {
      if (part.text.trim() === '') continue;
      documents++;
      if (assertEquivalent(part.text)) accepted++;
    }
  }
  // Most real documents are plain block YAML: a reader that declined everything would prove nothing.
  assert.ok(documents > 20 && accepted >= documents / 2, `${accepted} of ${documents} documents accepted in ${path.basename(IN_REPO_CORPUS)}`);
});

test('documents nesting past the limit are still refused, and those below it read', () => {
  const nested = (depth: number): string => Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}k${i}:\n`).join('') + `${'  '.repeat(depth)}v: 1\n`;
  assert.ok(isTooDeep(parseYamlDocument(nested(MAX_YAML_DEPTH + 5), STREAM_OPTIONS)));
  assert.ok(isTooDeep(parseYamlDocument('- '.repeat(MAX_YAML_DEPTH + 5) + 'x\n', STREAM_OPTIONS)));
  assert.ok(readBlockYaml(nested(MAX_YAML_DEPTH - 10), STREAM_OPTIONS, MAX_YAML_DEPTH));
  assert.ok(assertEquivalent(nested(MAX_YAML_DEPTH - 10)));
});

test("the reader's time grows linearly with the document, blank lines and lines it looks ahead over included", () => {
  const unit = (i: number): string =>
    `k${i}:\n  plain: value ${i}\n  multi: first\n    second\n\n\n\n  block: |\n    line\n\n    line\n\n\n  list:\n  - "q\\"x"\n  - [a, 'b']\n    # absorbed\n  # trailing\n  below:\n    {}\n  flow: [\n    a:1, {b: [c]},\n    # c\n  ]\n`;
  const documentOf = (n: number): string => Array.from({ length: n }, (_, i) => unit(i)).join('');
  assert.ok(assertEquivalent(documentOf(3)), 'the unit is inside the subset');
  assertNearLinear(documentOf, (text) => readBlockYaml(text, STREAM_OPTIONS, MAX_YAML_DEPTH), { n: 2000 });
});

// ---------------------------------------------------------------- generated block YAML

/** An anchor written before a node (`&a`), or none (null). */
type Anchor = string | null;
/** A tag written before a scalar (`!!str`), or none (null). */
type Tag = string | null;
type Scalar = { kind: 'scalar'; text: string; style: 'plain' | 'single' | 'double'; anchor: Anchor; tag: Tag };
type AliasLeaf = { kind: 'alias'; name: string };
type Leaf = Scalar | AliasLeaf;
type Block = { kind: 'block'; header: string; lines: string[] };
type Flow = { kind: 'flow-seq'; items: FlowItem[] } | { kind: 'flow-map'; entries: Array<[Leaf, FlowItem]> };
type FlowItem = Leaf | Flow;
type Tree = FlowItem | Block | { kind: 'map'; entries: Array<[Scalar, Tree]>; anchor: Anchor } | { kind: 'seq'; items: Tree[]; anchor: Anchor };

// Ordinary scalars, and (less often) ones that look like other things: indicators, comments, colons,
// numbers, quotes, odd characters.
const ORDINARY = ['a', 'b c', '', 'null', '~', 'true', 'False', '0x1F', '0o17', '1e3', '.inf', '-.5', '+1', '-1', '-x', 'a:b', 'a#b', "it's", 'x]', 'x,y', 'ü', '<<', '\\d+', 'a\\"b', '\\\\', 'a\\nb'];
// Plain scalars whose `:` and `#` do not end them in a flow collection either.
const COLONS = ['http://a:1', 'a :b', 'a:#'];
const ODD = [
  '- x',
  'a: b',
  'a #b',
  'x:',
  ':x',
  '?x',
  '? x',
  '"d"',
  '[x]',
  '{y}',
  '&a',
  '*a',
  '!t',
  '|',
  '>',
  '%x',
  '@x',
  '`x',
  '#x',
  'a\tb',
  ' x',
  'x ',
  '---',
  '...',
  '\\',
  '\u2028',
  '\u0085',
  'a\rb',
  '\\x41',
  '\\u263A',
  '\\q',
  'a\\',
];
// Anchor and alias names: ordinary ones, and the empty name, a trailing colon, flow indicators.
const NAMES = ['a', 'a', 'common', 'x.y-z', '', 'a:', 'a,b', 'a]'];
const anchor: fc.Arbitrary<Anchor> = fc.oneof({ arbitrary: fc.constant(null), weight: 5 }, { arbitrary: fc.constantFrom(...NAMES), weight: 1 });
// Tags: the schema's own, others, and ones written oddly.
const TAGS = ['!!str', '!!str', '!!int', '!!bool', '!!null', '!!float', '!Ref', '!', '!!', '!!str!'];
const tag: fc.Arbitrary<Tag> = fc.oneof({ arbitrary: fc.constant(null), weight: 8 }, { arbitrary: fc.constantFrom(...TAGS), weight: 1 });
const scalar: fc.Arbitrary<Scalar> = fc.record({
  kind: fc.constant('scalar' as const),
  text: fc.oneof({ arbitrary: fc.constantFrom(...ORDINARY, ...COLONS), weight: 6 }, { arbitrary: fc.constantFrom(...ODD), weight: 1 }),
  style: fc.constantFrom('plain' as const, 'plain' as const, 'single' as const, 'double' as const),
  anchor,
  tag,
});
const leaf: fc.Arbitrary<Leaf> = fc.oneof({ arbitrary: scalar, weight: 4 }, { arbitrary: fc.record({ kind: fc.constant('alias' as const), name: fc.constantFrom(...NAMES) }), weight: 1 });
// Block scalars with headers in and out of the subset, and plain, quoted and flow values with lines
// below them, the lines continuing them, ending them or looking like structure.
const block: fc.Arbitrary<Block> = fc.record({
  kind: fc.constant('block' as const),
  header: fc.constantFrom('|', '|-', '>', '>-', '|+', '|2', '| # c', '>+', 'x', 'a b', 'x # c', 'x  ', "'q'", "'q ", "'it''s", '"d', '"d\\', '"d  ', '[y]', '!!str |', '!!str x', '!!int 1'),
  lines: fc.array(
    fc.constantFrom(
      'x',
      'y z',
      '',
      '',
      '  more',
      '# c',
      'x # c',
      '- a',
      'k: v',
      'k:',
      'a:b',
      '   ',
      ' ',
      'z  ',
      '"q"',
      "x'",
      "y' # c",
      "'' z",
      "z'x",
      '[x] y',
      '*a',
      '? x',
      '---',
      'x\\',
      'y"',
      'z" # c',
      '\\"q',
      '\\ ',
      '#\tc',
      '\tx',
      'x\ty',
    ),
    {
      minLength: 1,
      maxLength: 5,
    },
  ),
});
// Flow collections of scalars, aliases and (less often) flow collections.
const { flowTree } = fc.letrec<{ flowTree: Flow; flowItem: FlowItem }>((tie) => ({
  flowTree: fc.oneof(
    { depthSize: 'small' },
    fc.record({ kind: fc.constant('flow-seq' as const), items: fc.array(tie('flowItem'), { maxLength: 3 }) }),
    fc.record({ kind: fc.constant('flow-map' as const), entries: fc.array(fc.tuple(leaf, tie('flowItem')), { maxLength: 3 }) }),
  ),
  flowItem: fc.oneof({ depthSize: 'small', withCrossShrink: true }, { arbitrary: leaf, weight: 3 }, { arbitrary: tie('flowTree'), weight: 1 }),
}));
const { root } = fc.letrec<{ tree: Tree; root: Tree }>((tie) => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, block, flowTree, tie('root')),
  root: fc.oneof(
    fc.record({ kind: fc.constant('map' as const), entries: fc.array(fc.tuple(scalar, tie('tree')), { minLength: 1, maxLength: 4 }), anchor }),
    fc.record({ kind: fc.constant('seq' as const), items: fc.array(tie('tree'), { minLength: 1, maxLength: 4 }), anchor }),
  ),
}));

/** Block YAML for `root`, its layout (indents, spaces, comments, blank lines) drawn from `choices`. */
function render(root: Tree, choices: number[]): string {
  let k = 0;
  const pick = (n: number): number => choices[k++ % choices.length] % n;
  const lines: string[] = [];
  const props = (a: Anchor): string => (a === null ? '' : `&${a}${' '.repeat(pick(3))}`);
  const tagged = (t: Tag): string => (t === null ? '' : `${t}${' '.repeat(pick(3))}`);
  const text = (s: Leaf): string =>
    s.kind === 'alias' ? `*${s.name}` : props(s.anchor) + tagged(s.tag) + (s.style === 'plain' ? s.text : s.style === 'single' ? `'${s.text.replaceAll("'", "''")}'` : `"${s.text}"`);
  const sp = (): string => ['', ' ', '  '][pick(3)];
  const trail = (): string => ['', '', '', ' ', '  # c', ' #c', '#c'][pick(7)];
  /** Between a flow collection's tokens: spaces or, less often, a line break (after a comment) and the next line's indentation, not always deeper than `indent`. */
  const gap = (indent: number): string => (pick(6) === 0 ? `${['', ' ', ' # c'][pick(3)]}\n${' '.repeat(indent + pick(4))}` : sp());
  /** A flow value in a block collection at `indent`; sometimes with a trailing comma. */
  const inline = (t: FlowItem, indent: number): string => {
    if (t.kind === 'scalar' || t.kind === 'alias') return text(t);
    const comma = (n: number): string => (n > 0 && pick(6) === 0 ? `,${gap(indent)}` : '');
    if (t.kind === 'flow-seq') return `[${gap(indent)}${t.items.map((i) => inline(i, indent) + gap(indent)).join(`,${gap(indent)}`)}${comma(t.items.length)}]`;
    return `{${gap(indent)}${t.entries.map(([key, v]) => `${text(key)}:${' '.repeat(1 + pick(2))}${inline(v, indent)}${gap(indent)}`).join(`,${gap(indent)}`)}${comma(t.entries.length)}}`;
  };
  const flow = (t: Tree, indent: number): string | undefined => (t.kind === 'map' || t.kind === 'seq' || t.kind === 'block' ? undefined : inline(t, indent));
  const between = (): void => {
    const kind = pick(10);
    if (kind === 0) lines.push('');
    else if (kind === 1) lines.push(`${' '.repeat(pick(8))}${['# x', '#\tx', '# x\t# y'][pick(3)]}`);
    else if (kind === 2) lines.push(' '.repeat(1 + pick(3)));
  };
  /** Writes `t` at column `indent`; its first line starts with `first` instead of the indentation. */
  const block = (t: Tree, indent: number, first = ' '.repeat(indent)): void => {
    if (t.kind === 'map' || t.kind === 'seq') {
      const entries: Array<[string, Tree]> = t.kind === 'map' ? t.entries.map(([key, v]) => [text(key) + (pick(10) === 0 ? ' ' : '') + ':', v]) : t.items.map((v) => ['-', v]);
      entries.forEach(([head, v], i) => {
        const start = (i === 0 ? first : ' '.repeat(indent)) + head;
        const inline = flow(v, indent);
        if (v.kind === 'block') {
          lines.push(`${start} ${v.header}`);
          const inner = indent + pick(4);
          // A quoted header's value is often closed on its last line.
          const quote = /^["']/.test(v.header) && pick(2) === 0 ? v.header[0] : '';
          v.lines.forEach((line, i) => lines.push((line.trim() === '' ? line : ' '.repeat(inner) + line) + (i === v.lines.length - 1 ? quote : '')));
        } else if (inline !== undefined && pick(6) === 0) {
          // On the line below, more indented (as Helm renders `resources:\n  {}`).
          lines.push(start + trail());
          between();
          lines.push(' '.repeat(indent + pick(4)) + inline + trail());
        } else if (inline !== undefined) lines.push(`${start}${inline === '' ? '' : ' '.repeat(1 + pick(2))}${inline}${trail()}`);
        else if (t.kind === 'seq' && pick(2) === 0) {
          const gap = 1 + pick(2);
          block(v, indent + 1 + gap, start + ' '.repeat(gap));
        } else {
          const anchored = (v.kind === 'map' || v.kind === 'seq') && v.anchor !== null ? ` &${v.anchor}` : '';
          lines.push(start + anchored + trail());
          between();
          const compact = t.kind === 'map' && v.kind === 'seq' && pick(3) === 0;
          block(v, compact ? indent : indent + 1 + pick(4));
        }
        between();
      });
    } else lines.push(first + flow(t, indent));
  };
  if (pick(4) === 0) lines.push(['---', '--- # c', '---  '][pick(3)]);
  // Sometimes no content: comments and blank lines only (a licence header, a template that rendered nothing).
  if (pick(12) === 0) for (let i = pick(4); i >= 0; i--) between();
  else block(root, 0);
  if (pick(8) === 0) lines.push(['...', '... # c', '...  '][pick(3)]);
  if (pick(4) === 0) between();
  const lineBreak = pick(4) === 0 ? '\r\n' : '\n';
  const out = lines.join('\n').replaceAll('\n', lineBreak) + (pick(5) === 0 ? '' : lineBreak);
  // Sometimes a small mutation: a character inserted or removed anywhere.
  const edit = pick(8);
  const at = pick(out.length + 1);
  if (edit === 0) return out.slice(0, at) + [' ', '-', ':', '#', '\n', '"', "'", '[', ' '.repeat(2), ']', ','][pick(11)] + out.slice(at);
  if (edit === 1) return out.slice(0, at) + out.slice(at + 1);
  return out;
}

test('generated block YAML is read as the library reads it, or declined', () => {
  let accepted = 0;
  let runs = 0;
  fc.assert(
    fc.property(root, fc.array(fc.nat(999), { minLength: 64, maxLength: 64 }), (root, choices) => {
      runs++;
      if (assertEquivalent(render(root, choices))) accepted++;
    }),
    { numRuns: 3000 },
  );
  // The generator must reach the reader's accepting paths, not only its refusals.
  assert.ok(accepted > runs / 10, `${accepted} of ${runs} generated documents accepted`);
});

// Lines drawn at random from keys, items, comments and blank lines at a few indents: empty values and
// what their ranges take in (comments, blank lines, indentation) depend on layout alone.
const LAYOUT_LINES = ['a:', 'b: 1', 'c: # c', '-', '- d', '- e:', 'f: &x', '- &y', 'g: |', '\th', '# c', '#\tc', '', '  ', '...'];
test('generated layouts of empty values, comments and blank lines are read as the library reads them, or declined', () => {
  let accepted = 0;
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.nat(6), fc.constantFrom(...LAYOUT_LINES)), { minLength: 1, maxLength: 10 }), fc.boolean(), (lines, crlf) => {
      const text = lines.map(([indent, line]) => ' '.repeat(indent) + line).join(crlf ? '\r\n' : '\n') + '\n';
      if (assertEquivalent(text)) accepted++;
    }),
    { numRuns: 3000 },
  );
  assert.ok(accepted > 100, `${accepted} generated layouts accepted`);
});
