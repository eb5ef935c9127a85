// What is wrong with a policy file itself, before any object is admitted: every CEL expression of its
// ValidatingAdmissionPolicies compiled (with its problems placed in the file), and bindings whose
// policy does not exist.
import type { K8sModel } from '../parse/kubernetes';
import type { Node } from '../parse/yaml';
import type { Range } from '../model';
import type { WorkspaceFacts } from '../workspace/facts';
import { admissionObjectsOf, BINDING_KIND, isAdmissionObject, POLICY_KIND } from '../workspace/admissionObjects';
import { compileExpression, type CompiledExpression, type StaticProblem } from '../policy/cel/compile';
import { POLICY_VARIABLES } from './evaluate';
import { rangeInScalar } from './expressionRange';
import { selectedObjectFields, undefinedFieldProblems } from './typeCheck';
import { celValueOf, field } from '../policy/cel/values';

export interface PolicyExpression {
  /** Where it is, as a message says it: `validations[0].expression of policy "x"`. */
  where: string;
  problems: StaticProblem[];
  rangeOf(problem: StaticProblem): Range;
}

/** The lists of a policy spec holding expressions, with the keys that do. */
const EXPRESSION_KEYS: Array<[string, string[]]> = [
  ['matchConditions', ['expression']],
  ['variables', ['expression']],
  ['validations', ['expression', 'messageExpression']],
  ['auditAnnotations', ['valueExpression']],
];

export function policyExpressions(k8s: K8sModel): PolicyExpression[] {
  const out: PolicyExpression[] = [];
  for (const object of k8s.objects) {
    if (object.kind !== POLICY_KIND || !isAdmissionObject(object)) continue;
    const doc = object.doc;
    const selected = selectedObjectFields(field(celValueOf(doc, object.node), 'spec'));
    for (const [list, keys] of EXPRESSION_KEYS) {
      doc.items(doc.get(object.node, 'spec', list)).forEach((item, i) => {
        for (const key of keys) {
          const node = doc.get(item, key);
          const text = doc.scalar(item, key);
          if (!node || typeof text !== 'string' || doc.isTemplated(node)) continue;
          const compiled = compileExpression(text, POLICY_VARIABLES);
          const problems = compiled.problems.length
            ? compiled.problems
            : [...(selected ? undefinedFieldProblems(text, selected) : []), ...(key === 'messageExpression' ? messageTypeProblems(compiled) : [])];
          if (problems.length === 0) continue;
          out.push({
            where: `${list}[${i}].${key} of policy "${object.name ?? ''}"`,
            problems,
            rangeOf: (p) => rangeInScalar(doc, node as Node, p.offset, p.length),
          });
        }
      });
    }
  }
  return out;
}

/** A messageExpression must return a string: the API server refuses a policy whose one cannot. */
function messageTypeProblems({ resultType, text }: CompiledExpression): StaticProblem[] {
  return resultType && resultType !== 'string' ? [{ kind: 'type', message: `messageExpression must return a string, not ${resultType}`, offset: 0, length: text.length }] : [];
}

/** This file's bindings whose `policyName` names no policy of the workspace (of this file, without one). */
export function bindingsWithoutPolicy(k8s: K8sModel, workspace: WorkspaceFacts | undefined, path: string): Array<{ binding: string; policy: string; range: Range }> {
  const own = k8s.objects.filter((o) => o.kind === BINDING_KIND && isAdmissionObject(o));
  if (own.length === 0) return [];
  const known = new Set((workspace ? workspace.admissionObjects() : admissionObjectsOf(k8s, path).objects).filter((o) => o.kind === POLICY_KIND).map((o) => o.name));
  return own.flatMap((o) => {
    const node = o.doc.get(o.node, 'spec', 'policyName');
    const policy = o.doc.scalar(o.node, 'spec', 'policyName');
    return typeof policy === 'string' && node && !o.doc.isTemplated(node) && !known.has(policy) ? [{ binding: o.name ?? '', policy, range: o.doc.rangeOf(node) }] : [];
  });
}
