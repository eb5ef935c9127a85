// The parse cache holds each file's latest version only, within a cap on the heap its parses keep
// (estimated from their text; test/engine/cacheSizes.test.ts checks the estimate): an editor sends a new
// version per keystroke.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze, forgetParses, SourceFile } from '../../server/src/engine/index';
import { parseYamlStream } from '../../server/src/engine/parse/yaml';
import { parseCacheSize, parseFileDocuments, parseHeap, PARSE_CACHE_LIMIT, PARSE_HEAP_PER_CHAR } from '../../server/src/engine/parse/yamlCache';
import { parseYamlDocument } from '../../server/src/engine/parse/yamlDocument';

const parse = (text: string) => parseYamlDocument(text);
const edited = { edited: true };
const configMap = (lines: number, version: number): string => {
  let text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: v${version}\ndata:\n`;
  for (let i = 0; i < lines; i++) text += `  key${i}: value-${version}-${i}\n`;
  return text;
};

test('editing a large document keeps one parse of it, not one per version', () => {
  const uri = 'file:///w/big.yaml';
  let text = '';
  for (let version = 0; version < 120; version++) {
    text = configMap(2000, version);
    parseFileDocuments(uri, [text], parse, edited);
  }
  assert.equal(parseCacheSize(), parseHeap(text));
  forgetParses(uri);
  assert.equal(parseCacheSize(), 0);
});

test('the cache stays under its cap however many large files pass through it', () => {
  const large = 'x'.repeat(PARSE_CACHE_LIMIT / PARSE_HEAP_PER_CHAR / 8 + 1);
  let parses = 0;
  const count = (text: string) => (parses++, parseYamlDocument(text.slice(0, 10)));
  for (let file = 0; file < 40; file++) {
    parseFileDocuments(`file:///w/${file}.yaml`, [`${file}${large}`], count, edited);
    assert.ok(parseCacheSize() <= PARSE_CACHE_LIMIT, `${parseCacheSize()} > ${PARSE_CACHE_LIMIT}`);
  }
  assert.equal(parses, 40);
  // The most recent files are still there; the oldest were dropped.
  parseFileDocuments('file:///w/39.yaml', [`39${large}`], count, edited);
  parseFileDocuments('file:///w/0.yaml', [`0${large}`], count, edited);
  assert.equal(parses, 41);
  // A version larger than the cap is parsed but not kept.
  const huge = 'y'.repeat(PARSE_CACHE_LIMIT / PARSE_HEAP_PER_CHAR + 1);
  parseFileDocuments('file:///w/huge.yaml', [huge], count, edited);
  parseFileDocuments('file:///w/huge.yaml', [huge], count, edited);
  assert.equal(parses, 43);
  for (let file = 0; file < 40; file++) forgetParses(`file:///w/${file}.yaml`);
  assert.equal(parseCacheSize(), 0);
});

test('an unchanged document of a stream reuses its parse; the edited one is parsed again', () => {
  const src = (text: string) => new SourceFile('file:///w/stream.yaml', text, false, true);
  const [a1, b1, c1] = parseYamlStream(src('a: 1\n---\nb: 1\n---\nc: 1\n')).documents;
  const [a2, b2, c2] = parseYamlStream(src('a: 1\n---\nb: 2\n---\nc: 1\n')).documents;
  assert.equal(a2.doc, a1.doc);
  assert.notEqual(b2.doc, b1.doc);
  assert.equal(c2.doc, c1.doc);
  // A document inserted before others shifts them: they are still found by their text.
  const [a3, , b3, c3] = parseYamlStream(src('a: 1\n---\nz: 0\n---\nb: 2\n---\nc: 1\n')).documents;
  assert.equal(a3.doc, a1.doc);
  assert.equal(b3.doc, b2.doc);
  assert.equal(c3.doc, c1.doc);
});

test('documents of the same text each have a parse of their own, kept for the next version', () => {
  const src = (text: string) => new SourceFile('file:///w/copies.yaml', text, false, true);
  const copy = '---\nkind: Pod\n';
  const before = parseCacheSize();
  const [a1, b1, c1] = parseYamlStream(src(`${copy}${copy}---\nkind: Job\n`)).documents;
  // Rules tell written values apart by node: copies sharing nodes would be one place (identicalDocuments.test.ts).
  assert.notEqual(b1.doc, a1.doc);
  const [a2, b2, c2] = parseYamlStream(src(`${copy}${copy}---\nkind: CronJob\n`)).documents;
  assert.equal(a2.doc, a1.doc);
  assert.equal(b2.doc, b1.doc);
  assert.notEqual(c2.doc, c1.doc);
  // A third copy is parsed; the two kept parses still serve the first two.
  const [a3, b3, c3] = parseYamlStream(src(`${copy}${copy}${copy}`)).documents;
  assert.deepEqual([a3.doc === a1.doc, b3.doc === b1.doc, c3.doc !== a1.doc && c3.doc !== b1.doc], [true, true, true]);
  assert.equal(parseCacheSize() - before, 3 * parseHeap(copy));
  forgetParses('file:///w/copies.yaml');
});

