// One file of a CLI scan: read from disk, analyzed, and with --fix its fixes written. The same on the
// main thread and on a worker of the analysis pool (which never fixes: fixes write files, so a scan
// with --fix runs on one thread).
import { pathToFileURL } from 'node:url';
import { analyze, isReportable, applyEdits, fixAllWriting, hasFixToApply, type Applicability, type EngineConfig, type FileEdit, type Finding } from '../engine/index';
import { fingerprints } from '../host/baseline';
import { readTextFileSync } from '../host/workspace';
import type { NodeWorkspaceHost } from '../host/workspaceHost';
import { editWorkspaceFile } from '../host/writeFile';

/**
 * What became of one file: not read (why), or analyzed (its findings, their fingerprints when asked for,
 * and what failed while fixing it).
 */
export type FileOutcome = { skipped: string } | { reportable: boolean; findings: Finding[]; errors: string[]; fingerprints?: string[] };

export interface CheckOptions {
  /** The fixes to apply (--fix), none when undefined. */
  fix?: Applicability[];
  /** Whether the report needs each finding's fingerprint (a baseline, SARIF): a hash per finding otherwise spared. */
  fingerprints: boolean;
}

export async function checkFile(file: string, host: NodeWorkspaceHost, config: EngineConfig, { fix: allowed, fingerprints: fingerprinted }: CheckOptions): Promise<FileOutcome> {
  const content = readTextFileSync(file, config.maxFileBytes);
  if ('skipped' in content) return { skipped: content.skipped };
  // A URI, as the engine expects: a file name is never percent-decoded (`50%off`, `Dockerfile%2Ebak`).
  // Analyzed once (fix passes aside): nothing is kept for a next version of the file.
  const input = { uri: pathToFileURL(file).href, text: content.text, workspace: host, incremental: false };
  const result = analyze(input, config);
  if (!isReportable(result)) return { reportable: false, findings: [], errors: [] };
  const errors: string[] = [];
  let findings = result.findings;
  let text = content.text;
  const contains = (f: string) => host.contains(f);
  // The fix loop starts from this analysis's findings, and is entered only when a fix would change something.
  if (allowed && hasFixToApply(findings, allowed)) {
    const writeOtherFiles = async (edits: FileEdit[]): Promise<boolean> => {
      try {
        await applyFileEdits(edits, contains);
        return true;
      } catch (e) {
        errors.push(`fixes to other files not written: ${(e as Error).message}`);
        return false;
      } finally {
        host.invalidate();
      }
    };
    const fixed = await fixAllWriting(input, config, allowed, writeOtherFiles, findings);
    try {
      if (fixed.text !== content.text) await editWorkspaceFile(file, () => fixed.text, { create: false, contains });
      findings = fixed.remaining;
      text = fixed.text;
      if (fixed.outOfRoom) errors.push(`fixes left unapplied: they would make the file larger than ${config.maxFileBytes} bytes, the most that is analyzed`);
    } catch (e) {
      errors.push(`fixes not written: ${reason(e)}`);
    }
  }
  // Fixes stay lazy: the report is written as each file is done (most formats need no edits), and a
  // worker's message builds them as it copies the findings.
  // Fingerprints are of the text the findings are about: after fixes, the fixed text.
  return { reportable: true, findings, errors, ...(fingerprinted ? { fingerprints: fingerprints(findings, text) } : {}) };
}

const reason = (e: unknown): string => (e as NodeJS.ErrnoException).code ?? (e as Error).message;

/** Writes the edits fixes make to other files (creating files where asked), inside the workspace only. */
async function applyFileEdits(edits: FileEdit[], contains: (file: string) => boolean): Promise<void> {
  for (const edit of edits) {
    await editWorkspaceFile(edit.path, (current) => applyEdits(current, edit.edits), { create: edit.create, private: edit.private, contains }).catch((e) => {
      throw new Error(`${edit.path}: ${reason(e)}`);
    });
  }
}
