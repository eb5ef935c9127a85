// Kubernetes rules run document by document, their findings reused while a document is unchanged
// (documentFindings.ts): an edit in one document of a large stream re-runs them on that document only.
import type { Finding, Severity } from './model';
import type { SourceFile } from './source';
import type { AnyRule } from './rule';
import type { EngineConfig } from './config';
import { buildK8sModel, type K8sModel, type K8sModelOptions } from './parse/kubernetes';
import type { YamlDocument } from './parse/yaml';
import type { Span } from './edits/fixes';
import { indentUnit } from './edits/yaml';
import { fileNamespaceLevels } from './policy/podSecurity';
import type { WorkspaceFacts } from './workspace/facts';
import { perPartFindings, tooManyParts, type PartsOutcome } from './partFindings';

/**
 * Whether a rule may run document by document (`meta.scope`). A rule without the scope (a new one too)
 * runs on the whole file every time; test/engine/incremental.test.ts checks the scope on every Kubernetes
 * rule's examples, in edited streams.
 */
export function judgesOneDocument(rule: AnyRule): boolean {
  return rule.meta.scope === 'document';
}

/** A rule run on one document (its own model), its findings added to `out`: what `runRule` returns. */
export type RunOnDocument = (
  rule: AnyRule,
  severity: Severity,
  options: EngineConfig,
  model: { k8s: K8sModel; workspace?: WorkspaceFacts },
  out: Finding[],
) => { error: unknown } | 'stopped' | undefined;

export interface PerDocumentInput {
  src: SourceFile;
  /** The file's Kubernetes documents, in order, and the model of them all. */
  k8s: K8sModel;
  /** The active per-document rules, in the order they run. */
  rules: Array<{ rule: AnyRule; severity: Severity }>;
  config: EngineConfig;
  modelOptions: K8sModelOptions;
  workspace?: WorkspaceFacts;
  /** Documents with parse errors, where no fix applies: a fix at a document's edge is judged by its neighbours. */
  unparsed: Span[];
  /** At most this many findings per rule in the file, as `runRule` counts them. */
  maxFindings: number;
  run: RunOnDocument;
}

/**
 * The per-document rules' findings, reused for unchanged documents and computed on the others
 * (partFindings.ts). Undefined when the file cannot be judged document by document (two Namespaces of
 * one name set different levels, or too many documents).
 */
export function perDocumentFindings(input: PerDocumentInput): PartsOutcome | undefined {
  const { src, k8s, config, workspace } = input;
  if (tooManyParts(src.uri, k8s.documents.length)) return undefined;
  const namespaceLevels = fileNamespaceLevels(k8s);
  if (!namespaceLevels) return undefined;
  // A document alone sees its file's namespaces through the options, as the whole file would have.
  const options: EngineConfig = Object.keys(namespaceLevels).length ? { ...config, namespaceLevels: { ...config.namespaceLevels, ...namespaceLevels } } : config;
  const starts = k8s.documents.map((doc) => doc.range.start.line);
  return perPartFindings<K8sModel>({
    uri: src.uri,
    // Besides its text and neighbours, what a document's findings and their lazy fixes read of the file.
    fileKey: JSON.stringify([options, input.modelOptions, src.eol, indentUnit(src), workspace !== undefined]),
    parts: k8s.documents.map((doc, index) => ({ text: src.text.slice(doc.offset, doc.offset + doc.length), context: erroneousNeighbours(doc, input.unparsed), startLine: starts[index] })),
    rules: input.rules,
    workspace,
    maxFindings: input.maxFindings,
    // Every document (a new file): the file's own model, so what rules work out once per model (RBAC
    // roles, component settings, admission) is shared with the whole-file rules.
    modelOf: (indices) =>
      indices.length === k8s.documents.length
        ? k8s
        : buildK8sModel(
            indices.map((i) => k8s.documents[i]),
            input.modelOptions,
          ),
    partOf: (f) => documentAt(starts, f.range.start.line),
    run: (rule, severity, model, watched, out) => input.run(rule, severity, options, { k8s: model, workspace: watched }, out),
  });
}

/** The index of the document holding `line`, by the documents' first lines (ascending). */
function documentAt(starts: number[], line: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] <= line) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * Which of the document's edges meet a document with parse errors: a fix there reaches into it (see
 * touchesSpans) and is offered without edits. The same text between other neighbours has other fixes.
 */
function erroneousNeighbours(doc: YamlDocument, unparsed: Span[]): string {
  const [start, end] = [doc.offset, doc.offset + doc.length];
  return `${unparsed.some(([, b]) => b === start)},${unparsed.some(([a]) => a === end)}`;
}
