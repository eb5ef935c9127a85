// bulkhead/scanWorkspace: every container file under the workspace folders, open or not, analyzed and
// published, with work-done progress and cancellation. File access lives here, never in the engine.
import type { CancellationToken, WorkDoneProgressReporter } from 'vscode-languageserver/node';
import { analyze, isReportable, type AnalysisDetails } from '../engine/index';
import { untilReadsComplete, type ServerWorkspaceHost } from './completeReads';
import { readTextFile, walkWorkspace } from '../host/workspace';
import type { ScanResult } from '../../../shared/protocol';
import type { Settings } from './settings';
import { pathToUri, uriToPath } from './uris';

export interface ScanHost {
  settings: Settings;
  /** The workspace as cross-file rules see it; its boundary is the scan's too. */
  workspace: ServerWorkspaceHost;
  log(message: string): void;
  isOpen(uri: string): boolean;
  /** An open document's current analysis (undefined when it is not open): the editor's text wins over the file on disk. */
  openResult(uri: string): AnalysisDetails | undefined;
  publish(uri: string, result: AnalysisDetails, version: number | null): void;
  clear(uri: string): void;
}

/** The scan's progress line: how far through the counted files, and what it found so far. */
function progressMessage(done: number, total: number, findings: number): string {
  return `${done} / ${total} files, ${findings} findings`;
}

/**
 * Runs scans and remembers which URIs the last one covered: their diagnostics belong to the scan, so
 * closing such a document shows the file on disk again instead of clearing it.
 */
export class WorkspaceScanner {
  private owned = new Set<string>();

  constructor(private readonly host: ScanHost) {}

  owns(uri: string): boolean {
    return this.owned.has(uri);
  }

  ownedUris(): string[] {
    return [...this.owned];
  }

  async scan(token: CancellationToken, progress: WorkDoneProgressReporter): Promise<ScanResult> {
    const { host } = this;
    const started = Date.now();
    const out: ScanResult = { files: 0, findings: 0, errors: 0, warnings: 0, infos: 0, skipped: 0, cancelled: false, durationMs: 0 };
    const covered = new Set<string>();
    progress.begin('Bulkhead: scanning workspace', undefined, 'finding files…', true);
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    const skip = (file: string, reason: string): void => {
      out.skipped++;
      host.log(`bulkhead: skipped ${file}: ${reason}`);
    };
    try {
      if (!host.settings.enabled) host.log('bulkhead: scan skipped: bulkhead.enable is false');
      const roots = host.settings.enabled ? host.settings.workspaceFolders : [];
      // The walk's size cap only spares reading huge files; each file's own config applies at read time.
      const maxFileBytes = Math.max(0, ...roots.map((r) => host.settings.configFor(r).maxFileBytes));
      const contains = (file: string) => host.workspace.contains(file);
      // Count first (a walk reads directories only), so progress can say `n / total` and a percentage.
      const entries: string[] = [];
      for await (const entry of walkWorkspace(roots, { exclude: host.settings.scanExclude, maxFileBytes, contains, signal: abort.signal })) {
        if (entry.skipped) skip(entry.path, entry.skipped);
        else entries.push(entry.path);
      }
      const total = entries.length;
      let percentage = 0;
      progress.report(0, progressMessage(0, total, 0));
      for (const [index, file] of entries.entries()) {
        if (token.isCancellationRequested) break;
        const uri = pathToUri(file);
        await host.settings.prepare(file); // an open document not yet validated is analyzed here, under its nearest config
        const open = host.openResult(uri);
        // Each file is read asynchronously: an edit's validation and other requests run between files, never behind the scan.
        const result = open ?? (await this.analyzeFile(file, uri, skip));
        if (result && isReportable(result)) {
          covered.add(uri);
          count(out, result);
          if (!open) host.publish(uri, result, null); // an open document's diagnostics are already current
        }
        // At most one report per percent: a large workspace does not flood the client.
        const now = Math.floor(((index + 1) * 100) / total);
        if (now > percentage || index + 1 === total) {
          percentage = now;
          progress.report(percentage, progressMessage(index + 1, total, out.findings));
        }
      }
    } finally {
      sub.dispose();
      out.cancelled = token.isCancellationRequested;
      this.retire(covered, out.cancelled);
      out.durationMs = Date.now() - started;
      progress.done();
    }
    return out;
  }

  /** Re-reads a scan-owned file from disk and publishes it again (after a close or a settings change). */
  async republish(uri: string): Promise<void> {
    const fsPath = uriToPath(uri);
    const result = fsPath ? await this.analyzeFile(fsPath, uri, (file, reason) => this.host.log(`bulkhead: skipped ${file}: ${reason}`)) : undefined;
    if (this.host.isOpen(uri)) return; // reopened meanwhile: the editor's text is what counts now
    if (result && isReportable(result)) this.host.publish(uri, result, null);
    else this.host.clear(uri);
  }

  private async analyzeFile(fsPath: string, uri: string, skip: (file: string, reason: string) => void): Promise<AnalysisDetails | undefined> {
    // Re-read on close or a settings change, a scanned file may have become a link out since the walk.
    if (!this.host.workspace.contains(fsPath)) {
      skip(fsPath, 'outside the workspace');
      return undefined;
    }
    await this.host.settings.prepare(fsPath);
    const config = this.host.settings.configFor(fsPath);
    const read = await readTextFile(fsPath, config.maxFileBytes);
    if ('skipped' in read) {
      skip(fsPath, read.skipped);
      return undefined;
    }
    const { workspace } = this.host;
    // A scanned file is analyzed once: its documents' findings are not kept for a next version (incremental).
    return untilReadsComplete(workspace, () => analyze({ uri, text: read.text, workspace, incremental: false }, config));
  }

  /**
   * Hands ownership to what this scan covered. A finished scan also clears files an earlier scan
   * published but that are gone, excluded or no longer container files; a cancelled one proved nothing
   * about the files it did not reach, so it only adds.
   */
  private retire(covered: Set<string>, cancelled: boolean): void {
    if (!cancelled) {
      for (const uri of this.owned) if (!covered.has(uri) && !this.host.isOpen(uri)) this.host.clear(uri);
      this.owned.clear();
    }
    for (const uri of covered) this.owned.add(uri);
  }
}

function count(out: ScanResult, result: AnalysisDetails): void {
  out.files++;
  for (const f of result.findings) {
    out.findings++;
    if (f.severity === 'error') out.errors++;
    else if (f.severity === 'warning') out.warnings++;
    else out.infos++;
  }
}
