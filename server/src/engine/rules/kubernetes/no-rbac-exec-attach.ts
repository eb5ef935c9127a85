import { defineRule } from '../../rule';
import { describeRole, grantOf, rbacRoles, type RbacQuery } from '../../parse/rbac';
import { RBAC_GOOD_PRACTICES } from '../../parse/k8sObjects';

// What each rule of every role is asked, made once. Exec over WebSocket starts with a GET, and so does
// port-forwarding; kubelet proxy reads are as dangerous as writes.
const EXEC_ATTACH: RbacQuery = { groups: [''], resources: ['pods/exec', 'pods/attach'], verbs: ['create', 'get'] };
const EPHEMERAL_CONTAINERS: RbacQuery = { groups: [''], resources: ['pods/ephemeralcontainers'], verbs: ['update', 'patch'] };
const PORT_FORWARD: RbacQuery = { groups: [''], resources: ['pods/portforward'], verbs: ['create', 'get'] };
const NODE_PROXY: RbacQuery = { groups: [''], resources: ['nodes/proxy'], verbs: ['get', 'create', 'update', 'patch', 'delete'] };

export default defineRule({
  meta: {
    id: 'K8S043',
    name: 'no-rbac-exec-attach',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'RBAC role can exec into pods, tunnel into them or proxy to nodes',
    severity: 'warning',
    threat: 'access-control',
    principle: 'least-privilege',
    rationale:
      "`pods/exec` and `pods/attach` open a shell in running containers, with their service-account tokens and mounted Secrets; `pods/ephemeralcontainers` adds a debug container to any pod. `pods/portforward` tunnels the holder's network traffic straight into a pod's ports, reaching admin and debug ports no Service exposes and bypassing NetworkPolicy. `nodes/proxy` reaches the kubelet API, which runs commands in every pod of the node and bypasses API-server audit and admission.",
    remediation:
      'Grant exec/attach only to break-glass roles bound for the time of an incident, and never `nodes/proxy` outside monitoring agents that need only `get` on `nodes/metrics`/`nodes/stats`.',
    references: [RBAC_GOOD_PRACTICES, { standard: 'cwe', id: 269 }],
    aliases: [
      { tool: 'checkov', id: 'CKV2_K8S_2' },
      { tool: 'trivy', id: 'AVD-KSV-0047' },
      { tool: 'trivy', id: 'AVD-KSV-0053' },
      { tool: 'trivy', id: 'AVD-KSV-0054' },
      { tool: 'polaris', id: 'clusterrolePodExecAttach' },
      { tool: 'polaris', id: 'rolePodExecAttach' },
      { tool: 'polaris', id: 'clusterrolebindingPodExecAttach' },
      { tool: 'polaris', id: 'rolebindingClusterRolePodExecAttach' },
      { tool: 'polaris', id: 'rolebindingRolePodExecAttach' },
    ],
    messages: {
      exec: '{{role}} can {{verbs}} {{resources}}: it can run commands inside other pods.',
      portForward: '{{role}} can {{verbs}} pods/portforward: it can open network tunnels into other pods, past Services and NetworkPolicy.',
      nodeProxy: '{{role}} can {{verbs}} nodes/proxy: the kubelet API runs commands in every pod of a node, outside API-server audit.',
    },
    examples: {
      bad: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: debug\nrules:\n  - apiGroups: [""]\n    resources: ["pods", "pods/exec"]\n    verbs: ["get", "create"]\n',
      good: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: debug\nrules:\n  - apiGroups: [""]\n    resources: ["pods", "pods/log"]\n    verbs: ["get"]\n',
    },
    since: '0.2.0',
    related: ['K8S042'],
  },
  check({ k8s, report }) {
    for (const role of rbacRoles(k8s)) {
      for (const rule of role.rules) {
        const exec = [grantOf(rule, EXEC_ATTACH), grantOf(rule, EPHEMERAL_CONTAINERS)].filter((g) => g !== undefined);
        const data = { role: describeRole(role) };
        if (exec.length) {
          report({
            messageId: 'exec',
            data: { ...data, verbs: [...new Set(exec.flatMap((g) => g.verbs))].join('/'), resources: exec.flatMap((g) => g.covered).join(', ') },
            range: role.object.doc.rangeOf(exec[0].resources[0].node),
          });
        }
        // A role that can exec can reach the ports anyway.
        const forward = exec.length ? undefined : grantOf(rule, PORT_FORWARD);
        if (forward) report({ messageId: 'portForward', data: { ...data, verbs: forward.verbs.join('/') }, range: role.object.doc.rangeOf(forward.resources[0].node) });
        const proxy = grantOf(rule, NODE_PROXY);
        if (proxy) report({ messageId: 'nodeProxy', data: { ...data, verbs: proxy.verbs.join('/') }, range: role.object.doc.rangeOf(proxy.resources[0].node) });
      }
    }
  },
});
