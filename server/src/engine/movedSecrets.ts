// Fixes that take a credential out of a committed file keep it: the value is written to a file of
// the workspace, created by the same fix, and Git is told to ignore that file. A plan, one per
// analysis, records what the fixes of that analysis write, so two findings never claim one file for
// different values, and the next run finds its files in place and writes nothing (idempotent).
import gitignore from 'ignore';
import type { FileEdit } from './model';
import type { WorkspaceFacts } from './workspace/facts';
import { relativeInside } from './workspace/paths';
import { gitIgnoreEdit } from './edits/files';

/** Candidate names tried for one value before the fix gives up (and stays display-only). */
export const MAX_NAME_CANDIDATES = 20;

/**
 * The .gitignore that decides whether Git commits `path`: its repository's (see WorkspaceFacts.gitIgnored),
 * or outside any repository the one beside the document, so that a later `git init` there leaves the file out.
 */
function ignoreStatus(facts: WorkspaceFacts, path: string): { ignored: boolean; file: { dir: string; text?: string } } {
  const git = facts.gitIgnored(path);
  if (git) return { ignored: git.ignored, file: git.nearest };
  const dir = facts.documentDir;
  const text = facts.read(`${dir}/.gitignore`);
  const relative = relativeInside(dir, path);
  return { ignored: text !== undefined && relative !== undefined && relative !== '' && gitignore().add(text).ignores(relative), file: { dir, text } };
}

/** Whether Git leaves `path` out of commits (see ignoreStatus). */
export function gitIgnores(facts: WorkspaceFacts, path: string): boolean {
  return ignoreStatus(facts, path).ignored;
}

/** The files that keep the values the fixes of one analysis move, with the text each fix relies on. */
export class MovedSecretsPlan {
  private readonly kept = new Map<string, string>();

  constructor(readonly facts: WorkspaceFacts) {}

  /** The text `path` will have: as a fix of this analysis leaves it, else as it is. */
  textOf(path: string): string | undefined {
    return this.kept.get(path) ?? this.facts.read(path);
  }

  /** Records that a fix of this analysis keeps values in `path`, leaving `text` there (written or found). */
  keep(path: string, text: string): void {
    this.kept.set(path, text);
  }

  /**
   * One .gitignore edit per ignore file for every file keeping values that Git does not ignore yet. Each fix carries all of them (identical edits): `scan --fix` writes one edit per file and
   * pass, so entries split across fixes would take a pass each.
   */
  ignoreEdits(): FileEdit[] {
    const byFile = new Map<string, { file: { dir: string; text?: string }; paths: string[] }>();
    for (const path of this.kept.keys()) {
      const status = ignoreStatus(this.facts, path);
      if (status.ignored) continue;
      const group = byFile.get(status.file.dir) ?? { file: status.file, paths: [] };
      group.paths.push(path);
      byFile.set(status.file.dir, group);
    }
    return [...byFile.values()].map((g) => gitIgnoreEdit(g.file, g.paths));
  }
}
