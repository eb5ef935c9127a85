// Noise on the real corpus with default settings: findings per 100 lines by severity, and the most
// frequent rules per file kind (the ones to check by hand first). Each corpus file is analyzed as its
// own workspace, so cross-file rules see what a single file holds. The corpus: `--corpus DIR`,
// $BENCH_CORPUS, ../shared/corpus, else test/corpus. Helm: chart templates judged with their values
// and without (the same file alone), on the corpus's templates and on the `helm create`-style charts
// of test/fixtures/helm-charts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, memoryHost, mergeConfig, type Severity, type WorkspaceHost } from '../server/src/engine/index';
import { chooseCorpus, filesUnder } from '../scripts/corpus';
import { REPO_ROOT } from '../scripts/generated';
import { CHART_YAML } from '../test/harness/helmChart';

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

const config = mergeConfig();

/** Findings per 100 lines by severity, and per rule, over analyses of texts. */
class Tally {
  lines = 0;
  readonly bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  readonly byRule = new Map<string, { count: number; files: Set<string>; severity: Severity }>();

  add(file: string, text: string, findings: ReadonlyArray<{ ruleId: string; severity: Severity }>): void {
    this.lines += text.split('\n').length;
    for (const f of findings) {
      this.bySeverity[f.severity]++;
      const entry = this.byRule.get(f.ruleId) ?? { count: 0, files: new Set<string>(), severity: f.severity };
      entry.count++;
      entry.files.add(file);
      this.byRule.set(f.ruleId, entry);
    }
  }

  per100(n: number): string {
    return ((100 * n) / this.lines).toFixed(2);
  }

  summary(): string {
    return `per 100 lines: error ${this.per100(this.bySeverity.error)}, warning ${this.per100(this.bySeverity.warning)}, info ${this.per100(this.bySeverity.info)}`;
  }

  top(): void {
    for (const [id, e] of [...this.byRule].sort((a, b) => b[1].count - a[1].count).slice(0, TOP)) {
      console.log(`  ${id.padEnd(7)} ${e.severity.padEnd(8)} ${String(e.count).padStart(5)} findings in ${String(e.files.size).padStart(4)} files (${this.per100(e.count)} per 100 lines)`);
    }
  }
}

/**
 * Chart templates with their values over the same files alone. The corpus keeps each chart's templates
 * but neither its values nor its helpers: there they render in a chart of their sibling templates with an
 * empty values.yaml (Helm's output without values). The fixture charts carry both.
 */
function helmNoise(): void {
  const corpusDir = path.join(CORPUS, 'k8s-helm-templates');
  const charts: Array<{ name: string; templates: Array<{ path: string; text: string }>; host: WorkspaceHost }> = [];
  if (fs.existsSync(corpusDir)) {
    const files = filesUnder(corpusDir).map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }));
    const inChart = Object.fromEntries(files.map(({ file, text }) => [`/ws/${path.basename(path.dirname(file))}/templates/${path.basename(file)}`, text]));
    const chartFiles = {
      ...inChart,
      ...Object.fromEntries(
        [...new Set(Object.keys(inChart).map((p) => p.replace(/\/templates\/.*/, '')))].flatMap((dir) => [
          [`${dir}/Chart.yaml`, CHART_YAML],
          [`${dir}/values.yaml`, ''],
        ]),
      ),
    };
    charts.push({ name: `${corpusDir} (empty values)`, templates: Object.entries(inChart).map(([p, text]) => ({ path: p, text })), host: memoryHost(chartFiles, '/ws') });
  }
  const fixtures = path.join(REPO_ROOT, 'test', 'fixtures', 'helm-charts');
  const fixtureFiles = Object.fromEntries(filesUnder(fixtures).map((f) => [f, fs.readFileSync(f, 'utf8')]));
  const templates = Object.entries(fixtureFiles).filter(([p]) => /\/templates\/.*\.ya?ml$/.test(p));
  charts.push({ name: `${fixtures} (their values)`, templates: templates.map(([p, text]) => ({ path: p, text })), host: memoryHost(fixtureFiles, fixtures) });
  for (const chart of charts) {
    const withValues = new Tally();
    const alone = new Tally();
    for (const { path: file, text } of chart.templates) {
      withValues.add(file, text, analyze({ uri: file, languageId: 'yaml', text, workspace: chart.host }, config).findings);
      alone.add(file, text, analyze({ uri: file, languageId: 'yaml', text, workspace: memoryHost({ [file]: text }, path.dirname(file)) }, config).findings);
    }
    console.log(`\nhelm: ${chart.templates.length} templates, ${withValues.lines} lines of ${chart.name}`);
    console.log(`  with values ${withValues.summary()}`);
    console.log(`  alone       ${alone.summary()}`);
    withValues.top();
  }
}

function main(): void {
  if (!fs.existsSync(CORPUS)) return console.log(`noise: ${CORPUS} not found`);
  for (const set of SETS) {
    const tally = new Tally();
    const list = files(path.join(CORPUS, set.dir));
    for (const file of list) {
      const text = fs.readFileSync(file, 'utf8');
      const uri = `/corpus/${set.name}`;
      tally.add(file, text, analyze({ uri, languageId: set.languageId, text, workspace: memoryHost({ [uri]: text }, '/corpus') }, config).findings);
    }
    console.log(`\n${set.dir}: ${list.length} files, ${tally.lines} lines; ${tally.summary()}`);
    tally.top();
  }
  helmNoise();
}

main();
