import { defineRule } from '../../rule';
import { isScalar, type Node, type YamlDocument } from '../../parse/yaml';
import { cisKubernetes } from '../../parse/k8sObjects';
import { rewriteScalar } from '../../edits/compose';

/** Levels that write request bodies into the log. */
const BODY_LEVELS = new Set(['Request', 'RequestResponse']);

const POLICY = (level: string) =>
  `apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n  - level: ${level}\n    resources:\n      - group: ""\n        resources: ["secrets", "configmaps"]\n  - level: Metadata\n`;

export default defineRule({
  meta: {
    id: 'KC019',
    name: 'audit-policy-coverage',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'Audit policy records nothing, or records Secrets in full',
    severity: 'warning',
    threat: 'access-control',
    principle: 'defence-in-depth',
    rationale:
      "An audit Policy without rules, or whose every rule is `level: None`, turns auditing off while `--audit-policy-file` makes it look on: no trace of who read a Secret or exec'd into a pod. The opposite mistake is as bad: `Request` or `RequestResponse` on Secrets copies each Secret's data into the audit log, which is shipped to and read by far more people than the Secrets themselves.",
    remediation:
      'Start from a policy that logs `Metadata` for Secrets, ConfigMaps and TokenReviews, `RequestResponse` only for the changes you must reconstruct (RBAC, pods), and `Metadata` as the catch-all last rule; use `None` only for known noise (health checks, `system:kube-proxy` watches).',
    references: [
      cisKubernetes('3.2.1', 'Ensure that a minimal audit policy is created'),
      cisKubernetes('3.2.2', 'Ensure that the audit policy covers key security concerns'),
      { standard: 'url', title: 'Kubernetes: Auditing (audit policy)', href: 'https://kubernetes.io/docs/tasks/debug/debug-cluster/audit/#audit-policy' },
      { standard: 'cwe', id: 532 },
    ],
    aliases: [],
    messages: {
      noRules: 'The audit Policy has no rules: nothing is logged.',
      allNone: 'Every rule of the audit Policy is level None: nothing is logged.',
      secretBodies: 'Secrets are logged at level {{level}}: their data lands in the audit log; log them at Metadata.',
    },
    fix: { applicability: 'unsafe', title: 'Log Secrets at Metadata level', review: 'the audit log no longer holds the request bodies of the resources of this rule' },
    examples: { bad: POLICY('RequestResponse'), good: POLICY('Metadata') },
    since: '0.3.0',
    related: ['KC009'],
  },
  check({ k8s, report }) {
    for (const object of k8s.objects) {
      if (object.kind !== 'Policy' || !object.apiVersion.startsWith('audit.k8s.io/')) continue;
      const doc = object.doc;
      const rules = doc.items(doc.get(object.node, 'rules'));
      if (rules.length === 0) {
        report({ messageId: 'noRules', range: doc.rangeOf(object.kindPair.key as Node) });
        continue;
      }
      if (rules.every((r) => doc.scalar(r, 'level') === 'None')) report({ messageId: 'allNone', range: doc.rangeOf(doc.get(rules[0], 'level') ?? rules[0]) });
      for (const rule of rules) {
        const level = doc.get(rule, 'level');
        if (!isScalar(level) || !BODY_LEVELS.has(String(level.value)) || !namesSecrets(doc, rule)) continue;
        report({ messageId: 'secretBodies', data: { level: String(level.value) }, range: doc.rangeOf(level), fix: [rewriteScalar(doc, level, 'Metadata')] });
      }
    }
  },
});

/** Whether a rule names Secrets of the core group among its resources. */
function namesSecrets(doc: YamlDocument, rule: Node): boolean {
  return doc.items(doc.get(rule, 'resources')).some((group) => {
    const name = doc.scalar(group, 'group');
    return (name === undefined || name === '') && doc.items(doc.get(group, 'resources')).some((r) => isScalar(r) && r.value === 'secrets');
  });
}
