// Where the real-file corpora are and how their files are read. Two corpora share one layout:
// `../shared/corpus` beside the checkout (about 5,000 files, local reference material, never shipped) and
// `test/corpus` in the repository (49 files whose licenses allow redistribution, see its NOTICE.md).
// Their curated folders name files by origin (`<owner>__<repo>/<path with / → __>`), not by kind, so a
// file's kind comes from its folder, as an editor's language id would give it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { walkWorkspace } from '../server/src/host/workspace';
import { REPO_ROOT } from './generated';

export const SHARED_CORPUS = path.resolve(REPO_ROOT, '..', 'shared', 'corpus');
export const IN_REPO_CORPUS = path.join(REPO_ROOT, 'test', 'corpus');

/** Curated folder → the language id its files are analyzed with. */
export const CORPUS_FOLDERS: Readonly<Record<string, string>> = {
  dockerfiles: 'dockerfile',
  compose: 'dockercompose',
  k8s: 'yaml',
  'k8s-helm-templates': 'yaml',
};

/**
 * The corpus a bench reads: the one named by `--corpus DIR` or $BENCH_CORPUS, else the shared corpus when
 * it is there, else the one in the repository, so that a fresh clone can run the benches. Says which.
 */
export function chooseCorpus(): string {
  const option = parseArgs({ options: { corpus: { type: 'string' } }, strict: false }).values.corpus;
  const named = typeof option === 'string' ? option : process.env.BENCH_CORPUS;
  const [dir, why] = named ? [path.resolve(named), 'as named'] : fs.existsSync(SHARED_CORPUS) ? [SHARED_CORPUS, 'shared corpus'] : [IN_REPO_CORPUS, 'in-repository corpus'];
  console.log(`corpus: ${dir} (${why})`);
  return dir;
}

/** Files under `dir`, depth first, names in code-unit order (the same on every machine). */
export function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

export interface CorpusDocument {
  path: string;
  /** Set for files of a curated folder; other files are recognized by name, as the CLI does. */
  languageId?: string;
  /** Why a file found by the workspace walk cannot be read (too large, link out of the root…). */
  skipped?: string;
}

/**
 * Every file of `root` to analyze: all files of its curated folders, and the candidates the CLI's walk
 * finds elsewhere (e.g. the shared corpus's peer fixtures, or any project directory).
 */
export async function corpusDocuments(root: string, maxFileBytes: number, contains: (path: string) => boolean): Promise<CorpusDocument[]> {
  const abs = path.resolve(root);
  const folders = Object.keys(CORPUS_FOLDERS).filter((f) => fs.existsSync(path.join(abs, f)));
  const out: CorpusDocument[] = folders.flatMap((f) => filesUnder(path.join(abs, f)).map((file) => ({ path: file, languageId: CORPUS_FOLDERS[f] })));
  const walk = walkWorkspace([abs], { exclude: folders, maxFileBytes, contains });
  for await (const entry of walk) out.push({ path: entry.path, skipped: entry.skipped });
  return out;
}
