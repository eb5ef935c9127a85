// Message templates: placeholders filled from the data, as written when the data lacks them. The
// templates are split once and reused (findings are many, templates few): the result must not depend on it.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { formatMessage } from '../../server/src/engine/index';

test('placeholders are filled, with or without blanks inside the braces', () => {
  assert.equal(formatMessage('{{a}} and {{ b }} and {{a}}', { a: '1', b: '2' }), '1 and 2 and 1');
  assert.equal(formatMessage('no placeholder', { a: '1' }), 'no placeholder');
  assert.equal(formatMessage('{{a}}', { a: '' }), '');
});

test('a placeholder without data stays as written; values are inserted literally', () => {
  assert.equal(formatMessage('x {{ missing }} y', {}), 'x {{ missing }} y');
  assert.equal(formatMessage('[{{a}}]', { a: "$& $1 $' {{b}}", b: 'no' }), "[$& $1 $' {{b}}]");
});

test('the same template gives the same text every time, whatever the data before', () => {
  const template = 'Service {{service}} runs as {{ user }}.';
  for (const [service, user] of [
    ['web', 'root'],
    ['db', '0'],
    ['x', '{{user}}'],
  ]) {
    assert.equal(formatMessage(template, { service, user }), `Service ${service} runs as ${user}.`);
  }
  const long = `${'x'.repeat(5000)} {{a}}`;
  assert.equal(formatMessage(long, { a: 'y' }), `${'x'.repeat(5000)} y`);
});
