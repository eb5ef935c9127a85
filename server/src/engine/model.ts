// The engine's vocabulary: plain, serialisable data shared by rules, the server, the CLI and tests.
import type { Range, TextEdit } from 'vscode-languageserver-types';
export type { Range, Position, TextEdit } from 'vscode-languageserver-types';
import type { WorkspaceHost } from './workspace/host';

export type FileKind = 'dockerfile' | 'compose' | 'kubernetes';
export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';
export type Applicability = 'safe' | 'unsafe' | 'display-only';

/** Threats and principles of ../shared/THREAT-MODEL.md; titles and explanations live in threats.ts. */
export type ThreatId =
  | 'vulnerable-code'
  | 'image-misconfiguration'
  | 'build-compromise'
  | 'supply-chain'
  | 'container-misconfiguration'
  | 'vulnerable-host'
  | 'exposed-secrets'
  | 'insecure-network'
  | 'container-escape'
  | 'access-control';
export type PrincipleId = 'least-privilege' | 'defence-in-depth' | 'attack-surface' | 'blast-radius' | 'segregation-of-duties';

export type PeerTool = 'hadolint' | 'buildkit' | 'kube-linter' | 'kubesec' | 'checkov' | 'trivy' | 'polaris' | 'semgrep' | 'kics';

export type Reference =
  | { standard: 'cis-docker'; section: string; title: string }
  | { standard: 'pss'; level: 'baseline' | 'restricted'; control: string }
  | { standard: 'cwe'; id: number }
  | { standard: 'url'; title: string; href: string };

/** An equivalent check of another tool; drives peer suppressions and the "same as" line. */
export interface Alias {
  tool: PeerTool;
  id: string;
  /**
   * For a rule that decides several checks (the cluster rules: one per flag), the findings' `check`s this
   * peer check is; absent, it is every finding of the rule.
   */
  checks?: string[];
}

export interface RuleMeta<M extends string = string> {
  /** Stable code, never reused: DF001, DC001, K8S001, XF001, BH001. */
  id: string;
  /** kebab-case; equals the rule's file name. */
  name: string;
  appliesTo: FileKind | 'any';
  /**
   * `'document'` (Kubernetes rules only): the rule judges each object by what its own document says, so run
   * on one document it reports what it reports there when run on the whole file; an edit elsewhere in a
   * stream does not re-run it (perDocumentRules.ts). Absent: the rule runs on the whole file every time, as
   * one must that compares objects of the file (a binding and its role, workloads and the file's network
   * policies), plans edits across documents, or reads the workspace's manifest index.
   * `'instruction'` (Dockerfile rules only): likewise for each instruction, judged by its own lines alone (not
   * its stage, other instructions or the file's ARGs); an edit re-runs it on the edited instruction only
   * (perInstructionRules.ts). `'instructionAndDeclarations'`: by its own lines and the file's FROM, ARG,
   * ENV, USER and SHELL instructions (its stage, user, variables); an edit to one of those re-runs it on
   * every instruction. Either reads `dockerfile.instructions`, which then holds the instructions it runs on.
   */
  scope?: 'document' | 'instruction' | 'instructionAndDeclarations';
  /** Problem statement, sentence case, no trailing period. */
  title: string;
  severity: Severity;
  /** 'off' rules exist and are configurable but do not run unless enabled. */
  enabledByDefault?: boolean;
  threat: ThreatId;
  principle: PrincipleId;
  /** Markdown: why the finding opens the threat. */
  rationale: string;
  /** Markdown: what to do about it. */
  remediation: string;
  references: Reference[];
  aliases: Alias[];
  /** messageId → message template with {{placeholders}}. */
  messages: Record<M, string>;
  /**
   * The messages that report a setting left out ("does not set runAsNonRoot") rather than a value
   * written ("privileged: true"). They never fire on a partial object (a Kustomize patch, a Tekton
   * Task), where the setting comes from elsewhere.
   */
  absent?: Array<NoInfer<M>>;
  /**
   * The quick fix, if any. `title` says what it does (no applicability label: the editor and the docs
   * add one); an unsafe fix says in `review` what may stop working, so its label is worded per fix.
   */
  fix?: FixMeta;
  /** Executed by the meta tests; `trustedRegistries` is the configuration the examples assume. */
  examples: {
    bad: string;
    good: string;
    fileName?: string;
    trustedRegistries?: string[];
    /** Files beside the example (paths relative to its directory), for cross-file rules. */
    workspace?: Record<string, string>;
  };
  since: string;
  related?: string[];
}

export type FixMeta = { applicability: 'unsafe'; title: string; review: string } | { applicability: 'safe' | 'display-only'; title: string };

export interface Fix {
  title: string;
  applicability: Applicability;
  /** Sorted, non-overlapping, inside the document. Empty for display-only guidance. */
  edits: TextEdit[];
  /** Edits to other files of the workspace (e.g. appending to `.dockerignore`, creating it first). */
  fileEdits?: FileEdit[];
}

/**
 * An edit of another file; `create` when it does not exist yet (the edits then insert at 0:0). `private`:
 * it will hold a credential, so a host that creates it makes it readable by its owner only.
 */
export interface FileEdit {
  path: string;
  create: boolean;
  edits: TextEdit[];
  private?: boolean;
}

/** A place that explains a finding; `path` when it is in another workspace file (absolute POSIX path). */
export interface RelatedInfo {
  range: Range;
  message: string;
  path?: string;
}

export interface Finding {
  ruleId: string;
  messageId: string;
  data: Record<string, string>;
  severity: Severity;
  message: string;
  range: Range;
  fixes: Fix[];
  related?: RelatedInfo[];
  /** Which of its rule's checks decided it, for a rule that decides several (see Alias.checks). */
  check?: string;
}

export interface AnalysisInput {
  /** A path or URI; only its file name is used, for detection. */
  uri: string;
  text: string;
  /** The editor's language id when known (dockerfile, dockercompose, yaml). */
  languageId?: string;
  /** The workspace around the file, for cross-file rules; without it they stay silent. */
  workspace?: WorkspaceHost;
  /**
   * False when the file is analyzed once (a CLI or workspace scan): nothing is kept for its next version.
   * Otherwise the findings of each document of a manifest are kept, and reused for the unchanged documents.
   */
  incremental?: boolean;
}

export interface AnalysisResult {
  /** 'config' for Bulkhead's own `.bulkhead.*` file; 'unknown' for a file not analyzed (its findings, if any, say why). */
  kind: FileKind | 'config' | 'unknown';
  findings: Finding[];
  /** Set when the file was not analyzed at all, with the reason. */
  skipped?: string;
}
