import { defineRule } from '../../rule';
import { FLAG_FIX, FLAG_MESSAGES, checkClusterFlags, flagAliases, flagReferences, staticPodExample } from './clusterFlags';

export default defineRule({
  meta: {
    id: 'KC012',
    name: 'cluster-bind-address',
    appliesTo: 'kubernetes',
    title: 'Controller manager or scheduler listens on every interface',
    severity: 'warning',
    threat: 'insecure-network',
    principle: 'attack-surface',
    rationale:
      'kube-controller-manager and kube-scheduler serve health, metrics and (unless disabled) profiling endpoints. They only need to be reached from the node itself; bound to `0.0.0.0` (their default) they are reachable from the whole network.',
    remediation: "Start both with `--bind-address=127.0.0.1` (kubeadm's default).",
    references: flagReferences('KC012'),
    aliases: flagAliases('KC012'),
    messages: FLAG_MESSAGES,
    fix: FLAG_FIX,
    examples: { bad: staticPodExample('kube-scheduler', ['bind-address=0.0.0.0', 'profiling=false']), good: staticPodExample('kube-scheduler', ['bind-address=127.0.0.1', 'profiling=false']) },
    since: '0.3.0',
  },
  check: (ctx) => checkClusterFlags(ctx, 'KC012'),
});
