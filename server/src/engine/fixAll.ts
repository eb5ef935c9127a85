// Applies fixes of the allowed applicabilities in repeated passes, re-analyzing after each pass.
import type { AnalysisInput, Applicability, Finding } from './model';
import type { EngineConfig } from './config';
import { analyze } from './analyze';
import { firstFixes, fixInPasses } from './edits/fixes';

export interface FixAllResult {
  text: string;
  applied: number;
  remaining: Finding[];
}

export function fixAll(input: AnalysisInput, config: EngineConfig, allowed: Applicability[] = ['safe']): FixAllResult {
  const { text, applied, found } = fixInPasses(
    input.uri,
    input.text,
    (text) => analyze({ ...input, text }, config).findings,
    // A fix whose edits to other files are not written yet waits: applying only its text edits would
    // lose what it moves there (the host writes file edits first, as `scan --fix` does, then re-runs).
    (findings) => firstFixes(findings, (x) => allowed.includes(x.applicability) && x.edits.length > 0).filter((x) => !x.fileEdits?.length),
  );
  return { text, applied, remaining: found };
}
