import { defineRule } from '../../rule';
import { FLAG_FIX, FLAG_MESSAGES, checkClusterFlags, flagAliases, flagReferences, staticPodExample } from './clusterFlags';

export default defineRule({
  meta: {
    id: 'KC007',
    name: 'cluster-admission-plugins',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'API server admission plugins weaken node or namespace isolation',
    severity: 'warning',
    threat: 'access-control',
    principle: 'blast-radius',
    rationale:
      '`NodeRestriction` limits what a kubelet may change to its own Node and the pods bound to it; without it one compromised node can relabel other nodes to attract workloads or edit any pod. `AlwaysAdmit` admits everything; disabling `ServiceAccount` or `NamespaceLifecycle` lets pods run with service accounts that do not exist and objects land in namespaces being deleted.',
    remediation: 'Include `NodeRestriction` in `--enable-admission-plugins`, never `AlwaysAdmit`, and keep `ServiceAccount` and `NamespaceLifecycle` out of `--disable-admission-plugins`.',
    references: flagReferences('KC007'),
    aliases: flagAliases('KC007'),
    messages: FLAG_MESSAGES,
    fix: FLAG_FIX,
    examples: { bad: staticPodExample('kube-apiserver', ['enable-admission-plugins=AlwaysAdmit']), good: staticPodExample('kube-apiserver', ['enable-admission-plugins=NodeRestriction']) },
    since: '0.3.0',
  },
  check: (ctx) => checkClusterFlags(ctx, 'KC007'),
});
