import { defineRule } from '../../rule';
import { FLAG_FIX, FLAG_MESSAGES, checkClusterFlags, flagAliases, flagReferences, kubeletConfigExample } from './clusterFlags';

export default defineRule({
  meta: {
    id: 'KC016',
    name: 'kubelet-host-protection',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: "Kubelet does not protect the node's kernel and network settings",
    severity: 'warning',
    threat: 'vulnerable-host',
    principle: 'defence-in-depth',
    rationale:
      "Without `protectKernelDefaults` the kubelet silently accepts kernel parameters that differ from what it needs instead of refusing to start; with `makeIPTablesUtilChains: false` it leaves iptables rules to other tools, and pod traffic rules drift from what the kubelet expects. `--hostname-override` breaks the match between a node's name and its certificate that the Node authorizer relies on.",
    remediation:
      'Set `protectKernelDefaults: true` (after tuning the kernel parameters it checks) and keep `makeIPTablesUtilChains: true` in the KubeletConfiguration; do not pass `--hostname-override`.',
    references: flagReferences('KC016'),
    aliases: flagAliases('KC016'),
    messages: FLAG_MESSAGES,
    fix: FLAG_FIX,
    examples: { bad: kubeletConfigExample(['protectKernelDefaults: false']), good: kubeletConfigExample(['protectKernelDefaults: true']) },
    since: '0.3.0',
  },
  check: (ctx) => checkClusterFlags(ctx, 'KC016'),
});
