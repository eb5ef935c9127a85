// What the VS Code client and the language server say to each other beyond LSP itself: the workspace-scan
// request and the command ids. Both sides import this one module instead of keeping copies; it imports
// nothing, so the client bundle pulls in nothing of the server (test/meta/layers.test.ts checks both).

/** The custom request: analyze and publish every container file under the workspace folders. */
export const SCAN_METHOD = 'bulkhead/scanWorkspace';

export interface ScanParams {
  /** LSP work-done progress token; without one the server creates its progress when the client allows it. */
  workDoneToken?: string | number;
}

/** The scan's counts; the request answers null instead when the scan itself failed (the server logs why). */
export interface ScanResult {
  files: number; findings: number; errors: number; warnings: number; infos: number; skipped: number; cancelled: boolean; durationMs: number;
}

/** The commands package.json contributes: the client registers them, the server's code actions invoke them. */
export const COMMANDS = {
  scanWorkspace: 'bulkhead.scanWorkspace',
  showRuleDocumentation: 'bulkhead.showRuleDocumentation',
  restartServer: 'bulkhead.restartServer',
} as const;
