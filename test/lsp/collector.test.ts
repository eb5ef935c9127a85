// The server's collector: a full collection after each megabyte of analyzed text, with V8's `gc`
// obtained at run time (the server is not started with --expose-gc).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { Collector, obtainGc } from '../../server/src/lsp/collector';

test('a collection runs once a megabyte of text has been analyzed since the last one', () => {
  let collections = 0;
  const collector = new Collector(() => collections++);
  collector.analyzed(600_000);
  assert.equal(collections, 0);
  collector.analyzed(600_000);
  assert.equal(collections, 1);
  for (let i = 0; i < 99; i++) collector.analyzed(10_000);
  assert.equal(collections, 1, 'small documents add up before the next one');
  collector.analyzed(100_000);
  assert.equal(collections, 2);
});

test('gc is obtained without --expose-gc and really frees garbage', () => {
  const gc = obtainGc();
  assert.equal(typeof gc, 'function');
  gc!();
  const before = process.memoryUsage().heapUsed;
  const heapWithGarbage = (): number => {
    const garbage = Array.from({ length: 200_000 }, (_, i) => ({ i, s: `item-${i}` }));
    assert.equal(garbage.length, 200_000);
    return process.memoryUsage().heapUsed; // taken while the array is live; it is garbage once this returns
  };
  assert.ok(heapWithGarbage() > before + 5 * 1024 * 1024);
  gc!();
  assert.ok(process.memoryUsage().heapUsed < before + 2 * 1024 * 1024, 'the garbage is gone after the collection');
});
