import { defineRule } from '../../rule';
import { describeRole, grantOf, rbacRoles, WRITE_VERBS, type RbacQuery } from '../../parse/rbac';
import { RBAC_GOOD_PRACTICES } from '../../parse/k8sObjects';

interface Sensitive extends RbacQuery {
  impact: string;
}

const SENSITIVE: Sensitive[] = [
  {
    groups: ['admissionregistration.k8s.io'],
    resources: ['mutatingwebhookconfigurations', 'validatingwebhookconfigurations'],
    verbs: WRITE_VERBS,
    impact: 'it can intercept or rewrite every object sent to the API server',
  },
  {
    groups: ['certificates.k8s.io'],
    resources: ['certificatesigningrequests/approval'],
    verbs: ['update', 'patch'],
    impact: 'it can approve client certificates for any identity, system:masters included',
  },
  { groups: ['certificates.k8s.io'], resources: ['signers'], verbs: ['approve'], impact: 'it can approve client certificates for any identity, system:masters included' },
  { groups: [''], resources: ['services/status'], verbs: ['update', 'patch'], impact: 'it can redirect Service traffic to an address of its choice (CVE-2020-8554)' },
  {
    groups: ['', 'discovery.k8s.io', 'networking.k8s.io'],
    resources: ['endpoints', 'endpointslices', 'networkpolicies'],
    verbs: WRITE_VERBS,
    impact: 'it can reroute traffic between pods or lift network isolation',
  },
  { groups: [''], resources: ['configmaps'], verbs: WRITE_VERBS, impact: 'it can change the configuration workloads load at start, such as EKS aws-auth or CoreDNS' },
  { groups: [''], resources: ['pods/log'], verbs: ['delete', 'deletecollection'], impact: 'it can erase the traces of an intrusion' },
];

export default defineRule({
  meta: {
    id: 'K8S047',
    name: 'no-rbac-sensitive-resources',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'RBAC role can change security-sensitive objects',
    severity: 'warning',
    threat: 'access-control',
    principle: 'segregation-of-duties',
    rationale:
      "Some objects steer the cluster's own controls: admission webhooks see and rewrite every request, approved certificate requests become cluster identities, `services/status`, Endpoints and NetworkPolicies decide where traffic flows, and ConfigMaps such as EKS `aws-auth` or CoreDNS's decide who is admin and where names resolve. Writing them is a path to the whole cluster.",
    remediation: 'Grant these verbs only to the controller that owns the objects, restricted with `resourceNames` where the API allows it; give everyone else read access at most.',
    references: [RBAC_GOOD_PRACTICES, { standard: 'cwe', id: 269 }],
    aliases: [
      { tool: 'checkov', id: 'CKV_K8S_155' },
      { tool: 'checkov', id: 'CKV_K8S_156' },
      { tool: 'checkov', id: 'CKV2_K8S_4' },
      { tool: 'trivy', id: 'AVD-KSV-0042' },
      { tool: 'trivy', id: 'AVD-KSV-0049' },
      { tool: 'trivy', id: 'AVD-KSV-0056' },
      { tool: 'trivy', id: 'AVD-KSV-0114' },
      { tool: 'trivy', id: 'AVD-KSV-0115' },
    ],
    messages: { sensitive: '{{role}} can {{verbs}} {{resources}}: {{impact}}.' },
    examples: {
      bad: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: injector\nrules:\n  - apiGroups: ["admissionregistration.k8s.io"]\n    resources: ["mutatingwebhookconfigurations"]\n    verbs: ["create", "update"]\n',
      good: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: injector\nrules:\n  - apiGroups: ["admissionregistration.k8s.io"]\n    resources: ["mutatingwebhookconfigurations"]\n    verbs: ["get", "list", "watch"]\n',
    },
    since: '0.2.0',
    related: ['K8S045'],
  },
  check({ k8s, report }) {
    for (const role of rbacRoles(k8s)) {
      for (const rule of role.rules) {
        for (const s of SENSITIVE) {
          const g = grantOf(rule, s);
          if (!g) continue;
          report({
            messageId: 'sensitive',
            data: { role: describeRole(role), verbs: g.verbs.join('/'), resources: g.covered.join(', '), impact: s.impact },
            range: role.object.doc.rangeOf(g.resources[0].node),
          });
        }
      }
    }
  },
});
