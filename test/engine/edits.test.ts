// The helpers issue 10 folded into engine/edits/: one removeListEntries (Kubernetes and Compose), one
// diff of two texts (fix-all and Harden to restricted), one fix loop, the unused-suppression removal.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { applyEdits, diffEdit, removeComment } from '../../server/src/engine/edits/text';
import { fixInPasses, fixInPassesWriting, fixPasses, MAX_FIX_PASSES } from '../../server/src/engine/edits/fixes';
import { removeListEntries } from '../../server/src/engine/edits/yaml';
import { SourceFile } from '../../server/src/engine/source';
import { isScalar, parseYamlStream, type Node } from '../../server/src/engine/parse/yaml';
import type { Fix } from '../../server/src/engine/model';
import { analyze, DEFAULT_CONFIG, fixAll } from '../../server/src/engine/index';

/** The pair `key` of the top-level map, the map, and the list items whose value is in `values`. */
function listOf(text: string, key: string, values: string[]) {
  const doc = parseYamlStream(new SourceFile('t.yaml', text)).documents[0];
  const map = doc.contents as Node;
  const pair = doc.pair(map, key)!;
  const items = doc.items(doc.deref(pair.value)).filter((i) => isScalar(i) && values.includes(String(i.value)));
  return { doc, map, pair, items };
}

const removing = (text: string, key: string, values: string[], options?: { keepKey?: boolean }): string => {
  const { doc, map, pair, items } = listOf(text, key, values);
  return applyEdits(
    text,
    removeListEntries(doc, map, pair, items, options).map((e) => e!),
  );
};

test("removeListEntries: some items in the list's own style, the whole key when none is left", () => {
  assert.equal(removing('add: [NET_RAW, CHOWN]\nx: 1\n', 'add', ['NET_RAW']), 'add: [CHOWN]\nx: 1\n');
  assert.equal(removing('add:\n  - NET_RAW\n  - CHOWN\nx: 1\n', 'add', ['NET_RAW']), 'add:\n  - CHOWN\nx: 1\n');
  assert.equal(removing('add: [NET_RAW, CHOWN]\nx: 1\n', 'add', ['NET_RAW', 'CHOWN']), 'x: 1\n');
});

test('removeListEntries with keepKey empties a list other places may name instead of unkeying it', () => {
  assert.equal(removing('add: [NET_RAW, CHOWN]\nx: 1\n', 'add', ['NET_RAW', 'CHOWN'], { keepKey: true }), 'add: []\nx: 1\n');
  assert.equal(removing('add: [NET_RAW, CHOWN]\nx: 1\n', 'add', ['NET_RAW'], { keepKey: true }), 'add: [CHOWN]\nx: 1\n');
});

test('diffEdit replaces only the lines that changed, whatever the line breaks', () => {
  for (const eol of ['\n', '\r\n']) {
    const before = ['a: 1', 'b: 2', 'c: 3', ''].join(eol);
    const after = ['a: 1', 'b: 20', 'b2: 21', 'c: 3', ''].join(eol);
    const src = new SourceFile('t.yaml', before);
    const edit = diffEdit(src, after);
    assert.deepEqual(edit.range, { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } });
    assert.equal(edit.newText, `b: 20${eol}b2: 21${eol}`);
    assert.equal(applyEdits(before, [edit]), after);
  }
  const src = new SourceFile('t.yaml', 'x');
  assert.equal(applyEdits('x', [diffEdit(src, 'x\ny')]), 'x\ny', 'a file without a final line break');
});

test('removeComment: the whole line when the comment is alone on it, else the comment and the blanks before it', () => {
  const text = 'a: 1   # bulkhead-ignore K8S001\n# bulkhead-ignore K8S002\nb: 2\n';
  const src = new SourceFile('t.yaml', text);
  const trailing = removeComment(src, { start: { line: 0, character: 7 }, end: { line: 0, character: 31 } });
  assert.equal(applyEdits(text, [trailing]), 'a: 1\n# bulkhead-ignore K8S002\nb: 2\n');
  const own = removeComment(src, { start: { line: 1, character: 0 }, end: { line: 1, character: 24 } });
  assert.equal(applyEdits(text, [own]), 'a: 1   # bulkhead-ignore K8S001\nb: 2\n');
});

/** A fix appending one `x` at the end of a text. */
const appendX = (text: string): Fix => {
  const end = new SourceFile('t', text).positionAt(text.length);
  return { title: 'x', applicability: 'safe', edits: [{ range: { start: end, end }, newText: 'x' }] };
};

