import { defineRule } from '../../rule';
import { describeRole, grantOf, rbacRoles, type RbacGrant, type RbacQuery } from '../../parse/rbac';
import { RBAC_GOOD_PRACTICES } from '../../parse/k8sObjects';

const RBAC = ['rbac.authorization.k8s.io'];

/** What each door is asked as, made once: every rule of every role is asked all four. */
const ESCALATE: RbacQuery = { groups: RBAC, resources: ['roles', 'clusterroles'], verbs: ['escalate', 'bind'] };
const IMPERSONATE: RbacQuery = { groups: ['', 'authentication.k8s.io'], resources: ['users', 'groups', 'serviceaccounts', 'uids', 'userextras/*'], verbs: ['impersonate'] };
const MANAGE_RBAC: RbacQuery = { groups: RBAC, resources: ['roles', 'clusterroles', 'rolebindings', 'clusterrolebindings'], verbs: ['create', 'update', 'patch'] };
const MINT_TOKENS: RbacQuery = { groups: [''], resources: ['serviceaccounts/token'], verbs: ['create'] };

export default defineRule({
  meta: {
    id: 'K8S045',
    name: 'no-rbac-escalation',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'RBAC role can escalate its own privileges',
    severity: 'error',
    threat: 'access-control',
    principle: 'segregation-of-duties',
    rationale:
      "RBAC stops a subject from granting rights it does not hold, except through these doors: `escalate` edits roles beyond its own rights, `bind` binds any role, `impersonate` acts as any user, group or service account, writing Roles/Bindings hands the writer's rights to anyone (any rights, combined with `bind` or `escalate`), and `serviceaccounts/token` mints tokens of other service accounts. Each one is a path to cluster-admin.",
    remediation:
      'Remove these verbs and resources from roles of workloads and people; keep RBAC changes with cluster administrators or the GitOps controller. If a controller must bind roles, restrict `bind` with `resourceNames` to the roles it hands out.',
    references: [
      RBAC_GOOD_PRACTICES,
      {
        standard: 'url',
        title: 'Kubernetes: Privilege escalation prevention and bootstrapping',
        href: 'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#privilege-escalation-prevention-and-bootstrapping',
      },
      { standard: 'cwe', id: 269 },
    ],
    aliases: [
      { tool: 'checkov', id: 'CKV_K8S_157' },
      { tool: 'checkov', id: 'CKV_K8S_158' },
      { tool: 'checkov', id: 'CKV2_K8S_1' },
      { tool: 'checkov', id: 'CKV2_K8S_3' },
      { tool: 'trivy', id: 'AVD-KSV-0043' },
      { tool: 'trivy', id: 'AVD-KSV-0050' },
      { tool: 'trivy', id: 'AVD-KSV-0051' },
      { tool: 'trivy', id: 'AVD-KSV-0052' },
      { tool: 'trivy', id: 'AVD-KSV-0055' },
    ],
    messages: {
      escalateOrBind: '{{role}} can {{verbs}} roles: it can grant itself or others rights it does not hold.',
      impersonate: '{{role}} can impersonate {{resources}}: it acts with their rights.',
      manageRbac: '{{role}} can {{verbs}} {{resources}}: it can hand its own rights to any other subject.',
      mintTokens: '{{role}} can create tokens for other service accounts and act with their rights.',
    },
    examples: {
      bad: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: operator\nrules:\n  - apiGroups: ["rbac.authorization.k8s.io"]\n    resources: ["clusterrolebindings"]\n    verbs: ["create"]\n',
      good: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: operator\nrules:\n  - apiGroups: ["rbac.authorization.k8s.io"]\n    resources: ["clusterrolebindings"]\n    verbs: ["get", "list"]\n',
    },
    since: '0.2.0',
    related: ['K8S040', 'K8S044'],
  },
  check({ k8s, report }) {
    for (const role of rbacRoles(k8s)) {
      const doc = role.object.doc;
      const say = (messageId: 'escalateOrBind' | 'impersonate' | 'manageRbac' | 'mintTokens', g: RbacGrant, verbNode = false): void => {
        const verb = verbNode ? g.rule.verbs.find((v) => g.verbs.includes(v.value.toLowerCase())) : undefined;
        report({ messageId, data: { role: describeRole(role), verbs: g.verbs.join('/'), resources: g.covered.join(', ') }, range: doc.rangeOf((verb ?? g.resources[0]).node) });
      };
      for (const rule of role.rules) {
        const escalate = grantOf(rule, ESCALATE);
        if (escalate) say('escalateOrBind', escalate, true);
        const impersonate = grantOf(rule, IMPERSONATE);
        if (impersonate) say('impersonate', impersonate, true);
        const manage = grantOf(rule, MANAGE_RBAC);
        if (manage) say('manageRbac', manage);
        const tokens = grantOf(rule, MINT_TOKENS);
        if (tokens && !rule.resourceNames.length) say('mintTokens', tokens);
      }
    }
  },
});
