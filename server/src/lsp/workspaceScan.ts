// bulkhead/scanWorkspace: every container file under the workspace folders, open or not, analyzed and
// published, with work-done progress and cancellation. File access lives here, never in the engine.
import type { CancellationToken, Connection, WorkDoneProgressReporter } from 'vscode-languageserver/node';
import { analyze, type AnalysisDetails } from '../engine/index';
import { readTextFile, walkWorkspace } from '../node/workspace';
import type { Settings } from './settings';
import { pathToUri } from './uris';

export const SCAN_METHOD = 'bulkhead/scanWorkspace';

export interface ScanResult {
  files: number; findings: number; errors: number; warnings: number; infos: number; skipped: number; cancelled: boolean; durationMs: number;
}

export interface ScanHost {
  connection: Connection;
  settings: Settings;
  /** An open document's latest analysis: the editor's text wins over the file on disk. */
  openResult(uri: string): AnalysisDetails | undefined;
  publish(uri: string, result: AnalysisDetails, version: number | null): void;
}

const PROGRESS_EVERY = 25;

export async function scanWorkspace(host: ScanHost, token: CancellationToken, progress: WorkDoneProgressReporter): Promise<ScanResult> {
  const started = Date.now();
  const out: ScanResult = { files: 0, findings: 0, errors: 0, warnings: 0, infos: 0, skipped: 0, cancelled: false, durationMs: 0 };
  progress.begin('Bulkhead: scanning workspace', 0, 'finding files…', true);
  const abort = new AbortController();
  const sub = token.onCancellationRequested(() => abort.abort());
  try {
    const roots = host.settings.workspaceFolders;
    for await (const entry of walkWorkspace(roots, { exclude: host.settings.scanExclude, maxFileBytes: 2 * 1024 * 1024, signal: abort.signal })) {
      if (token.isCancellationRequested) break;
      if (entry.skipped) {
        out.skipped++;
        host.connection.console.info(`bulkhead: skipped ${entry.path}: ${entry.skipped}`);
        continue;
      }
      const uri = pathToUri(entry.path);
      const open = host.openResult(uri);
      if (open) {
        count(out, open);
        continue;
      }
      const config = host.settings.configFor(entry.path);
      const read = await readTextFile(entry.path, config.maxFileBytes);
      if ('skipped' in read) {
        out.skipped++;
        host.connection.console.info(`bulkhead: skipped ${entry.path}: ${read.skipped}`);
        continue;
      }
      const result = analyze({ uri, text: read.text }, config);
      if (result.kind === 'unknown') continue;
      count(out, result);
      host.publish(uri, result, null);
      if (out.files % PROGRESS_EVERY === 0) progress.report(`${out.files} files, ${out.findings} findings`);
    }
  } finally {
    sub.dispose();
    out.cancelled = token.isCancellationRequested;
    out.durationMs = Date.now() - started;
    progress.done();
  }
  return out;
}

function count(out: ScanResult, result: AnalysisDetails): void {
  if (result.kind === 'unknown') return;
  out.files++;
  for (const f of result.findings) {
    out.findings++;
    if (f.severity === 'error') out.errors++;
    else if (f.severity === 'warning') out.warnings++;
    else out.infos++;
  }
}
