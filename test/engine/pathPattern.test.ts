// COPY source patterns follow Go's filepath.Match, segment by segment, and are never compiled into a
// RegExp: a source such as `[abc` used to throw "Invalid regular expression" inside XF002.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { patternCopies, segmentMatches } from '../../server/src/engine/parse/pathPattern';
import { copiesFile } from '../../server/src/engine/rules/cross/context';
import { analyze, memoryHost } from '../../server/src/engine/index';
import { assertNearLinear } from '../harness/complexity';

test('wildcards: * is any run, ? one character, neither crosses a segment', () => {
  assert.ok(segmentMatches('*.json', 'package.json'));
  assert.ok(segmentMatches('*', ''));
  assert.ok(segmentMatches('a*b*c', 'aXbYbZc'));
  assert.ok(!segmentMatches('a*b*c', 'aXbYbZ'));
  assert.ok(segmentMatches('file?.txt', 'file1.txt'));
  assert.ok(!segmentMatches('file?.txt', 'file.txt'));
  assert.ok(patternCopies('src/*.ts', 'src/a.ts'));
  assert.ok(!patternCopies('*.ts', 'src/a.ts'));
});

test('classes: ranges, ^ negation, escapes; characters that mean something in a RegExp are plain', () => {
  assert.ok(segmentMatches('[abc].env', 'b.env'));
  assert.ok(segmentMatches('[a-c]x', 'cx'));
  assert.ok(!segmentMatches('[^a-c]x', 'cx'));
  assert.ok(segmentMatches('[^a-c]x', 'dx'));
  assert.ok(segmentMatches('[\\]]', ']'));
  assert.ok(segmentMatches('\\*', '*'));
  assert.ok(!segmentMatches('\\*', 'a'));
  assert.ok(segmentMatches('a+(b)|c.$', 'a+(b)|c.$'));
  assert.ok(!segmentMatches('a.c', 'abc'));
});

test('patterns Go rejects match nothing and never throw', () => {
  for (const pattern of ['[abc', '[]', '[a-]', '[-a]', 'a\\', '[\\', '[^]']) {
    assert.equal(segmentMatches(pattern, 'a'), false, pattern);
  }
});

test('a matched directory brings what is under it', () => {
  assert.ok(copiesFile('conf*', 'config/secret.env'));
  assert.ok(copiesFile('[abc', '[abc') === false);
  assert.ok(copiesFile('app', 'app/x/y'));
  assert.ok(copiesFile('', 'anything'));
});

test('XF002: a COPY source with a bracket is matched, not compiled', () => {
  const workspace = memoryHost({ '/ws/.env': 'TOKEN=x\n', '/ws/[ab].env': 'x\n' }, '/ws');
  const text = 'FROM alpine:3.20\nCOPY [ab /app/\nCOPY *.env /app/\nUSER 10001\n';
  const r = analyze({ uri: 'file:///ws/Dockerfile', text, workspace });
  assert.deepEqual(r.ruleErrors, []);
});

test('matching time grows with pattern × name, not exponentially in the stars', () => {
  assertNearLinear(
    (n) => ({ pattern: `${'*a'.repeat(20)}*b`, name: 'a'.repeat(n) }),
    ({ pattern, name }) => segmentMatches(pattern, name),
    { n: 20_000 },
  );
});
