import { defineRule } from '../../rule';
import { FLAG_FIX, FLAG_MESSAGES, checkClusterFlags, flagAliases, flagReferences, staticPodExample } from './clusterFlags';

export default defineRule({
  meta: {
    id: 'KC011',
    name: 'cluster-service-account-credentials',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'Service-account tokens are not verified or controllers share one identity',
    severity: 'warning',
    threat: 'access-control',
    principle: 'least-privilege',
    rationale:
      "Service-account tokens are only as good as the keys that sign and verify them: without `--service-account-key-file` (API server) and `--service-account-private-key-file` (controller manager) they cannot be verified across restarts, and `--service-account-lookup=false` keeps tokens of deleted accounts valid. Without `--use-service-account-credentials`, every controller runs with the controller manager's own, all-powerful identity instead of a narrowly bound one; without `--root-ca-file`, pods cannot verify the API server they talk to.",
    remediation:
      'Set `--service-account-lookup=true` and `--service-account-key-file` on kube-apiserver, and `--use-service-account-credentials=true`, `--service-account-private-key-file` and `--root-ca-file` on kube-controller-manager.',
    references: flagReferences('KC011'),
    aliases: flagAliases('KC011'),
    messages: FLAG_MESSAGES,
    fix: FLAG_FIX,
    examples: {
      bad: staticPodExample('kube-controller-manager', [
        'service-account-private-key-file=/etc/kubernetes/pki/sa.key',
        'root-ca-file=/etc/kubernetes/pki/ca.crt',
        'use-service-account-credentials=false',
      ]),
      good: staticPodExample('kube-controller-manager', [
        'service-account-private-key-file=/etc/kubernetes/pki/sa.key',
        'root-ca-file=/etc/kubernetes/pki/ca.crt',
        'use-service-account-credentials=true',
      ]),
    },
    since: '0.3.0',
  },
  check: (ctx) => checkClusterFlags(ctx, 'KC011'),
});
