// The language server's memory in an editing session (issue 9): a 1 MB ConfigMap opened, then 120
// one-character edits, each followed by a hover, over the real protocol with the default debounce.
// Prints the server process's peak RSS (target: under 400 MB) and the analyses it ran per edit.
//   npm run bench:memory   (BENCH_MEMORY_EDITS / BENCH_MEMORY_BYTES change the workload)
import { performance } from 'node:perf_hooks';
import { LspClient } from '../test/harness/lspClient';
import { editAndHover, largeConfigMap } from '../test/harness/serverMemory';

const EDITS = Number(process.env.BENCH_MEMORY_EDITS ?? 120);
const BYTES = Number(process.env.BENCH_MEMORY_BYTES ?? 1024 * 1024);
const MB = 1024 * 1024;

async function main(): Promise<void> {
  const text = largeConfigMap(BYTES);
  const client = new LspClient();
  try {
    // No initialization options: the debounce an editor gets.
    await client.initialize(undefined, {});
    const started = performance.now();
    const session = await editAndHover(client, 'file:///bench/settings.yaml', text, EDITS);
    const seconds = (performance.now() - started) / 1000;
    const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;
    console.log(`Server memory: ${(text.length / MB).toFixed(2)} MB ConfigMap, ${EDITS} edits with a hover after each (${seconds.toFixed(1)} s)`);
    console.log(`  RSS after open:   ${mb(session.opened.rss)}`);
    console.log(`  RSS at the end:   ${mb(session.ended.rss)}`);
    console.log(`  peak RSS:         ${mb(session.ended.peakRss)}`);
    console.log(`  analyses:         ${session.analyses} (${((session.analyses - 1) / EDITS).toFixed(2)} per edit)`);
  } finally {
    await client.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
