// The files the editor benches type into, assembled from the corpus (chooseCorpus) so they carry the
// findings real files carry: a long multi-stage Dockerfile, a long multi-document manifest, a Compose
// file of about 300 lines, and a workspace folder holding them beside corpus manifests so the server's
// workspace index is in play as it is in a user's repository.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { filesUnder } from '../scripts/corpus';

const lineCount = (text: string) => text.split('\n').length;
const read = (file: string) => fs.readFileSync(file, 'utf8');

/** Whole corpus Dockerfiles, in path order, one after the other until `lines` lines: a many-stage Dockerfile. */
export function corpusDockerfile(corpus: string, lines: number): string {
  const parts: string[] = [];
  let n = 0;
  for (const file of filesUnder(path.join(corpus, 'dockerfiles'))) {
    if (n >= lines) break;
    const text = read(file).trimEnd() + '\n';
    parts.push(text);
    n += lineCount(text);
  }
  return parts.join('\n');
}

/** Kubernetes documents of the corpus (templated files left out), in path order. */
function* corpusDocuments(corpus: string): Generator<string> {
  for (const file of filesUnder(path.join(corpus, 'k8s'))) {
    const text = read(file);
    if (text.includes('{{')) continue;
    for (const doc of text.split(/^---[ \t]*$/m)) if (/^kind:/m.test(doc) && doc.trim().length > 50) yield doc.trim() + '\n';
  }
}

/** Corpus documents as one stream, until `count` documents or `lines` lines, whichever comes first. */
export function corpusManifest(corpus: string, { count = Infinity, lines = Infinity }: { count?: number; lines?: number }): { text: string; documents: number } {
  const docs: string[] = [];
  let n = 0;
  for (const doc of corpusDocuments(corpus)) {
    if (docs.length >= count || n >= lines) break;
    docs.push(doc);
    n += lineCount(doc);
  }
  return { text: docs.join('---\n'), documents: docs.length };
}

/** The corpus Compose file whose length is nearest `lines` (ties: the first in path order). */
export function corpusCompose(corpus: string, lines: number): { text: string; file: string } {
  let best: { text: string; file: string; distance: number } | undefined;
  for (const file of filesUnder(path.join(corpus, 'compose'))) {
    const text = read(file);
    const distance = Math.abs(lineCount(text) - lines);
    if (!best || distance < best.distance) best = { text, file: path.relative(corpus, file), distance };
  }
  if (!best) throw new Error(`no Compose file under ${corpus}/compose`);
  return { text: best.text, file: best.file };
}

/** How many corpus manifests sit beside the edited files in the bench workspace. */
const NEIGHBOUR_MANIFESTS = 200;

/**
 * A temporary workspace folder: `files` (relative path → text) and, under `k8s/`, the first corpus
 * manifests, which the server's workspace index reads for the cross-file rules. Removed by the caller.
 */
export function benchWorkspace(corpus: string, files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-bench-'));
  const neighbours = filesUnder(path.join(corpus, 'k8s')).slice(0, NEIGHBOUR_MANIFESTS);
  const all: Array<[string, string]> = [...neighbours.map((f, i): [string, string] => [`k8s/${i}-${path.basename(f)}`, read(f)]), ...Object.entries(files)];
  for (const [rel, text] of all) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}
