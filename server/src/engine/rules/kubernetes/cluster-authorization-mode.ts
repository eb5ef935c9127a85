import { defineRule } from '../../rule';
import { FLAG_FIX, FLAG_MESSAGES, checkClusterFlags, flagAliases, flagReferences, staticPodExample } from './clusterFlags';

export default defineRule({
  meta: {
    id: 'KC002',
    name: 'cluster-authorization-mode',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'Authorization does not use Node and RBAC, or allows every request',
    severity: 'error',
    threat: 'access-control',
    principle: 'least-privilege',
    rationale:
      "`--authorization-mode=AlwaysAllow` (the API server's default when the flag is absent) lets every authenticated request do anything: RBAC objects are then decoration. Without `Node`, kubelets are authorized by RBAC alone and can read every Secret instead of only their pods'. A kubelet with `authorization.mode: AlwaysAllow` serves exec, logs and port-forward to any client it authenticates.",
    remediation: 'Start kube-apiserver with `--authorization-mode=Node,RBAC` (add `Webhook` if you use one), and give the kubelet `authorization.mode: Webhook` so it asks the API server.',
    references: flagReferences('KC002'),
    aliases: flagAliases('KC002'),
    messages: FLAG_MESSAGES,
    fix: FLAG_FIX,
    examples: { bad: staticPodExample('kube-apiserver', ['authorization-mode=AlwaysAllow']), good: staticPodExample('kube-apiserver', ['authorization-mode=Node,RBAC']) },
    since: '0.3.0',
  },
  check: (ctx) => checkClusterFlags(ctx, 'KC002'),
});
