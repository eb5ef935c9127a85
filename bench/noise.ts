// Noise on the real corpus with default settings: findings per 100 lines by severity, and the most
// frequent rules per file kind (the ones to check by hand first). Each corpus file is analyzed as its
// own workspace, so cross-file rules see what a single file holds. The corpus: `--corpus DIR`,
// $BENCH_CORPUS, ../shared/corpus, else test/corpus.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, memoryHost, mergeConfig, type Severity } from '../server/src/engine/index';
import { chooseCorpus } from '../scripts/corpus';

const CORPUS = chooseCorpus();
const SETS = [
  { dir: 'dockerfiles', name: 'Dockerfile', languageId: 'dockerfile' },
  { dir: 'compose', name: 'compose.yaml', languageId: 'dockercompose' },
  { dir: 'k8s', name: 'manifest.yaml', languageId: 'yaml' },
];
const TOP = 10;

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

function main(): void {
  if (!fs.existsSync(CORPUS)) return console.log(`noise: ${CORPUS} not found`);
  const config = mergeConfig();
  for (const set of SETS) {
    let lines = 0;
    const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
    const byRule = new Map<string, { count: number; files: Set<string>; severity: Severity }>();
    const list = files(path.join(CORPUS, set.dir));
    for (const file of list) {
      const text = fs.readFileSync(file, 'utf8');
      lines += text.split('\n').length;
      const uri = `/corpus/${set.name}`;
      const result = analyze({ uri, languageId: set.languageId, text, workspace: memoryHost({ [uri]: text }, '/corpus') }, config);
      for (const f of result.findings) {
        bySeverity[f.severity]++;
        const entry = byRule.get(f.ruleId) ?? { count: 0, files: new Set<string>(), severity: f.severity };
        entry.count++;
        entry.files.add(file);
        byRule.set(f.ruleId, entry);
      }
    }
    const per100 = (n: number) => ((100 * n) / lines).toFixed(2);
    console.log(`\n${set.dir}: ${list.length} files, ${lines} lines; per 100 lines: error ${per100(bySeverity.error)}, warning ${per100(bySeverity.warning)}, info ${per100(bySeverity.info)}`);
    for (const [id, e] of [...byRule].sort((a, b) => b[1].count - a[1].count).slice(0, TOP)) {
      console.log(`  ${id.padEnd(7)} ${e.severity.padEnd(8)} ${String(e.count).padStart(5)} findings in ${String(e.files.size).padStart(4)} files (${per100(e.count)} per 100 lines)`);
    }
  }
}

main();
