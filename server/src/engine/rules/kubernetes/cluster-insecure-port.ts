import { defineRule } from '../../rule';
import { FLAG_FIX, FLAG_MESSAGES, checkClusterFlags, flagAliases, flagReferences, staticPodExample } from './clusterFlags';

export default defineRule({
  meta: {
    id: 'KC003',
    name: 'cluster-insecure-port',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'Control-plane API served without TLS or authentication',
    severity: 'error',
    threat: 'insecure-network',
    principle: 'attack-surface',
    rationale:
      "The API server's insecure port (`--insecure-port`, `--insecure-bind-address`, removed in Kubernetes 1.24 but still accepted by older releases) serves the whole API over plain HTTP with no authentication or authorization at all. The kubelet's read-only port (10255) serves pod specs, environment variables included, to anyone on the network. `--secure-port=0` turns off the authenticated port.",
    remediation:
      'Remove `--insecure-bind-address`, set `--insecure-port=0` (or upgrade past 1.24 where it is gone), keep `--secure-port` non-zero, and set `readOnlyPort: 0` in the KubeletConfiguration.',
    references: flagReferences('KC003'),
    aliases: flagAliases('KC003'),
    messages: FLAG_MESSAGES,
    fix: FLAG_FIX,
    examples: { bad: staticPodExample('kube-apiserver', ['insecure-port=8080']), good: staticPodExample('kube-apiserver', ['insecure-port=0']) },
    since: '0.3.0',
  },
  check: (ctx) => checkClusterFlags(ctx, 'KC003'),
});
