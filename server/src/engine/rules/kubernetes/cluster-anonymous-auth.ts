import { defineRule } from '../../rule';
import { FLAG_FIX, FLAG_MESSAGES, checkClusterFlags, flagAliases, flagReferences, staticPodExample } from './clusterFlags';

export default defineRule({
  meta: {
    id: 'KC001',
    name: 'cluster-anonymous-auth',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'Control-plane component accepts anonymous requests',
    severity: 'error',
    threat: 'access-control',
    principle: 'least-privilege',
    rationale:
      'With anonymous authentication on, a request without credentials is served as `system:anonymous`: whatever RBAC grants that user or `system:unauthenticated` (discovery, health, and anything a careless binding adds) is open to everyone who can reach the port. On the kubelet it is worse: its API runs commands in pods and reads their logs.',
    remediation:
      'Start kube-apiserver with `--anonymous-auth=false`, and set `authentication.anonymous.enabled: false` in the KubeletConfiguration (or `--anonymous-auth=false` on the kubelet). Probes that hit `/livez` or `/readyz` anonymously then need credentials, or keep anonymous access and bind `system:anonymous` to nothing but the health endpoints (Kubernetes 1.32 `AnonymousAuthConfigurableEndpoints`).',
    references: flagReferences('KC001'),
    aliases: flagAliases('KC001'),
    messages: FLAG_MESSAGES,
    fix: FLAG_FIX,
    examples: { bad: staticPodExample('kube-apiserver', ['anonymous-auth=true']), good: staticPodExample('kube-apiserver', ['anonymous-auth=false']) },
    since: '0.3.0',
  },
  check: (ctx) => checkClusterFlags(ctx, 'KC001'),
});
