import { defineRule } from '../../rule';
import { FLAG_FIX, FLAG_MESSAGES, UNCITED_MESSAGE, checkClusterFlags, flagAliases, flagReferences, staticPodExample } from './clusterFlags';

export default defineRule({
  meta: {
    id: 'KC014',
    name: 'cluster-weak-tls',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'Control-plane TLS allows weak cipher suites or protocol versions',
    severity: 'warning',
    threat: 'insecure-network',
    principle: 'defence-in-depth',
    rationale:
      'CBC-mode, RC4, 3DES and non-ECDHE suites, and TLS 1.0/1.1, are open to known attacks (BEAST, Lucky13, SWEET32) or lack forward secrecy: recorded control-plane traffic, tokens included, can be decrypted later.',
    remediation:
      'Limit `--tls-cipher-suites` (kubelet `tlsCipherSuites`, etcd `--cipher-suites`) to ECDHE suites with AES-GCM or ChaCha20-Poly1305, and set `--tls-min-version=VersionTLS12` or higher.',
    references: flagReferences('KC014'),
    aliases: flagAliases('KC014'),
    messages: { ...FLAG_MESSAGES, ...UNCITED_MESSAGE },
    fix: FLAG_FIX,
    examples: {
      bad: staticPodExample('kube-apiserver', ['tls-cipher-suites=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_RSA_WITH_3DES_EDE_CBC_SHA']),
      good: staticPodExample('kube-apiserver', ['tls-cipher-suites=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384']),
    },
    since: '0.3.0',
  },
  check: (ctx) => checkClusterFlags(ctx, 'KC014'),
});
