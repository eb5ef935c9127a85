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
import { beginVersion, type RuleFindings } from './documentFindings';

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

/** What the per-document rules found in the whole file. */
export interface PerDocumentOutcome {
  /** What the rules report run on the whole file, once sorted (a rule's findings in one document keep their order). */
  findings: Finding[];
  /** The rules these findings are of; the others (one failed, reached the limit or reported outside a document) run on the whole file instead. */
  ruleIds: Set<string>;
}

/** A document whose findings (some or all rules') are computed in this analysis. */
interface Pending {
  doc: YamlDocument;
  text: string;
  neighbours: string;
  startLine: number;
  /** Rules to run on it: all, or those whose findings were not kept. */
  rules: ReadonlySet<string> | 'all';
  byRule: RuleFindings;
  rerun: string[];
}

/**
 * The per-document rules' findings, reused for unchanged documents and computed on the others: each rule
 * runs once over the documents that need it, its findings shared out by line. Undefined when the file
 * cannot be judged document by document (two Namespaces of one name set different levels).
 */
export function perDocumentFindings(input: PerDocumentInput): PerDocumentOutcome | undefined {
  const { src, k8s, config, workspace } = input;
  const namespaceLevels = fileNamespaceLevels(k8s);
  if (!namespaceLevels) return undefined;
  // A document alone sees its file's namespaces through the options, as the whole file would have.
  const options: EngineConfig = Object.keys(namespaceLevels).length ? { ...config, namespaceLevels: { ...config.namespaceLevels, ...namespaceLevels } } : config;
  // Besides its text and neighbours, what a document's findings and their lazy fixes read of the file.
  const fileKey = JSON.stringify([options, input.modelOptions, src.eol, indentUnit(src), workspace !== undefined]);
  const version = beginVersion(src.uri, fileKey);
  const findings: Finding[] = [];
  const counts = new Map<string, number>();
  const wholeFile = new Set<string>();
  const add = (id: string, found: Finding[]): void => {
    if (found.length === 0) return;
    findings.push(...found);
    counts.set(id, (counts.get(id) ?? 0) + found.length);
  };
  const starts = k8s.documents.map((doc) => doc.range.start.line);
  // By index in k8s.documents.
  const pending = new Map<number, Pending>();
  k8s.documents.forEach((doc, index) => {
    const text = src.text.slice(doc.offset, doc.offset + doc.length);
    const neighbours = erroneousNeighbours(doc, input.unparsed);
    const startLine = starts[index];
    const reused = version.reuse(text, neighbours, startLine);
    if (reused) for (const [id, found] of reused.byRule) add(id, found);
    if (!reused || reused.rerun.length) pending.set(index, { doc, text, neighbours, startLine, rules: reused ? new Set(reused.rerun) : 'all', byRule: new Map(reused?.byRule), rerun: [] });
  });
  // Whether the rule running now read the workspace: its findings may change with any file, so they are not kept.
  let readWorkspace = false;
  const watched = workspace && watchReads(workspace, () => (readWorkspace = true));
  // One model per set of documents a rule runs on: usually one set (the new documents) for every rule.
  const models = new Map<string, K8sModel>();
  // When every pending document runs every rule (a new file), that set is computed once, not per rule:
  // per rule and document work made a stream of a thousand documents cost a hundred thousand steps more.
  const everyRule = [...pending.values()].every((p) => p.rules === 'all');
  const allPending = [...pending.keys()];
  // Every document of the file: the file's own model is that set's, and what rules work out once per
  // model (RBAC roles, component settings, admission) is then shared with the whole-file rules.
  if (everyRule && allPending.length === k8s.documents.length) models.set('all', k8s);
  for (const { rule, severity } of input.rules) {
    const id = rule.meta.id;
    const indices = everyRule ? allPending : allPending.filter((index) => runsRule(pending.get(index)!, id));
    if (indices.length === 0) continue;
    const set = everyRule ? 'all' : indices.join(',');
    let model = models.get(set);
    if (!model)
      models.set(
        set,
        (model = buildK8sModel(
          indices.map((i) => k8s.documents[i]),
          input.modelOptions,
        )),
      );
    const found: Finding[] = [];
    readWorkspace = false;
    if (input.run(rule, severity, options, { k8s: model, workspace: watched }, found)) wholeFile.add(id);
    const ranOn: { has(index: number): boolean } = everyRule ? pending : new Set(indices);
    const byDocument = new Map<number, Finding[]>();
    for (const f of found) {
      const index = documentAt(starts, f.range.start.line);
      // A finding outside the documents the rule ran on: the rule is not one of a document alone.
      if (!ranOn.has(index)) {
        wholeFile.add(id);
        continue;
      }
      const own = byDocument.get(index);
      if (own) own.push(f);
      else byDocument.set(index, [f]);
    }
    if (readWorkspace || wholeFile.has(id)) for (const index of indices) pending.get(index)!.rerun.push(id);
    else for (const [index, own] of byDocument) pending.get(index)!.byRule.set(id, own);
    add(id, found);
  }
  for (const p of pending.values()) version.keep(p.text, p.neighbours, p.startLine, { byRule: p.byRule, rerun: p.rerun });
  version.end();
  for (const [id, count] of counts) if (count > input.maxFindings) wholeFile.add(id);
  const ruleIds = new Set(input.rules.map(({ rule }) => rule.meta.id).filter((id) => !wholeFile.has(id)));
  return { findings: wholeFile.size ? findings.filter((f) => ruleIds.has(f.ruleId)) : findings, ruleIds };
}

/** Whether rule `id` runs on a pending document: all do on a new one, those whose findings were not kept on the others. */
function runsRule(p: Pending, id: string): boolean {
  return p.rules === 'all' || p.rules.has(id);
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

/** The workspace, telling `read` whenever a rule asks it anything. */
function watchReads(workspace: WorkspaceFacts, read: () => void): WorkspaceFacts {
  return new Proxy(workspace, {
    get(target, property, receiver) {
      read();
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}