test('a file no one edits keeps no parses; a reading of an edited file reuses and refreshes its own', () => {
  const before = parseCacheSize();
  // A scan (CLI, workspace scan) analyzes each file once, and the workspace index reads files no one edits.
  const scanned = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: nginx:1.27}]\n';
  analyze({ uri: 'file:///w/scanned.yaml', text: scanned, incremental: false });
  parseYamlStream(new SourceFile('/w/indexed.yaml', 'kind: Namespace\n'));
  assert.equal(parseCacheSize(), before);
  // The editor's analysis keeps the file's parses; the index's reading of its next version (by path) refreshes them.
  const uri = 'file:///w/edited.yaml';
  analyze({ uri, text: scanned });
  assert.equal(parseCacheSize() - before, parseHeap(scanned));
  const next = `${scanned}---\nkind: Namespace\n`;
  const read = parseYamlStream(new SourceFile('/w/edited.yaml', next)).documents;
  assert.equal(parseCacheSize() - before, parseHeap(scanned) + parseHeap('---\nkind: Namespace\n'));
  const again = parseYamlStream(new SourceFile(uri, next, false, true)).documents;
  assert.deepEqual(
    again.map((d, i) => d.doc === read[i].doc),
    [true, true],
  );
  forgetParses(uri);
  assert.equal(parseCacheSize(), before);
});

test('a file read by path (the workspace index) shares the entry of its document URI', () => {
  const text = 'kind: Pod\n';
  const [byUri] = parseYamlStream(new SourceFile('file:///w/shared.yaml', text, false, true)).documents;
  const [byPath] = parseYamlStream(new SourceFile('/w/shared.yaml', text)).documents;
  assert.equal(byPath.doc, byUri.doc);
  forgetParses('file:///w/shared.yaml');
  const [again] = parseYamlStream(new SourceFile('/w/shared.yaml', text)).documents;
  assert.notEqual(again.doc, byUri.doc);
});

test("a file's rendering (a Helm template with its values) keeps its parses beside the file's own", () => {
  const uri = 'file:///w/chart/templates/app.yaml';
  const before = parseCacheSize();
  const written = (text: string) => parseYamlStream(new SourceFile(uri, text, false, true)).documents.map((d) => d.doc);
  const rendered = (text: string) => parseYamlStream(new SourceFile(uri, text, true, true)).documents.map((d) => d.doc);
  const [, ownB] = written('a: ⁠⁠⁠\n---\nb: 1\n');
  const [renderedA, renderedB] = rendered('a: x\n---\nb: 1\n');
  // The template is edited in its first document: each side reuses its parse of the second.
  const [, ownB2] = written('a: ⁠⁠⁠⁠\n---\nb: 1\n');
  const [renderedA2, renderedB2] = rendered('a: xy\n---\nb: 1\n');
  assert.notEqual(renderedA2, renderedA);
  assert.equal(ownB2, ownB);
  assert.equal(renderedB2, renderedB);
  // Both are held, as one file's entry: closing the file drops both.
  assert.equal(parseCacheSize() - before, parseHeap('a: ⁠⁠⁠⁠\n') + parseHeap('a: xy\n') + 2 * parseHeap('---\nb: 1\n'));
  forgetParses(uri);
  assert.equal(parseCacheSize(), before);
});

test('the file just read, read again by its path (the workspace index), gets the same documents; another text or a closed file is read anew', () => {
  const text = 'kind: Pod\n---\nkind: Service\n';
  const analysed = parseYamlStream(new SourceFile('file:///w/again.yaml', text, false, true));
  const indexed = parseYamlStream(new SourceFile('/w/again.yaml', text.slice(0, -1) + '\n'));
  assert.equal(indexed, analysed);
  assert.notEqual(parseYamlStream(new SourceFile('/w/again.yaml', text.replace('Pod', 'Job'))), analysed);
  const other = parseYamlStream(new SourceFile('file:///w/again.yaml', text, false, true));
  assert.notEqual(other, analysed, 'read after another text');
  assert.equal(other.documents[1].doc, analysed.documents[1].doc, 'a document the versions share keeps its parse');
  forgetParses('file:///w/again.yaml');
  assert.notEqual(parseYamlStream(new SourceFile('/w/again.yaml', text)), other);
});
