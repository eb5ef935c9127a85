import { defineRule } from '../../rule';
import { FLAG_FIX, FLAG_MESSAGES, UNCITED_MESSAGE, checkClusterFlags, flagAliases, flagReferences, staticPodExample } from './clusterFlags';

export default defineRule({
  meta: {
    id: 'KC012',
    name: 'cluster-bind-address',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'Control-plane component listens on every interface',
    severity: 'warning',
    threat: 'insecure-network',
    principle: 'attack-surface',
    rationale:
      'kube-controller-manager and kube-scheduler serve health, metrics and (unless disabled) profiling endpoints. They only need to be reached from the node itself; bound to `0.0.0.0` (their default) they are reachable from the whole network. A kind cluster publishes its API server on 127.0.0.1 of the host unless `networking.apiServerAddress` says otherwise: `0.0.0.0` offers a cluster-admin API, with no authentication hardening, to the whole network.',
    remediation:
      "Start both with `--bind-address=127.0.0.1` (kubeadm's default); leave a kind cluster's `networking.apiServerAddress` at `127.0.0.1`, or give the address of the one interface that must reach it.",
    references: flagReferences('KC012'),
    aliases: flagAliases('KC012'),
    messages: { ...FLAG_MESSAGES, ...UNCITED_MESSAGE },
    fix: FLAG_FIX,
    examples: { bad: staticPodExample('kube-scheduler', ['bind-address=0.0.0.0', 'profiling=false']), good: staticPodExample('kube-scheduler', ['bind-address=127.0.0.1', 'profiling=false']) },
    since: '0.3.0',
  },
  check: (ctx) => checkClusterFlags(ctx, 'KC012'),
});
