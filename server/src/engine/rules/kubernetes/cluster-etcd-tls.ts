import { defineRule } from '../../rule';
import { FLAG_FIX, FLAG_MESSAGES, checkClusterFlags, flagAliases, flagReferences, staticPodExample } from './clusterFlags';

export default defineRule({
  meta: {
    id: 'KC006',
    name: 'cluster-etcd-tls',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'etcd does not require TLS client certificates',
    severity: 'error',
    threat: 'exposed-secrets',
    principle: 'defence-in-depth',
    rationale:
      'etcd holds every object of the cluster, Secrets included (in clear text unless encryption at rest is configured). Without `--client-cert-auth=true` anyone who reaches its client port reads and writes them; without peer certificates and `--peer-client-cert-auth` a rogue member can join. `--auto-tls`/`--peer-auto-tls` generate self-signed certificates that nobody verifies.',
    remediation:
      'Start etcd with `--cert-file`/`--key-file`, `--client-cert-auth=true`, `--peer-cert-file`/`--peer-key-file`, `--peer-client-cert-auth=true`, and without `--auto-tls` or `--peer-auto-tls` (kubeadm does all of this by default).',
    references: flagReferences('KC006'),
    aliases: flagAliases('KC006'),
    messages: FLAG_MESSAGES,
    fix: FLAG_FIX,
    examples: {
      bad: staticPodExample('etcd', [
        'cert-file=/etc/kubernetes/pki/etcd/server.crt',
        'key-file=/etc/kubernetes/pki/etcd/server.key',
        'peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt',
        'peer-key-file=/etc/kubernetes/pki/etcd/peer.key',
        'peer-client-cert-auth=true',
        'client-cert-auth=false',
      ]),
      good: staticPodExample('etcd', [
        'cert-file=/etc/kubernetes/pki/etcd/server.crt',
        'key-file=/etc/kubernetes/pki/etcd/server.key',
        'peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt',
        'peer-key-file=/etc/kubernetes/pki/etcd/peer.key',
        'peer-client-cert-auth=true',
        'client-cert-auth=true',
      ]),
    },
    since: '0.3.0',
  },
  check: (ctx) => checkClusterFlags(ctx, 'KC006'),
});
