// One position model: LSP ranges (0-based lines, UTF-16 columns) whatever the line breaks,
// tabs, astral characters, heredocs or document boundaries.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, SourceFile, type Finding } from '../../server/src/engine/index';
import { splitDocuments } from '../../server/src/engine/parse/yaml';

const at = (f: Finding | undefined) => f && [f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character];
const first = (uri: string, text: string, ruleId: string) => analyze({ uri, text }).findings.find((f) => f.ruleId === ruleId);

test('SourceFile maps offsets on LF, CRLF and lone CR', () => {
  const src = new SourceFile('x', 'a\r\nbc\rd\ne');
  assert.deepEqual(src.positionAt(3), { line: 1, character: 0 });
  assert.equal(src.lineText(0), 'a');
  assert.equal(src.lineText(1), 'bc');
  assert.equal(src.lineText(2), 'd');
  assert.equal(src.lineText(3), 'e');
  assert.equal(src.eol, '\r\n');
  assert.equal(new SourceFile('x', 'a\nb').eol, '\n');
});

test('SourceFile positions are those of vscode-languageserver-textdocument, line breaks of every kind and out-of-range questions included', () => {
  const piece = fc.constantFrom('a', 'bc', '\n', '\r', '\r\n', '\n\r', '😀', ' ');
  fc.assert(
    fc.property(
      fc.array(piece, { maxLength: 30 }).map((parts) => parts.join('')),
      fc.integer({ min: -3, max: 40 }),
      fc.integer({ min: -2, max: 12 }),
      (text, offset, line) => {
        const src = new SourceFile('x', text);
        const doc = TextDocument.create('x', 'plaintext', 0, text);
        assert.equal(src.lineCount, doc.lineCount);
        assert.deepEqual(src.positionAt(offset), doc.positionAt(offset));
        for (const character of [-1, 0, 1, 2, 5, 100]) assert.equal(src.offsetAt({ line, character }), doc.offsetAt({ line, character }), `line ${line} character ${character}`);
      },
    ),
    { seed: 9, numRuns: 2000 },
  );
});

test("SourceFile.lineAt is positionAt's line, asked in any order (it searches from the line asked last)", () => {
  const text = 'a\r\nbc\rd\n\ne\r\n\r\nf';
  const offsets = [...Array(text.length + 4).keys()].map((o) => o - 2);
  const expected = (o: number) => new SourceFile('x', text).positionAt(o).line;
  for (const order of [offsets, [...offsets].reverse(), offsets.map((_, i) => offsets[(i * 7) % offsets.length])]) {
    const src = new SourceFile('x', text);
    for (const o of order) assert.equal(src.lineAt(o), expected(o), `offset ${o}`);
  }
});

test('UTF-16 columns after astral characters (YAML)', () => {
  const text = 'services:\n  "😀web":\n    image: nginx:1.27\n    labels: {e: "😀😀"}\n    privileged: true\n';
  assert.deepEqual(at(first('compose.yaml', text, 'DC001')), [4, 16, 4, 20]);
  const inline = 'services:\n  web: {labels: {e: "😀"}, privileged: true}\n';
  assert.deepEqual(at(first('compose.yaml', inline, 'DC001')), [1, 39, 1, 43]);
});

test('tabs count as one column', () => {
  const text = 'FROM alpine:3.20\n\tADD a.txt /a\n';
  assert.deepEqual(at(first('Dockerfile', text, 'DF006')), [1, 1, 1, 4]);
});

test('CRLF Dockerfile and YAML keep the same columns as LF', () => {
  const lf = 'FROM alpine:3.20\nRUN echo hi\nADD a.txt /a\n';
  assert.deepEqual(at(first('Dockerfile', lf.replace(/\n/g, '\r\n'), 'DF006')), at(first('Dockerfile', lf, 'DF006')));
  const y = 'services:\n  web:\n    privileged: true\n';
  assert.deepEqual(at(first('compose.yaml', y.replace(/\n/g, '\r\n'), 'DC001')), [2, 16, 2, 20]);
});

test('heredoc bodies do not shift later positions', () => {
  const text = 'FROM alpine:3.20\nRUN <<EOF\nset -e\necho "ADD x y"\nEOF\nADD a.txt /a\n';
  assert.deepEqual(at(first('Dockerfile', text, 'DF006')), [5, 0, 5, 3]);
});

test('escape directive (Windows backtick) and line continuations', () => {
  const text = '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN echo a `\n  b\nADD a.txt C:/a\n';
  assert.deepEqual(at(first('Dockerfile', text, 'DF006')), [4, 0, 4, 3]);
});

test('multi-document YAML: findings in later documents carry file positions', () => {
  const doc = (n: number) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p${n}\nspec:\n  containers:\n    - name: c\n      securityContext:\n        privileged: true\n`;
  const text = `${doc(0)}---\n${doc(1)}---\n# comment\n${doc(2)}`;
  const lines = analyze({ uri: 'all.yaml', text })
    .findings.filter((f) => f.ruleId === 'K8S001')
    .map((f) => f.range.start.line);
  assert.deepEqual(lines, [8, 18, 29]);
});

test('splitDocuments splits only at column-0 document markers', () => {
  const parts = splitDocuments('a: 1\n---\nb: |\n  ---\n  x\n--- # c\nc: 3\n---');
  assert.deepEqual(
    parts.map((p) => p.offset),
    [0, 5, 24, 37],
  );
  // A marker is `---` followed by a space, a tab, a line break or the end; the text's own first line starts no new part.
  assert.deepEqual(
    splitDocuments('---\na\n---x\n---\tb\n---\r\nc\n----\n---').map((p) => p.offset),
    [0, 11, 17, 29],
  );
});
