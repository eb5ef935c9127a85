// Hover over a CEL expression (issue 14): which workspace subjects it fails now. A policy's
// `matchConditions`, `variables` or `validations` expression is judged on the workspace's manifests as
// admission runs it; an organisation rule's `expression` in `.bulkhead.yaml` on the files of its kind
// under the configuration's directory.
import type { AnalysisInput, Position } from '../model';
import type { CustomRule, EngineConfig } from '../config';
import { parseConfigFile } from '../config';
import { SourceFile } from '../source';
import { kindFromName } from '../detect';
import { dirname, pathOfUri, resolvePath } from '../workspace/paths';
import { WorkspaceFacts } from '../workspace/facts';
import { POLICY_KIND } from '../workspace/admissionObjects';
import { parseKubernetes, type K8sModel } from '../parse/kubernetes';
import { parseYamlStream } from '../parse/yaml';
import { buildComposeModel, isComposeDocument } from '../parse/compose';
import { parseDockerfile } from '../parse/dockerfile';
import { composeSubjects, customRuleProblems, dockerfileSubjects, judgeSubject, kubernetesSubjects, type Subject } from '../policy/cel/customRules';
import { policyExpressionVerdict, type ExpressionVerdict } from '../admission/expressionVerdict';

export type { ExpressionVerdict };

/**
 * How much of the workspace's text one hover parses besides the hovered file. A hover answers while the
 * user waits, and the yaml parser takes about a second per MB: past this the verdict counts the files it
 * left out instead of judging them (the diagnostics still judge every file).
 */
export const VERDICT_READ_LIMIT = 1 << 20;

/** Reads workspace files for one verdict, up to VERDICT_READ_LIMIT characters; counts the files refused. */
class ReadBudget {
  private left = VERDICT_READ_LIMIT;
  unread = 0;

  constructor(readonly workspace: WorkspaceFacts) {}

  read(path: string): string | undefined {
    if (this.left <= 0) {
      this.unread++;
      return undefined;
    }
    const text = this.workspace.read(path);
    if (text !== undefined) this.left -= text.length;
    return text;
  }

  /** The verdict with the count of files left out, when any were. */
  tell(verdict: ExpressionVerdict | undefined): ExpressionVerdict | undefined {
    return verdict && this.unread ? { ...verdict, unreadFiles: this.unread } : verdict;
  }
}

/** The verdict of the CEL expression at `position` of the document, or undefined when no judged expression is there. */
export function expressionVerdictAt(input: AnalysisInput, position: Position, config: EngineConfig): ExpressionVerdict | undefined {
  const nameKind = kindFromName(input.uri, input.languageId);
  if (nameKind !== 'config' && (nameKind !== 'yaml' || !input.text.includes(POLICY_KIND))) return undefined;
  const src = new SourceFile(input.uri, input.text);
  const offset = src.offsetAt(position);
  const documentPath = input.workspace ? pathOfUri(input.uri) : undefined;
  const workspace = input.workspace && documentPath && input.workspace.contains(documentPath) ? new WorkspaceFacts(input.workspace, documentPath, config.policyPaths) : undefined;
  if (nameKind === 'config') return customRuleVerdict(src, offset, workspace);
  const path = documentPath ?? input.uri;
  const k8s = parseKubernetes(src, config);
  const budget = workspace && new ReadBudget(workspace);
  const verdict = policyExpressionVerdict(k8s, offset, path, workspace, workspaceManifests(budget, path, k8s));
  return budget ? budget.tell(verdict) : verdict;
}

/** The workspace's manifests with their paths, parsed: this document first, as the editor has it. */
function* workspaceManifests(budget: ReadBudget | undefined, path: string, own: K8sModel): Iterable<[string, K8sModel]> {
  yield [path, own];
  if (!budget) return;
  for (const other of manifestPaths(budget.workspace)) {
    const text = other === path ? undefined : budget.read(other);
    if (text !== undefined) yield [other, parseKubernetes(new SourceFile(other, text))];
  }
}

/** The files holding the workspace's Kubernetes objects, in workspace order. */
function manifestPaths(workspace: WorkspaceFacts): Set<string> {
  return new Set([...workspace.manifestKinds()].flatMap((kind) => workspace.manifestsOfKind(kind).map((o) => o.path)));
}

/** The verdict of the organisation rule whose `expression` holds `offset` in `.bulkhead.yaml`. */
function customRuleVerdict(src: SourceFile, offset: number, workspace: WorkspaceFacts | undefined): ExpressionVerdict | undefined {
  const doc = parseYamlStream(src).documents[0];
  if (!doc) return undefined;
  const rule = (parseConfigFile(src.text).config.customRules ?? []).find((r) => {
    const node = doc.get(doc.contents, 'rules', r.id, 'expression');
    if (!node) return false;
    const [from, to] = doc.offsets(node);
    return offset >= from && offset <= to;
  });
  if (!rule) return undefined;
  const verdict: ExpressionVerdict = { where: `${rule.id}.expression`, range: doc.rangeOf(doc.get(doc.contents, 'rules', rule.id, 'expression')), evaluated: 0, failing: [] };
  const problem = customRuleProblems(rule)[0];
  if (problem) return { ...verdict, problem: `${problem.key}: ${problem.problem.message}` };
  const budget = workspace && new ReadBudget(workspace);
  for (const [path, subjects] of workspace && budget ? subjectsUnder(workspace, budget, dirname(workspace.documentPath), rule.kind) : []) {
    for (const subject of subjects) {
      const judged = judgeSubject(rule, subject.bindings);
      if (judged === 'unmatched') continue;
      verdict.evaluated++;
      if (judged === 'holds') continue;
      verdict.failing.push({ label: subject.label, path, range: subject.range, ...(judged === 'fails' ? {} : { reason: judged.notEvaluated }) });
    }
  }
  return budget ? budget.tell(verdict) : verdict;
}

/** The subjects of a rule of `kind` in the workspace files under `dir` (where its configuration applies), by file. */
function* subjectsUnder(workspace: WorkspaceFacts, budget: ReadBudget, dir: string, kind: CustomRule['kind']): Iterable<[string, Subject[]]> {
  const under = (path: string) => path.startsWith(dir.endsWith('/') ? dir : `${dir}/`);
  if (kind === 'kubernetes') {
    for (const path of manifestPaths(workspace)) {
      const text = under(path) ? budget.read(path) : undefined;
      if (text !== undefined) yield [path, kubernetesSubjects(parseKubernetes(new SourceFile(path, text)))];
    }
    return;
  }
  for (const relative of workspace.listFiles(dir) ?? []) {
    const path = resolvePath(dir, relative);
    if (kindFromName(path) !== kind) continue;
    const text = budget.read(path);
    if (text === undefined) continue;
    const src = new SourceFile(path, text);
    if (kind === 'dockerfile') yield [path, dockerfileSubjects(parseDockerfile(text, src))];
    else {
      // As analyze reads a file named like Compose: its Compose documents, else all of them.
      const documents = parseYamlStream(src).documents;
      const compose = documents.filter(isComposeDocument);
      yield [path, composeSubjects(buildComposeModel(compose.length ? compose : documents))];
    }
  }
}