test('fixInPasses re-finds after each pass, stops when nothing is left, and is bounded', () => {
  const upToThree = fixInPasses(
    't',
    '',
    (text) => text,
    (text) => (text.length < 3 ? [appendX(text)] : []),
  );
  assert.deepEqual(upToThree, { text: 'xxx', applied: 3, found: 'xxx', outOfRoom: false });
  const endless = fixInPasses(
    't',
    '',
    (text) => text,
    (text) => [appendX(text)],
  );
  assert.equal(endless.text.length, MAX_FIX_PASSES);
  assert.equal(endless.found, endless.text, 'what is found on the result');
});

test('the fix loop leaves out fixes that would grow the text past maxLength, and applies the others', () => {
  const capitalA: Fix = { title: 'A', applicability: 'safe', edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, newText: 'A' }] };
  const fixed = fixInPasses(
    't',
    'ab',
    (text) => text,
    (text) => (text.startsWith('a') ? [capitalA, appendX(text)] : [appendX(text)]),
    undefined,
    { maxLength: 2 },
  );
  assert.deepEqual(fixed, { text: 'Ab', applied: 1, found: 'Ab', outOfRoom: true });
  assert.equal(
    fixInPasses(
      't',
      '',
      (text) => text,
      (text) => [appendX(text)],
      undefined,
      { maxLength: 4 },
    ).text,
    'xxxx',
  );
});

test('fixAll never makes a file larger than the engine analyzes: the fixes that would are left for the user', () => {
  const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n${'    - name: c\n      image: nginx:1.27\n'.repeat(20)}`;
  const config = { ...DEFAULT_CONFIG, maxFileBytes: text.length + 200 };
  const input = { uri: 'file:///w/pod.yaml', text };
  const unbounded = fixAll(input, DEFAULT_CONFIG, ['safe', 'unsafe']);
  assert.ok(unbounded.text.length > config.maxFileBytes && !unbounded.outOfRoom, 'the fixes would take it past the limit');
  const fixed = fixAll(input, config, ['safe', 'unsafe']);
  assert.ok(fixed.outOfRoom && fixed.applied > 0 && fixed.text.length <= config.maxFileBytes, `${fixed.text.length} chars, ${fixed.applied} fixes applied`);
  assert.notEqual(analyze({ ...input, text: fixed.text }, config).skipped, `larger than ${config.maxFileBytes} bytes`);
  assert.equal(fixAll({ ...input, text: fixed.text }, config, ['safe', 'unsafe']).text, fixed.text, 'and fixing again changes nothing');
});

test('the fix loop starts from findings the caller already has: only fixed texts are analyzed again', async () => {
  const analyzed: string[] = [];
  const find = (text: string) => (analyzed.push(text), text);
  const fixesOf = (text: string) => (text.length < 2 ? [appendX(text)] : []);
  const fixed = await fixInPassesWriting('t', '', find, fixesOf, async () => true, { known: { found: '' } });
  assert.deepEqual(fixed, { text: 'xx', applied: 2, found: 'xx', outOfRoom: false });
  assert.deepEqual(analyzed, ['x', 'xx'], 'the unchanged text is not analyzed again');
  analyzed.length = 0;
  await fixInPassesWriting('t', '', find, fixesOf, async () => true);
  assert.deepEqual(analyzed, ['', 'x', 'xx'], 'without them, the loop analyzes the text first');
});

test("fixPasses hands other files' edits to the host, one per file, before any text edit; a refusal stops only those fixes", () => {
  const moveOut = (text: string): Fix => ({
    ...appendX(text),
    fileEdits: [
      { path: '/w/a', create: false, edits: [] },
      { path: '/w/a', create: false, edits: [] },
    ],
  });
  const loop = fixPasses(
    't',
    '',
    (text) => text,
    (text) => (text.length < 2 ? [moveOut(text)] : []),
  );
  const first = loop.next();
  assert.deepEqual(first.value, [{ path: '/w/a', create: false, edits: [] }], 'one edit per file per pass');
  const afterRefusal = loop.next(false);
  assert.deepEqual(afterRefusal, { done: true, value: { text: '', applied: 0, found: '', outOfRoom: false } }, 'no text edit of a move whose file was not written');
  assert.throws(
    () =>
      fixInPasses(
        't',
        '',
        (text) => text,
        (text) => [moveOut(text)],
      ),
    /no writer/,
  );
});
