// What the VS Code client and the language server say to each other beyond LSP itself: the workspace-scan
// request, the rule list, the web worker's file reads and the command ids. Both sides import this one module instead of keeping copies; it imports
// nothing, so the client bundle pulls in nothing of the server (test/meta/layers.test.ts checks both).

/** What the server reads from the client's `initializationOptions`. */
export interface InitializationOptions {
  /** A fixed wait before each validation, in ms; by default none (see server/src/lsp/scheduler.ts). */
  debounceMs?: number;
  /** Where the rule pages are, for a server with no directory of its own (the web worker). */
  docsUri?: string;
  /**
   * The client completes each diagnostic itself, so the server leaves out what is the same for every
   * diagnostic of a rule: the `source` (DIAGNOSTIC_SOURCE) and the code's link to the rule page (the
   * client has it from RULES_METHOD). A third of the bytes of every publication, on every keystroke.
   */
  compactDiagnostics?: boolean;
}

/** What the extension's clients (desktop and web) ask for; the bench's Bulkhead contenders ask the same. */
export const CLIENT_OPTIONS: InitializationOptions = { compactDiagnostics: true };

/** The `source` of every Bulkhead diagnostic. */
export const DIAGNOSTIC_SOURCE = 'bulkhead';

/** The custom request: analyze and publish every container file under the workspace folders. */
export const SCAN_METHOD = 'bulkhead/scanWorkspace';

export interface ScanParams {
  /** LSP work-done progress token; without one the server creates its progress when the client allows it. */
  workDoneToken?: string | number;
}

/** The scan's counts; the request answers null instead when the scan itself failed (the server logs why). */
export interface ScanResult {
  files: number;
  findings: number;
  errors: number;
  warnings: number;
  infos: number;
  skipped: number;
  cancelled: boolean;
  durationMs: number;
}

/** The request for every rule, for the rule picker: what it shows and searches, and where its page is. */
export const RULES_METHOD = 'bulkhead/rules';

export interface RuleSummary {
  id: string;
  title: string;
  appliesTo: string;
  /** The default severity, or 'off' for a rule off by default. */
  severity: string;
  /** Equivalent ids of other tools (DL3002, CKV_K8S_20, KSV001 …): the picker finds a rule by them. */
  aliases: string[];
  /** URI of the rule page. */
  doc: string;
}

/** The commands package.json contributes: the client registers them, the server's code actions invoke them. */
export const COMMANDS = {
  scanWorkspace: 'bulkhead.scanWorkspace',
  showRuleDocumentation: 'bulkhead.showRuleDocumentation',
  restartServer: 'bulkhead.restartServer',
} as const;

/**
 * Web worker only (vscode.dev, github.dev): the server has no file system, so it reads workspace files
 * through the client (vscode.workspace.fs). The client answers only for files inside a workspace folder.
 */
export const READ_FILE_METHOD = 'bulkhead/readFile';

export interface ReadFileParams {
  uri: string;
  /** A larger file is not read (its size is answered instead). */
  maxBytes: number;
}

/** The file's bytes, base64; or nothing is there; or its size, over the limit; or why it was not read. */
export type ReadFileResult = { base64: string } | { missing: true } | { size: number } | { refused: string };

/** Web worker only: the files under a workspace directory, for cross-file rules and the workspace scan. */
export const LIST_FILES_METHOD = 'bulkhead/listFiles';

export interface ListFilesParams {
  uri: string;
  /** At most this many files are listed. */
  max: number;
}

/** Paths relative to the directory, POSIX, sorted; null when it is not a directory inside the workspace. */
export type ListFilesResult = string[] | null;
