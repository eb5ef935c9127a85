// The suite's result file, shared by the extension-host runner (writes it) and the launchers (read
// it): an extension host inside a browser-served workbench has no stdout the launcher can parse.
import * as fs from 'node:fs';

export const RESULTS_ENV = 'BULKHEAD_E2E_RESULTS';

export interface SuiteResult {
  passed: number;
  failed: number;
  passes: string[];
  failures: Array<{ title: string; error: string }>;
}

export function readSuiteResult(file: string): SuiteResult | undefined {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as SuiteResult) : undefined;
}

/** The plain line CI counts. */
export function summaryLine(passed: number, failed: number): string {
  return `${passed} passed, ${failed} failed`;
}
