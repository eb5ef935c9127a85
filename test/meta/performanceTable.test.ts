// The README's performance table is the committed bench record rendered (generated.test.ts checks it is
// current); here: the record is a whole run with every figure of issue 15, and the table judges targets.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../../scripts/generated';
import { readBenchRecord, relative, renderPerformanceTable, type BenchRecord } from '../../scripts/performanceTable';

const record = readBenchRecord(REPO_ROOT);

test('the committed bench record holds every figure of issue 15, each with its peer from the same run', () => {
  for (const key of ['dockerfile1500', 'manifest5000', 'compose300'] as const) {
    assert.deepEqual(
      record.editLatency[key].map((r) => r.name.split(' ')[0]),
      ['bulkhead', 'bulkhead', key === 'dockerfile1500' ? 'docker-langserver' : 'yaml-language-server'],
      key,
    );
  }
  assert.deepEqual(
    record.startUp.map((s) => s.name.split(' ')[0]),
    ['bulkhead', 'docker-langserver', 'yaml-language-server'],
  );
  assert.deepEqual(
    record.dockerfileProcesses.map((p) => p.name),
    ['bulkhead', 'dockerfilelint', 'dockerfile-utils'],
  );
  if (record.quick) return; // a --quick record measures fewer sizes
  for (const jobs of new Set([1, record.cores]))
    assert.deepEqual(
      record.scaling.filter((r) => r.jobs === jobs).map((r) => r.files),
      [1_000, 2_500, 5_000, 10_000, 20_000],
      `scan sizes on ${jobs} thread(s)`,
    );
});

test('the README table shows the record: a figure, its peer, the ratio, and whether the target is met', () => {
  const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  assert.ok(readme.includes(renderPerformanceTable(record)));
  assert.equal(relative(10, 25), '2.5× faster');
  assert.equal(relative(30, 20), '1.5× slower');
  const latency = (name: string, median: number) => ({ name, median, p95: median, payloadBytes: 1024, rssMb: 80 });
  const judged = (ours: number, peer: number) => {
    const table = renderPerformanceTable({
      ...record,
      editLatency: { ...record.editLatency, dockerfile1500: [latency('bulkhead', ours), latency('bulkhead 0', ours), latency('docker-langserver', peer)] },
    });
    return table.split('\n').find((l) => l.includes('1,500-line Dockerfile, default settings'));
  };
  assert.match(judged(20, 27)!, /1\.4× faster \| ≤ peer \| met \|$/);
  assert.match(judged(54, 27)!, /2\.0× slower \| ≤ peer \| \*\*not met\*\* \|$/);
});

test('a record without a 10,000-file scan says so instead of judging it', () => {
  const partial: BenchRecord = { ...record, scaling: record.scaling.filter((r) => r.files < 10_000) };
  assert.match(renderPerformanceTable(partial), /\| CLI scan, 10,000 files \| not measured/);
});

test("policies, Helm values and a values edit are judged against their own issues' targets", () => {
  const latency = (name: string, median: number) => ({ name, median, p95: median, payloadBytes: 1024, rssMb: 80 });
  const table = (valuesMs: number, ratio: number) =>
    renderPerformanceTable({
      ...record,
      admission: { policies: 50, lines: 5_000, addedOverParse: 0.8 },
      helmValues: { lines: 1_650, ratio },
      helmValuesEdit: { values: [latency('bulkhead', valuesMs)], template: [latency('bulkhead', 40)] },
    });
  assert.match(table(120, 1.7), /added over one full parse \| 0\.80× \| — \| — \| ≤ 1× \| met \|/);
  assert.match(table(120, 1.7), /with its values over without them \(CPU, median of paired runs\) \| 1\.70× \| — \| — \| ≤ 2× \| met \|/);
  assert.match(table(120, 2.5), /with its values over without them \(CPU, median of paired runs\) \| 2\.50× \| — \| — \| ≤ 2× \| \*\*not met\*\* \|/);
  assert.match(table(120, 1.7), /open template's diagnostics.*\| 3\.0× its own edit \| within the former fixed debounce \(≤ 200 ms\) \| met \|/);
  assert.match(table(260, 1.7), /open template's diagnostics.*\| \*\*not met\*\* \|/);
});

test('inputs of about 2 MB are judged by the CPU time of their first analysis; a record without them says so', () => {
  const { largeInputs: _, ...withoutLarge } = record;
  assert.match(renderPerformanceTable(withoutLarge), /\| inputs of about 2 MB, first analysis in a fresh process \| not measured \| — \| — \| ≤ 1\.0 s CPU \| — \|/);
  const large = (cpuMs: number) => ({ name: 'compose-services', file: 'compose.yaml', bytes: 2_000_158, first: { cpuMs, wallMs: 700 } });
  const table = (cpuMs: number) => renderPerformanceTable({ ...record, largeInputs: [large(cpuMs)] });
  assert.match(
    table(950),
    /\| 2\.0 MB `compose\.yaml` \(compose-services\), first analysis in a fresh process as the CLI runs it: CPU \(all threads\) \/ wall \| 950 ms \/ 700 ms \| — \| — \| ≤ 1\.0 s CPU \| met \|/,
  );
  assert.match(table(1350), /\(compose-services\).*\| 1350 ms \/ 700 ms \| — \| — \| ≤ 1\.0 s CPU \| \*\*not met\*\* \|/);
  // A record from before the V8-defaults and whole-process measures: those cells say so.
  assert.match(table(950), /\n\| 2\.0 MB `compose\.yaml` \(compose-services\) \| 950 ms \/ 700 ms \| not measured \| not measured \|/);
  const measuredEveryWay = renderPerformanceTable({ ...record, largeInputs: [{ ...large(900), firstDefaults: { cpuMs: 1100, wallMs: 650 }, cli: { cpuMs: 1050, wallMs: 800 } }] });
  assert.match(measuredEveryWay, /\n\| 2\.0 MB `compose\.yaml` \(compose-services\) \| 900 ms \/ 700 ms \| 1100 ms \/ 650 ms \| 1050 ms \/ 800 ms \|/);
});
