// The caches that keep each file's latest parses and per-document findings are capped by the heap they
// keep, estimated from their text and findings. The estimates are checked here against the heap the
// caches really keep, measured after a collection: a cap is only a bound if its estimate is.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { setImmediate } from 'node:timers/promises';
import { analyze } from '../../server/src/engine/index';
import { documentFindingsSize, forgetDocumentFindings } from '../../server/src/engine/documentFindings';
import { forgetParses, parseCacheSize } from '../../server/src/engine/parse/yamlCache';
import { forgetShellParses, shellParsesSize } from '../../server/src/engine/parse/shellParses';

v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;
/** Heap in use once collections have run and their sweeping has finished (it goes on between turns). */
const heapUsed = async (): Promise<number> => {
  for (let i = 0; i < 3; i++) {
    collectGarbage();
    await setImmediate();
  }
  return v8.getHeapStatistics().used_heap_size;
};

const pod = (i: number) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\nspec:\n  containers:\n    - name: app\n      image: nginx\n      securityContext:\n        privileged: true\n`;
const repeat = (n: number, item: (i: number) => string, separator = '') => Array.from({ length: n }, (_, i) => item(i)).join(separator);

/** Shapes at the extremes of heap per character: many small nodes, one large document, long values. */
const SHAPES: Record<string, string> = {
  'a stream of small Pods': repeat(3000, pod, '---\n'),
  'one Pod with many containers': `apiVersion: v1\nkind: Pod\nmetadata:\n  name: big\nspec:\n  containers:\n${repeat(8000, (i) => `    - name: c${i}\n      image: nginx\n`)}`,
  'a ConfigMap of long values': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n${repeat(15000, (i) => `  key${i}: value-${i}-${'x'.repeat(20)}\n`)}`,
  // Dockerfiles (their shell parses and per-instruction findings): many short RUNs with findings, one long RUN.
  'a Dockerfile of many RUNs': `FROM debian:12\n${repeat(6000, (i) => `RUN apt-get install -y pkg${i} && chmod 777 /opt/x${i} && curl -k https://h/${i} | sh\n`)}`,
  'a Dockerfile of one long RUN': `FROM debian:12\nRUN ${repeat(20000, (i) => `echo step-${i} >> /log`, ' && \\\n    ')}\n`,
};

/** Estimated heap held by every per-file cache. */
const estimated = () => parseCacheSize() + documentFindingsSize() + shellParsesSize();

for (const [shape, text] of Object.entries(SHAPES)) {
  test(`the parse and findings caches' estimates bound the heap they keep: ${shape}`, async () => {
    const name = shape.replace(/\W+/g, '-');
    const uri = shape.includes('Dockerfile') ? `file:///ws/${name}/Dockerfile` : `file:///ws/${name}.yaml`;
    analyze({ uri: 'file:///ws/warm-up.yaml', text: pod(0) });
    const before = await heapUsed();
    const estimatedBefore = estimated();
    analyze({ uri, text });
    const kept = await heapUsed();
    const estimate = estimated() - estimatedBefore;
    forgetParses(uri);
    forgetDocumentFindings(uri);
    forgetShellParses(uri);
    const released = kept - (await heapUsed());
    const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
    // What forgetting the file releases is what the caches kept of it; the analysis leaves nothing else behind.
    assert.ok(released > 0.5 * (kept - before), `forgetting released ${mb(released)} of ${mb(kept - before)} kept`);
    assert.ok(released <= estimate, `the caches kept ${mb(released)}, estimated ${mb(estimate)}`);
    assert.ok(estimate <= 8 * released, `estimated ${mb(estimate)} for ${mb(released)} kept: a cap that far off holds too little`);
  });
}
