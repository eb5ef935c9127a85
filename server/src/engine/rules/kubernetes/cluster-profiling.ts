import { defineRule } from '../../rule';
import { FLAG_FIX, FLAG_MESSAGES, checkClusterFlags, flagAliases, flagReferences, staticPodExample } from './clusterFlags';

export default defineRule({
  meta: {
    id: 'KC008',
    name: 'cluster-profiling',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'Control-plane component exposes profiling endpoints',
    severity: 'warning',
    threat: 'vulnerable-host',
    principle: 'attack-surface',
    rationale:
      "`--profiling` (on by default) serves `/debug/pprof`: heap and goroutine dumps that reveal the component's internals and can be requested over and over to load it. Production control planes do not need it.",
    remediation: 'Start kube-apiserver, kube-controller-manager and kube-scheduler with `--profiling=false`.',
    references: flagReferences('KC008'),
    aliases: flagAliases('KC008'),
    messages: FLAG_MESSAGES,
    fix: FLAG_FIX,
    examples: { bad: staticPodExample('kube-scheduler', ['bind-address=127.0.0.1']), good: staticPodExample('kube-scheduler', ['bind-address=127.0.0.1', 'profiling=false']) },
    since: '0.3.0',
  },
  check: (ctx) => checkClusterFlags(ctx, 'KC008'),
});
