import { defineRule } from '../../rule';
import { policyExpressions } from '../../admission/authoring';
import { admissionOutcome, attribution, exampleDeployment, examplePolicy } from './admissionPolicy';

export default defineRule({
  meta: {
    id: 'XF015',
    name: 'admission-policy-not-evaluated',
    appliesTo: 'kubernetes',
    title: 'ValidatingAdmissionPolicy that could not be evaluated offline',
    severity: 'info',
    threat: 'access-control',
    principle: 'defence-in-depth',
    rationale:
      'Some of what a policy reads exists only in the cluster: the authorizer, params kept outside the repository, fields the API server fills in by defaulting. A policy Bulkhead cannot evaluate is neither a pass nor a failure, and saying so keeps silence from reading as "the cluster will accept this".',
    remediation:
      "Nothing is wrong with the object for this finding alone. Keep the policy's params in the workspace to have them evaluated, test `has(...)` before reading optional fields, or turn the rule off when the policies deliberately depend on the cluster. Functions evaluated: the standard library, `strings`, `lists`, `quantity` and `matches`; `authz`, `url`, `ip`/`cidr`, `regex` `find`, `format` and optional syntax are not.",
    references: [{ standard: 'url', title: 'Kubernetes: CEL libraries', href: 'https://kubernetes.io/docs/reference/using-api/cel/' }],
    aliases: [],
    messages: {
      notEvaluated: 'ValidatingAdmissionPolicy "{{policy}}" (binding "{{binding}}") was not evaluated: {{reason}}.',
      unsupported: 'Not evaluated offline: {{where}} {{reason}}.',
    },
    examples: {
      // The policy reads `spec.replicas` without `has()`: the API server would have defaulted it, this object has none.
      bad: exampleDeployment(3).replace('  replicas: 3\n', ''),
      good: exampleDeployment(3),
      workspace: { 'policies/replica-limit.yaml': examplePolicy('Deny') },
    },
    since: '0.2.0',
    related: ['XF012', 'XF016'],
  },
  check(ctx) {
    for (const n of admissionOutcome(ctx.k8s, ctx.workspace, ctx.src.uri).notEvaluated) {
      ctx.report({ messageId: 'notEvaluated', data: { policy: n.policy.name, binding: n.binding.name, reason: n.reason }, range: n.range, related: attribution(ctx, n) });
    }
    for (const e of policyExpressions(ctx.k8s)) {
      const problem = e.problems[0];
      if (problem.kind === 'unsupported') ctx.report({ messageId: 'unsupported', data: { where: e.where, reason: problem.message.replace(/^not evaluated: /, '') }, range: e.rangeOf(problem) });
    }
  },
});
