// The check every incremental property test makes: a file analyzed with what its previous versions kept
// reports what a fresh analysis of the same text reports.
import * as assert from 'node:assert/strict';
import { analyze, type EngineConfig, type Finding, type WorkspaceHost } from '../../server/src/engine/index';

/** Findings as a host sees them; fixes only when `withFixes` (reading them builds lazy fixes early, and kept ones must build late too). */
export const shown = (findings: Finding[], withFixes: boolean): string => JSON.stringify(withFixes ? findings : findings.map(({ fixes, ...rest }) => ({ ...rest, fixes: fixes.length })));

/** Analyzes `text` as a version of `uri` (kept findings reused) and as a one-off, and compares the two. */
export function assertKeptEqualsFresh(uri: string, text: string, workspace: WorkspaceHost | undefined, config: EngineConfig, withFixes: boolean, context: string): void {
  const kept = analyze({ uri, text, workspace }, config);
  const fresh = analyze({ uri, text, workspace, incremental: false }, config);
  assert.equal(shown(kept.findings, withFixes), shown(fresh.findings, withFixes), `after ${context}`);
}
