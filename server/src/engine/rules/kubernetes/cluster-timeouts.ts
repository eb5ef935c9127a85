import { defineRule } from '../../rule';
import { FLAG_MESSAGES, checkClusterFlags, flagAliases, flagReferences, staticPodExample } from './clusterFlags';

export default defineRule({
  meta: {
    id: 'KC015',
    name: 'cluster-timeouts',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'Control-plane connections never time out',
    severity: 'warning',
    threat: 'vulnerable-host',
    principle: 'attack-surface',
    rationale:
      'A zero kubelet `streamingConnectionIdleTimeout` keeps idle exec, attach and port-forward streams open forever, a resource drain and a door left open; an API server `--request-timeout` of zero or hours lets slow clients hold connections and exhaust the server.',
    remediation:
      "Keep `--request-timeout` at a bounded value (the default `60s`, or minutes for large clusters) and set the kubelet's `streamingConnectionIdleTimeout` to a non-zero value such as `5m`.",
    references: flagReferences('KC015'),
    aliases: flagAliases('KC015'),
    messages: FLAG_MESSAGES,
    examples: { bad: staticPodExample('kube-apiserver', ['request-timeout=3h']), good: staticPodExample('kube-apiserver', ['request-timeout=60s']) },
    since: '0.3.0',
  },
  check: (ctx) => checkClusterFlags(ctx, 'KC015'),
});
