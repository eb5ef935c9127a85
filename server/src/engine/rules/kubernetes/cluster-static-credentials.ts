import { defineRule } from '../../rule';
import { FLAG_FIX, FLAG_MESSAGES, checkClusterFlags, flagAliases, flagReferences, staticPodExample } from './clusterFlags';

export default defineRule({
  meta: {
    id: 'KC004',
    name: 'cluster-static-credentials',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'API server accepts static token or password files',
    severity: 'error',
    threat: 'exposed-secrets',
    principle: 'defence-in-depth',
    rationale:
      '`--token-auth-file` and `--basic-auth-file` hold long-lived bearer tokens or passwords in clear text on the control-plane disk; they cannot be rotated without restarting the API server and never expire, so a leaked copy stays valid.',
    remediation: 'Remove `--token-auth-file` and `--basic-auth-file`; authenticate people through OIDC or client certificates and workloads through service-account tokens.',
    references: flagReferences('KC004'),
    aliases: flagAliases('KC004'),
    messages: FLAG_MESSAGES,
    fix: FLAG_FIX,
    examples: { bad: staticPodExample('kube-apiserver', ['token-auth-file=/etc/kubernetes/tokens.csv']), good: staticPodExample('kube-apiserver', ['client-ca-file=/etc/kubernetes/pki/ca.crt']) },
    since: '0.3.0',
  },
  check: (ctx) => checkClusterFlags(ctx, 'KC004'),
});
