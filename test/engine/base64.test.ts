// The engine's base64 decoder (K8S083 reads a Secret's `data` with it) reads every string as Node's
// Buffer did before the engine stopped compiling against Node: same text, including malformed input.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeBase64Text } from '../../server/src/engine/parse/base64';

const viaBuffer = (text: string): string => Buffer.from(text, 'base64').toString('utf8');

test('decodes what Buffer decodes: UTF-8 text, padding, short groups, stray and URL-safe characters', () => {
  for (const text of ['', 'Q', 'QQ', 'QQE', 'QUJD', 'QQ==', 'QQ=', 'QUI=QUI', 'Q U\nJD', 'Q!Q', '-_-_', '4oCi4oCi', '/w==', '7aCA']) {
    assert.equal(decodeBase64Text(text), viaBuffer(text), JSON.stringify(text));
  }
  assert.equal(decodeBase64Text(Buffer.from('${DB_PASSWORD}').toString('base64')), '${DB_PASSWORD}');
});

test('agrees with Buffer on any encoded text and on arbitrary strings over the alphabet', () => {
  const encoded = fc.string({ unit: 'grapheme', maxLength: 40 }).map((s) => Buffer.from(s).toString('base64'));
  const bytes = fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b).toString('base64'));
  const noise = fc.string({ unit: fc.constantFrom(...'AZaz09+/-_= \n!é'), maxLength: 40 });
  fc.assert(
    fc.property(fc.oneof(encoded, bytes, noise), (text) => decodeBase64Text(text) === viaBuffer(text)),
    { seed: 10, numRuns: 2000 },
  );
});
