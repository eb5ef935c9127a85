// The lifecycle table is data: every entry must parse and its dates be in order; the clock is injected.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { LIFECYCLE, LIFECYCLE_SNAPSHOT } from '../../server/src/engine/policy/lifecycle.generated';
import { LIFECYCLE_PRODUCTS } from '../../server/src/engine/policy/imageLifecycle';
import { analyze, mergeConfig } from '../../server/src/engine/index';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const valid = (d: string) => DATE.test(d) && !Number.isNaN(Date.parse(d)) && new Date(d).toISOString().startsWith(d);

test('the table holds every product the image mapping names, and says where it came from', () => {
  assert.match(LIFECYCLE_SNAPSHOT, /^[0-9a-f]{40} \(\d{4}-\d{2}-\d{2}\)$/);
  for (const id of LIFECYCLE_PRODUCTS) {
    assert.ok(LIFECYCLE[id]?.releases.length, `${id} has releases`);
    assert.equal(LIFECYCLE[id].source, `https://endoflife.date/${id}`);
  }
});

test('every release parses: a cycle, real dates, release before end of life before end of extended support', () => {
  for (const [id, { releases }] of Object.entries(LIFECYCLE)) {
    const cycles = new Set<string>();
    for (const r of releases) {
      const where = `${id} ${r.cycle}`;
      assert.match(r.cycle, /^[0-9A-Za-z.]+$/, where);
      assert.ok(!cycles.has(r.cycle), `${where} is listed once`);
      cycles.add(r.cycle);
      for (const d of [r.releaseDate, r.eol, r.eoes]) if (d !== undefined) assert.ok(valid(d), `${where}: ${d} is a date`);
      if (r.eol) assert.ok(r.releaseDate <= r.eol, `${where}: released before its end of life`);
      if (r.eol && r.eoes) assert.ok(r.eol <= r.eoes, `${where}: extended support ends after security support`);
    }
  }
});

test('the clock is injected: the same file is clean before the end, a warning (info) near it, an error after it', () => {
  const text = 'FROM php:8.2-fpm\nUSER 10001\n';
  const severities = ['2026-06-01', '2026-12-06', '2027-01-05'].map((today) =>
    analyze({ uri: 'file:///ws/Dockerfile', text }, mergeConfig({ today }))
      .findings.filter((f) => f.ruleId === 'DF040')
      .map((f) => f.severity),
  );
  assert.deepEqual(severities, [[], ['info'], ['error']]);
});
