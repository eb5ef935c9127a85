// A rule is one file: metadata (the single source of docs and hover) plus a check that reports findings.
import type { FileEdit, FileKind, Range, RelatedInfo, RuleMeta, Severity } from './model';
import type { WorkspaceFacts } from './workspace/facts';
import type { SourceFile } from './source';
import type { FixEdits } from './edits/fixes';
import type { DockerfileModel } from './parse/dockerfile';
import type { ComposeModel } from './parse/compose';
import type { K8sModel } from './parse/kubernetes';
import type { EngineOptions } from './config';

/**
 * Findings of one rule in one file beyond which the rule is stopped (`report` ends its check): a generated
 * file with a finding per line (12,000 services without a user) would otherwise cost seconds and a
 * diagnostics payload no one reads. No real file comes near it (the most in the corpora is under a hundred).
 */
export const MAX_FINDINGS_PER_RULE = 1000;

export interface Report<M extends string> {
  messageId: M;
  data?: Record<string, string | number>;
  range: Range;
  /**
   * Edits of the rule's declared fix; [] for display-only guidance. An undefined edit is one a YAML
   * builder refused (the node is not of the shape it edits): the fix is then offered without edits.
   * A function builds them when the fix is first used (a code action, fixAll, a report): edits that
   * take real work (YAML builders) are built only for the findings someone fixes, not on every keystroke.
   */
  fix?: FixEdits | (() => FixEdits);
  /** A milder severity than the rule's for this finding (never a harsher one): `info` for a warning ahead of time. */
  severity?: Severity;
  /** Overrides meta.fix.title when the fix depends on the finding (e.g. which user is added). */
  fixTitle?: string;
  related?: RelatedInfo[];
  /** Edits to other workspace files, part of the same fix. */
  fileEdits?: FileEdit[];
  /** Which of the rule's checks this is, when it decides several (peer aliases name them: Alias.checks). */
  check?: string;
}

interface BaseContext<M extends string> {
  src: SourceFile;
  options: EngineOptions;
  /** The workspace around the file, when the host supplies one (cross-file rules need it). */
  workspace?: WorkspaceFacts;
  report(r: Report<M>): void;
}

export interface DockerfileContext<M extends string = string> extends BaseContext<M> {
  dockerfile: DockerfileModel;
}
export interface ComposeContext<M extends string = string> extends BaseContext<M> {
  compose: ComposeModel;
}
export interface K8sContext<M extends string = string> extends BaseContext<M> {
  k8s: K8sModel;
}

export type ContextFor<K extends FileKind, M extends string = string> = K extends 'dockerfile' ? DockerfileContext<M> : K extends 'compose' ? ComposeContext<M> : K8sContext<M>;

export interface Rule<K extends FileKind = FileKind, M extends string = string> {
  meta: RuleMeta<M> & { appliesTo: K };
  check(ctx: ContextFor<K, M>): void;
}

/** Identity with inference: keeps messageIds and the context type checked per rule. */
export function defineRule<K extends FileKind, M extends string>(rule: Rule<K, M>): Rule<K, M> {
  return rule;
}

export type AnyRule = Rule<'dockerfile'> | Rule<'compose'> | Rule<'kubernetes'>;
