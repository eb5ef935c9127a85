// `--baseline-write FILE` records today's findings; `--baseline FILE` then reports only findings not in
// it, so CI fails on new problems while old ones are worked off (the editor shows them at hint level). Findings are matched by fingerprint
// (engine/fingerprint.ts: rule, object, normalized content of the reported lines), never by line number,
// and by file path relative to the baseline file's directory, so it works from any working directory.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fingerprintKeys, type Finding } from '../engine/index';
import { Boundary } from './boundary';

export const BASELINE_VERSION = 1;

/** The file on disk: per file (relative to the baseline's directory, `/`-separated), its findings. */
interface BaselineFile {
  version: number;
  tool: 'bulkhead';
  files: Record<string, Array<{ rule: string; fingerprint: string }>>;
}

/** node:crypto, loaded with the first fingerprint: a scan that needs none (text, JSON) starts without it. */
let crypto: typeof import('node:crypto') | undefined;

/** A finding's fingerprint: the hash of its key, short enough to read, long enough never to collide in practice. */
export function fingerprints(findings: readonly Finding[], text: string): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  crypto ??= require('node:crypto') as typeof import('node:crypto');
  const { createHash } = crypto;
  return fingerprintKeys(findings, text).map((key) => createHash('sha256').update(key).digest('hex').slice(0, 32));
}

/** A recorded finding: the absolute path of its file, its rule and its fingerprint. */
export interface BaselineEntry {
  file: string;
  rule: string;
  fingerprint: string;
}

/** Baseline keys are paths relative to the baseline file's directory, with `/`. */
const keyOf = (baselinePath: string, file: string): string =>
  path
    .relative(path.dirname(path.resolve(baselinePath)), file)
    .split(path.sep)
    .join('/');

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The baseline file's text: files and entries sorted, so a re-recorded baseline diffs cleanly. */
export function serializeBaseline(baselinePath: string, entries: readonly BaselineEntry[]): string {
  const files: BaselineFile['files'] = {};
  for (const e of entries) (files[keyOf(baselinePath, e.file)] ??= []).push({ rule: e.rule, fingerprint: e.fingerprint });
  const sorted = Object.fromEntries(
    Object.entries(files)
      .sort(([a], [b]) => byText(a, b))
      .map(([file, list]) => [file, list.sort((a, b) => byText(a.rule, b.rule) || byText(a.fingerprint, b.fingerprint))]),
  );
  return JSON.stringify({ version: BASELINE_VERSION, tool: 'bulkhead', files: sorted } satisfies BaselineFile, null, 2) + '\n';
}

/** Whether a finding (absolute file path, fingerprint) is recorded in a baseline. */
export type InBaseline = (file: string, fingerprint: string) => boolean;

/** Reads a baseline; errors name it by `label` (the CLI's option or the editor's setting). */
export async function readBaseline(baselinePath: string, label = `--baseline ${baselinePath}`): Promise<InBaseline> {
  const text = await fs.promises.readFile(baselinePath, 'utf8').catch((e: NodeJS.ErrnoException) => {
    throw new Error(`${label}: ${e.code ?? e.message}`);
  });
  let parsed: Partial<BaselineFile> | null;
  try {
    parsed = JSON.parse(text) as Partial<BaselineFile> | null;
  } catch (e) {
    throw new Error(`${label}: not JSON (${(e as Error).message})`);
  }
  if (parsed?.tool !== 'bulkhead' || parsed.version !== BASELINE_VERSION || typeof parsed.files !== 'object' || parsed.files === null) {
    throw new Error(`${label}: not a Bulkhead baseline (version ${BASELINE_VERSION}); write one with --baseline-write`);
  }
  const known = new Map<string, Set<string>>();
  for (const [file, list] of Object.entries(parsed.files)) {
    if (Array.isArray(list)) known.set(file, new Set(list.map((e) => String((e as { fingerprint?: unknown })?.fingerprint))));
  }
  return (file, fingerprint) => known.get(keyOf(baselinePath, file))?.has(fingerprint) ?? false;
}

/** What `bulkhead.baseline.file` gives in one workspace folder. */
export type FolderBaseline = { inBaseline: InBaseline } | { missing: string } | { problem: string };

/** Reads the editor's baseline `file` (relative to `folder`); nothing outside the folder is read, not by a `../` path, not through a link. */
export async function readFolderBaseline(folder: string, file: string): Promise<FolderBaseline> {
  const baselinePath = path.resolve(folder, file);
  const real = await fs.promises.realpath(baselinePath).catch(() => undefined);
  if (real === undefined) return { missing: baselinePath };
  if (!new Boundary([folder]).contains(baselinePath)) return { problem: `bulkhead.baseline.file ${file}: outside the workspace folder ${folder}, not read` };
  try {
    return { inBaseline: await readBaseline(real, `bulkhead.baseline.file ${baselinePath}`) };
  } catch (e) {
    return { problem: (e as Error).message };
  }
}
