// The guarded parse (parse/yamlDocument.ts) steps the `yaml` library's Parser itself, lexeme by
// lexeme: whatever it feeds the Composer must be what the library's own parseDocument builds.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as YAML from 'yaml';
import fc from 'fast-check';
import { isTooDeep, parseWithLibrary } from '../../server/src/engine/parse/yamlDocument';

const OPTIONS = { uniqueKeys: false, strict: false, prettyErrors: false, keepSourceTokens: false } as const;

/** Every node with its kind, range, properties and (for scalars) value, and every error and warning. */
function dump(doc: YAML.Document.Parsed): unknown[] {
  const out: unknown[] = [];
  YAML.visit(doc, (key, node) => {
    const n = node as YAML.Node | YAML.Pair | null;
    if (n === null) out.push(['null', key]);
    else if (YAML.isPair(n)) out.push(['pair', key]);
    else out.push([n.constructor.name, key, n.range, n.anchor, n.tag, n.comment, n.commentBefore, YAML.isScalar(n) ? [n.type, n.source, String(n.value)] : YAML.isAlias(n) ? n.source : undefined]);
  });
  const problems = (list: YAML.YAMLError[]): unknown[] => list.map((e) => [e.code, e.pos, e.message]);
  return [out, problems(doc.errors), problems(doc.warnings), doc.range, doc.comment, doc.directives.docStart];
}

function assertSameAsLibrary(text: string): void {
  const ours = parseWithLibrary(text, OPTIONS);
  assert.ok(!isTooDeep(ours), 'the inputs here nest far less than the limit');
  assert.deepEqual(dump(ours), dump(YAML.parseDocument(text, OPTIONS)), JSON.stringify(text));
}

const SAMPLES = [
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x # comment\ndata:\n  a: "1"\n  b: |\n    line\n    line\n  c: >-\n    folded\n',
  'services:\n  web: &web\n    image: nginx:1.27\n    ports: ["80:80", {target: 81, published: 8081}]\n  api:\n    <<: *web\n    environment:\n      - A=b\n',
  '%YAML 1.2\n--- !!map\n? complex key\n: value\n? [a, b]\n: {c: d}\n...\n',
  "- 'single ''quoted'''\n- \"double \\\"quoted\\\" \\u263A\"\n-   plain\n    continued\n- !custom tagged\n- ~\n- 0x1F\n- 1e3\n",
  'a: [unclosed\nb: }\nc: "unterminated\n\t- tab\n',
  'key: value\n  bad indent: x\n- seq after map\n',
  '# only a comment\n',
  '',
  '---\na: 1\n---\nb: 2\n',
  'a:\n  - b\n  -\n  - - c\n    - d\n  - e: f\n    g: h\n',
];

test('the guarded parse builds the documents the library builds', () => {
  for (const text of SAMPLES) assertSameAsLibrary(text);
});

test('the guarded parse builds the documents the library builds, on generated YAML-like text', () => {
  const pieces = [
    'a',
    'b: ',
    ': ',
    '- ',
    '? ',
    '\n',
    '  ',
    '\t',
    '#c',
    '"q"',
    "'s'",
    '"',
    "'",
    '[',
    ']',
    '{',
    '}',
    ', ',
    '&x ',
    '*x',
    '!t ',
    '|\n',
    '>-\n',
    '---\n',
    '...\n',
    '%YAML 1.2\n',
    '<<: ',
    '1',
    'true',
    '~',
  ];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 60 }), (parts) => assertSameAsLibrary(parts.join(''))),
    { numRuns: 1500 },
  );
});
