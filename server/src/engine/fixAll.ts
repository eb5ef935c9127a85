// Applies fixes of the allowed applicabilities in repeated passes, re-analyzing after each pass.
import type { AnalysisInput, Applicability, FileEdit, Finding, Fix } from './model';
import type { EngineConfig } from './config';
import { analyze } from './analyze';
import { firstFixes, fixInPasses, fixInPassesWriting, type FixPasses } from './edits/fixes';

export interface FixAllResult {
  text: string;
  applied: number;
  remaining: Finding[];
  /**
   * Fixes were left out because applying them would have made the file larger than `maxFileBytes`,
   * past which the engine no longer analyzes it: fixing never blinds the engine to a file.
   */
  outOfRoom: boolean;
}

const findingsOf = (input: AnalysisInput, config: EngineConfig) => (text: string) => analyze({ ...input, text }, config).findings;
const fixesAllowed = (allowed: Applicability[]) => (findings: Finding[]) => firstFixes(findings, (x) => allowed.includes(x.applicability) && (x.edits.length > 0 || !!x.fileEdits?.length));
/** Whether fix-all would apply anything to these findings (a display-only fix applies nothing). */
export const hasFixToApply = (findings: Finding[], allowed: Applicability[]): boolean => fixesAllowed(allowed)(findings).length > 0;
const result = ({ text, applied, found, outOfRoom }: FixPasses<Finding[]>): FixAllResult => ({ text, applied, remaining: found, outOfRoom });

/**
 * The file's own text fixed; with `write`, the edits its fixes make to other files written first
 * (synchronously; it returns false when it could not, and fixes that edit other files then stop).
 */
export function fixAll(input: AnalysisInput, config: EngineConfig, allowed: Applicability[] = ['safe'], write?: (edits: FileEdit[]) => boolean): FixAllResult {
  // Without a writer a fix that also edits other files waits: applying only its text edits would lose what it moves there.
  const textOnly = (findings: Finding[]): Fix[] => fixesAllowed(allowed)(findings).filter((x) => !x.fileEdits?.length);
  return result(fixInPasses(input.uri, input.text, findingsOf(input, config), write ? fixesAllowed(allowed) : textOnly, write, { maxLength: config.maxFileBytes }));
}

/** fixAll with an asynchronous `write` (the CLI's file writes), as `scan --fix` does; `findings`: `input`'s, when already analyzed. */
export async function fixAllWriting(input: AnalysisInput, config: EngineConfig, allowed: Applicability[], write: (edits: FileEdit[]) => Promise<boolean>, findings?: Finding[]): Promise<FixAllResult> {
  return result(await fixInPassesWriting(input.uri, input.text, findingsOf(input, config), fixesAllowed(allowed), write, { known: findings && { found: findings }, maxLength: config.maxFileBytes }));
}
