// The real files the mutation target starts from, read at run time from ../shared/corpus beside the
// repository. The corpus is reference material: it is never copied into the repository, and the
// fuzz run goes on without it (mutating generated files only) when it is absent.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { kindFromName } from '../../server/src/engine/index';

export interface CorpusFile {
  /** Path inside the corpus, for messages. */
  rel: string;
  /** The document name it is analyzed under: it decides the kind, as an editor's file name would. */
  document: string;
  text: string;
}

/** out/test/fuzz → the repository root → ../shared/corpus. */
export const CORPUS_DIR = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'corpus');

/** Curated folders name their files by kind; fixture files keep their own names. */
const DOCUMENT_BY_FOLDER: Record<string, string> = {
  dockerfiles: 'Dockerfile',
  compose: 'compose.yaml',
  k8s: 'k8s/manifest.yaml',
  'k8s-helm-templates': 'chart/templates/deployment.yaml',
};

function walk(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** Every analyzable corpus file in a stable order (the order seeds depend on), or undefined when the corpus is absent. */
export function loadCorpus(dir = CORPUS_DIR): CorpusFile[] | undefined {
  if (!fs.existsSync(dir)) return undefined;
  const out: CorpusFile[] = [];
  for (const folder of [...Object.keys(DOCUMENT_BY_FOLDER), 'fixtures']) {
    const root = path.join(dir, folder);
    if (!fs.existsSync(root)) continue;
    for (const file of walk(root)) {
      const base = path.basename(file);
      const document = DOCUMENT_BY_FOLDER[folder] ?? base;
      if (kindFromName(document) === 'unknown') continue;
      out.push({ rel: path.relative(dir, file), document, text: fs.readFileSync(file, 'utf8') });
    }
  }
  return out;
}
