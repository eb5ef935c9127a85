// The dedent tag rule tests write multi-line inputs with.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { dedent } from '../harness/dedent';

test('dedent removes the common indentation and the framing line breaks, and ends with one line break', () => {
  assert.equal(
    dedent`
    services:
      web:
        image: «nginx»
  `,
    'services:\n  web:\n    image: «nginx»\n',
  );
});

test('dedent keeps blank lines, tabs inside lines and interpolated values', () => {
  const image = 'alpine:3.20';
  assert.equal(
    dedent`
      FROM ${image}

      RUN\tmake
  `,
    'FROM alpine:3.20\n\nRUN\tmake\n',
  );
});
