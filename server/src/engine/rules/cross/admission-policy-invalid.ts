import { defineRule } from '../../rule';
import { policyExpressions, bindingsWithoutPolicy } from '../../admission/authoring';
import { examplePolicy } from './admissionPolicy';

export default defineRule({
  meta: {
    id: 'XF016',
    name: 'admission-policy-invalid',
    appliesTo: 'kubernetes',
    title: 'ValidatingAdmissionPolicy or binding the API server would refuse',
    severity: 'error',
    threat: 'access-control',
    principle: 'defence-in-depth',
    rationale:
      'A ValidatingAdmissionPolicy whose CEL does not compile is rejected when it is applied (or, from an older server, never enforces anything), and a binding that names a policy that does not exist binds nothing: in both cases the rule the team believes in is not in force.',
    remediation:
      "Fix the expression at the marked place: the message is the CEL compiler's. Expressions may use `object`, `oldObject`, `params`, `namespaceObject`, `request`, `variables` and `authorizer`, the standard functions and the Kubernetes libraries. A binding's `policyName` must name a policy of the workspace.",
    references: [{ standard: 'url', title: 'Kubernetes: Validating Admission Policy', href: 'https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/' }],
    aliases: [],
    messages: {
      invalidExpression: 'Invalid CEL in {{where}}: {{problem}}.',
      noPolicy: 'Binding "{{binding}}" names ValidatingAdmissionPolicy "{{policy}}", which is not in the workspace.',
    },
    examples: {
      bad: examplePolicy('Deny').replace('object.spec.replicas <= 5', 'object.spec.replicas <= '),
      good: examplePolicy('Deny'),
      fileName: 'replica-limit.yaml',
    },
    since: '0.2.0',
    related: ['XF012', 'XF015'],
  },
  check({ k8s, workspace, src, report }) {
    for (const e of policyExpressions(k8s)) {
      const problem = e.problems.find((p) => p.kind !== 'unsupported');
      if (problem) report({ messageId: 'invalidExpression', data: { where: e.where, problem: problem.message }, range: e.rangeOf(problem) });
    }
    for (const b of bindingsWithoutPolicy(k8s, workspace, src.uri)) report({ messageId: 'noPolicy', data: { binding: b.binding, policy: b.policy }, range: b.range });
  },
});
