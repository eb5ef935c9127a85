// What kustomizations cost (issue 11): the corpus manifests laid out in their repositories' directories
// (the corpus flattens paths with `__`), once plain and once with a kustomization in every directory that
// lists its manifests and its subdirectories, so every file is a base of every kustomization above it.
// The same files, analyzed the same way; only the kustomizations differ. Each run is a child process
// (cold caches), its CPU time measured around the analyses only; runs alternate plain and kustomized, and
// the ratio is taken pair by pair (a loaded machine slows both of a pair alike).
//   scan: every file of the workspace analyzed once, as `bulkhead scan` does.
//   edit: every file analyzed once, then keystrokes in manifests spread over the workspace (an editor's
//         buffer), each followed by the analysis of the edited file.
// Usage: node out/bench/kustomizeCost.js [--pairs N] [--edits N] [--keep] (--keep leaves the layouts on disk)
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { analyze, DEFAULT_CONFIG } from '../server/src/engine/index';
import { NodeWorkspaceHost } from '../server/src/host/workspaceHost';
import { chooseCorpus, filesUnder } from '../scripts/corpus';
import { cpuMsSince } from '../test/harness/cpuClock';

type Layout = 'plain' | 'kustomized';
type Mode = 'scan' | 'edit';

/**
 * Relative path → text: the corpus manifests at their original paths, and with `kustomized` a
 * `kustomization.yaml` in every directory listing the directory's manifests and subdirectories.
 */
export function corpusLayout(corpus: string, layout: Layout): Record<string, string> {
  const k8s = path.join(corpus, 'k8s');
  const files: Record<string, string> = {};
  for (const file of filesUnder(k8s)) files[path.relative(k8s, file).split('__').join('/')] = fs.readFileSync(file, 'utf8');
  if (layout === 'plain') return files;
  const entries = new Map<string, Set<string>>();
  for (const rel of Object.keys(files)) {
    // Each directory lists its own files and, up to the root, each directory lists the next one down.
    for (let child = rel, dir = path.posix.dirname(rel); ; child = dir, dir = path.posix.dirname(dir)) {
      const key = dir === '.' ? '' : dir;
      const listed = entries.get(key) ?? new Set<string>();
      entries.set(key, listed);
      listed.add(path.posix.basename(child));
      if (key === '') break;
    }
  }
  for (const [dir, listed] of entries) {
    files[path.posix.join(dir, 'kustomization.yaml')] = `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n${[...listed].map((e) => `  - ${e}\n`).join('')}`;
  }
  return files;
}

function writeLayout(files: Record<string, string>): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-kustomize-')));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}

/** One run in this process: CPU milliseconds of the analyses (scan) or of the edits after a scan (edit). */
function runHere(mode: Mode, root: string, edits: number): number {
  const overlay = new Map<string, string>();
  const host = new NodeWorkspaceHost({ roots: [root], maxFileBytes: 1 << 20, overlay: (p) => overlay.get(p), overlaidPaths: () => overlay.keys() });
  const files = host.yamlFiles();
  const analyzeFile = (file: string, incremental: boolean) => analyze({ uri: pathToFileURL(file).href, text: host.readFile(file) ?? '', workspace: host, incremental }, DEFAULT_CONFIG);
  const start = process.cpuUsage();
  for (const file of files) analyzeFile(file, false);
  if (mode === 'scan') return cpuMsSince(start);
  const manifests = files.filter((f) => !f.endsWith('/kustomization.yaml'));
  const editStart = process.cpuUsage();
  for (let i = 0; i < edits; i++) {
    // A comment typed at the end of a manifest: it changes the file's text, not its objects.
    const file = manifests[Math.floor((i * manifests.length) / edits)];
    overlay.set(file, `${host.readFile(file) ?? ''}\n# edit ${i}\n`);
    analyzeFile(file, true);
  }
  return cpuMsSince(editStart);
}

function runChild(mode: Mode, root: string, edits: number): number {
  const out = execFileSync(process.execPath, [__filename, '--child', mode, '--root', root, '--edits', String(edits)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return Number(out.trim());
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function main(): void {
  const { values } = parseArgs({
    options: {
      child: { type: 'string' },
      root: { type: 'string' },
      pairs: { type: 'string', default: '5' },
      edits: { type: 'string', default: '40' },
      keep: { type: 'boolean' },
      corpus: { type: 'string' },
    },
  });
  const edits = Number(values.edits);
  if (values.child) {
    process.stdout.write(`${runHere(values.child as Mode, values.root!, edits)}\n`);
    return;
  }
  const corpus = chooseCorpus();
  const roots = { plain: writeLayout(corpusLayout(corpus, 'plain')), kustomized: writeLayout(corpusLayout(corpus, 'kustomized')) };
  console.log(`layouts: ${roots.plain} (plain), ${roots.kustomized} (kustomized)`);
  try {
    for (const mode of ['scan', 'edit'] as const) {
      const ratios: number[] = [];
      for (let pair = 0; pair < Number(values.pairs); pair++) {
        // Alternating which goes first: a trend in the machine's load favours neither.
        const order: Layout[] = pair % 2 ? ['kustomized', 'plain'] : ['plain', 'kustomized'];
        const ms = Object.fromEntries(order.map((layout) => [layout, runChild(mode, roots[layout], edits)])) as Record<Layout, number>;
        ratios.push(ms.kustomized / ms.plain);
        console.log(`${mode} pair ${pair + 1}: plain ${ms.plain.toFixed(0)} ms, kustomized ${ms.kustomized.toFixed(0)} ms CPU, ${(ms.kustomized / ms.plain).toFixed(2)}×`);
      }
      console.log(
        `${mode}: kustomized / plain CPU, median ${median(ratios).toFixed(2)}× (min ${Math.min(...ratios).toFixed(2)}×, max ${Math.max(...ratios).toFixed(2)}×) over ${ratios.length} pairs${mode === 'edit' ? `, ${edits} edits each` : ''}`,
      );
    }
  } finally {
    if (!values.keep) for (const root of Object.values(roots)) fs.rmSync(root, { recursive: true, force: true });
  }
}

main();
