// Applies fixes of the allowed applicabilities in repeated passes, re-analyzing after each pass
// (ESLint's approach: a fix may enable or invalidate another), at most MAX_FIX_PASSES times.
import type { AnalysisInput, Applicability, Finding } from './model';
import type { EngineConfig } from './config';
import { analyze } from './analyze';
import { applyEdits, nonOverlapping } from './edits';
import { SourceFile } from './source';

export const MAX_FIX_PASSES = 10;

export interface FixAllResult { text: string; applied: number; remaining: Finding[] }

export function fixAll(input: AnalysisInput, config: EngineConfig, allowed: Applicability[] = ['safe']): FixAllResult {
  let text = input.text;
  let applied = 0;
  let findings = analyze(input, config).findings;
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    // A fix whose edits to other files are not written yet waits: applying only its text edits would
    // lose what it moves there (the host writes file edits first, as `scan --fix` does, then re-runs).
    const fixes = findings.flatMap((f) => f.fixes.filter((x) => allowed.includes(x.applicability) && x.edits.length > 0).slice(0, 1)).filter((x) => !x.fileEdits?.length);
    if (fixes.length === 0) break;
    const src = new SourceFile(input.uri, text);
    const edits = nonOverlapping(src, fixes);
    const next = applyEdits(text, edits);
    if (next === text) break;
    applied += fixes.length;
    text = next;
    findings = analyze({ ...input, text }, config).findings;
  }
  return { text, applied, remaining: findings };
}
