// What the admission-policy rules share: the policy outcome of the file (computed once per analysis),
// the example policy their docs run, and the rule shape of one validation action.
import type { RuleMeta } from '../../model';
import { admissionOutcome, type ValidationAction, type Violation } from '../../admission/evaluate';
import type { K8sContext } from '../../rule';

export { admissionOutcome };

/** A policy limiting Deployments to 5 replicas, bound with `action` (the rules' docs examples). */
export function examplePolicy(action: ValidationAction): string {
  return [
    'apiVersion: admissionregistration.k8s.io/v1',
    'kind: ValidatingAdmissionPolicy',
    'metadata:',
    '  name: replica-limit',
    'spec:',
    '  matchConstraints:',
    '    resourceRules:',
    '      - apiGroups: ["apps"]',
    '        apiVersions: ["v1"]',
    '        operations: ["CREATE", "UPDATE"]',
    '        resources: ["deployments"]',
    '  validations:',
    '    - expression: "object.spec.replicas <= 5"',
    '      messageExpression: "\'replicas must be at most 5, not \' + string(object.spec.replicas)"',
    '      fieldPath: spec.replicas',
    '---',
    'apiVersion: admissionregistration.k8s.io/v1',
    'kind: ValidatingAdmissionPolicyBinding',
    'metadata:',
    '  name: replica-limit-binding',
    'spec:',
    '  policyName: replica-limit',
    `  validationActions: [${action}]`,
    '',
  ].join('\n');
}

export const exampleDeployment = (replicas: number): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: ${replicas}\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n`;

/** Places that explain a finding: the policy and the binding, in their files. */
export function attribution(ctx: K8sContext<string>, v: Pick<Violation, 'policy' | 'binding'>) {
  const where = (path: string) => (ctx.workspace && path !== ctx.workspace.documentPath ? { path } : {});
  return [
    { range: v.policy.range, message: `ValidatingAdmissionPolicy "${v.policy.name}"`, ...where(v.policy.path) },
    { range: v.binding.range, message: `ValidatingAdmissionPolicyBinding "${v.binding.name}"`, ...where(v.binding.path) },
  ];
}

/** The metadata the three validation-action rules share (`failed` findings, the example with `action`). */
export function validationActionMeta(action: ValidationAction) {
  return {
    appliesTo: 'kubernetes',
    threat: 'access-control',
    principle: 'defence-in-depth',
    references: [{ standard: 'url', title: 'Kubernetes: Validating Admission Policy', href: 'https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/' }],
    aliases: [],
    messages: { failed: '{{message}} (ValidatingAdmissionPolicy "{{policy}}", binding "{{binding}}", {{action}}).' },
    examples: { bad: exampleDeployment(10), good: exampleDeployment(3), workspace: { 'policies/replica-limit.yaml': examplePolicy(action) } },
    remediation:
      "Change the object so the policy's validation holds (the message says what it expects), or, when the policy is wrong, change the policy in its own review. The finding links to the policy and its binding; `validationActions` of the binding sets the severity (Deny → error, Warn → warning, Audit → info).",
    since: '0.2.0',
  } as const satisfies Partial<RuleMeta<'failed'>>;
}

/** The check of a validation-action rule: the policy failures whose strongest action is `action`. */
export function validationActionCheck(action: ValidationAction) {
  return (ctx: K8sContext<'failed'>): void => {
    for (const v of admissionOutcome(ctx.k8s, ctx.workspace, ctx.src.uri).violations) {
      if (v.action !== action) continue;
      ctx.report({ messageId: 'failed', data: { message: v.message, policy: v.policy.name, binding: v.binding.name, action }, range: v.range, related: attribution(ctx, v) });
    }
  };
}
