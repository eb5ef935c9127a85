import { defineRule } from '../../rule';
import { FLAG_FIX, FLAG_MESSAGES, checkClusterFlags, flagAliases, flagReferences, staticPodExample } from './clusterFlags';

export default defineRule({
  meta: {
    id: 'KC009',
    name: 'cluster-audit-log',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'API server keeps no audit log, or rotates it away too soon',
    severity: 'warning',
    threat: 'access-control',
    principle: 'defence-in-depth',
    rationale:
      "Without `--audit-log-path` (and a policy in `--audit-policy-file`) nothing records who read a Secret, who exec'd into a pod or who changed a binding: an intrusion leaves no trace to investigate. Short retention (`--audit-log-maxage` under 30 days, fewer than 10 backups of under 100 MB) deletes the evidence before anyone looks.",
    remediation: 'Set `--audit-policy-file`, `--audit-log-path`, `--audit-log-maxage=30`, `--audit-log-maxbackup=10` and `--audit-log-maxsize=100` (or ship the log elsewhere with a webhook backend).',
    references: flagReferences('KC009'),
    aliases: flagAliases('KC009'),
    messages: FLAG_MESSAGES,
    fix: FLAG_FIX,
    examples: {
      bad: staticPodExample('kube-apiserver', [
        'audit-policy-file=/etc/kubernetes/audit-policy.yaml',
        'audit-log-path=/var/log/kubernetes/audit.log',
        'audit-log-maxage=7',
        'audit-log-maxbackup=10',
        'audit-log-maxsize=100',
      ]),
      good: staticPodExample('kube-apiserver', [
        'audit-policy-file=/etc/kubernetes/audit-policy.yaml',
        'audit-log-path=/var/log/kubernetes/audit.log',
        'audit-log-maxage=30',
        'audit-log-maxbackup=10',
        'audit-log-maxsize=100',
      ]),
    },
    since: '0.3.0',
  },
  check: (ctx) => checkClusterFlags(ctx, 'KC009'),
});
