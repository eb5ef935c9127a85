import { defineRule } from '../../rule';
import { FLAG_FIX, FLAG_MESSAGES, checkClusterFlags, flagAliases, flagReferences, staticPodExample } from './clusterFlags';

export default defineRule({
  meta: {
    id: 'KC005',
    name: 'cluster-api-tls',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'API server connections are not authenticated with TLS certificates',
    severity: 'error',
    threat: 'insecure-network',
    principle: 'defence-in-depth',
    rationale:
      "The API server talks to clients, kubelets and etcd. Without its own serving certificate and a client CA it cannot prove who it is nor check who calls; without `--kubelet-certificate-authority` it trusts any kubelet endpoint (a man in the middle sees exec sessions and logs); without etcd client certificates and CA its link to the cluster's database, every Secret included, is unauthenticated. A kubelet without a client CA cannot authenticate the API server's requests.",
    remediation:
      'Give kube-apiserver `--tls-cert-file`/`--tls-private-key-file`, `--client-ca-file`, `--kubelet-client-certificate`/`--kubelet-client-key`, `--kubelet-certificate-authority`, and `--etcd-certfile`/`--etcd-keyfile`/`--etcd-cafile`; give the kubelet `authentication.x509.clientCAFile`. With kubeadm, `--kubelet-certificate-authority` needs signed kubelet serving certificates (`serverTLSBootstrap: true`) first.',
    references: flagReferences('KC005'),
    aliases: flagAliases('KC005'),
    messages: FLAG_MESSAGES,
    fix: FLAG_FIX,
    examples: {
      bad: staticPodExample('kube-apiserver', [
        'client-ca-file=/etc/kubernetes/pki/ca.crt',
        'etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt',
        'etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt',
        'etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key',
        'kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt',
        'kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key',
        'kubelet-certificate-authority=/etc/kubernetes/pki/ca.crt',
      ]),
      good: staticPodExample('kube-apiserver', [
        'client-ca-file=/etc/kubernetes/pki/ca.crt',
        'etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt',
        'etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt',
        'etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key',
        'kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt',
        'kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key',
        'kubelet-certificate-authority=/etc/kubernetes/pki/ca.crt',
        'tls-cert-file=/etc/kubernetes/pki/apiserver.crt',
        'tls-private-key-file=/etc/kubernetes/pki/apiserver.key',
      ]),
    },
    since: '0.3.0',
  },
  check: (ctx) => checkClusterFlags(ctx, 'KC005'),
});
