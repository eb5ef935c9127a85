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
  return policyExpressionVerdict(k8s, offset, path, workspace, workspaceManifests(workspace, path, k8s));
}

/** The workspace's manifests with their paths, parsed: this document first, as the editor has it. */
function* workspaceManifests(workspace: WorkspaceFacts | undefined, path: string, own: K8sModel): Iterable<[string, K8sModel]> {
  yield [path, own];
  for (const other of manifestPaths(workspace)) {
    const text = other === path ? undefined : workspace!.read(other);
    if (text !== undefined) yield [other, parseKubernetes(new SourceFile(other, text))];
  }
}

/** The files holding the workspace's Kubernetes objects, in workspace order. */
function manifestPaths(workspace: WorkspaceFacts | undefined): Set<string> {
  if (!workspace) return new Set();
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
  for (const [path, subjects] of workspace ? subjectsUnder(workspace, dirname(workspace.documentPath), rule.kind) : []) {
    for (const subject of subjects) {
      const judged = judgeSubject(rule, subject.bindings);
      if (judged === 'unmatched') continue;
      verdict.evaluated++;
      if (judged === 'holds') continue;
      verdict.failing.push({ label: subject.label, path, range: subject.range, ...(judged === 'fails' ? {} : { reason: judged.notEvaluated }) });
    }
  }
  return verdict;
}

/** The subjects of a rule of `kind` in the workspace files under `dir` (where its configuration applies), by file. */
function* subjectsUnder(workspace: WorkspaceFacts, dir: string, kind: CustomRule['kind']): Iterable<[string, Subject[]]> {
  const under = (path: string) => path.startsWith(dir.endsWith('/') ? dir : `${dir}/`);
  if (kind === 'kubernetes') {
    for (const path of manifestPaths(workspace)) {
      const text = under(path) ? workspace.read(path) : undefined;
      if (text !== undefined) yield [path, kubernetesSubjects(parseKubernetes(new SourceFile(path, text)))];
    }
    return;
  }
  for (const relative of workspace.listFiles(dir) ?? []) {
    const path = resolvePath(dir, relative);
    if (kindFromName(path) !== kind) continue;
    const text = workspace.read(path);
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
