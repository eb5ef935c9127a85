import { defineRule } from '../../rule';
import { FLAG_FIX, FLAG_MESSAGES, checkClusterFlags, flagAliases, flagReferences, kubeletConfigExample } from './clusterFlags';

export default defineRule({
  meta: {
    id: 'KC013',
    name: 'cluster-cert-rotation',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'Kubelet certificates are not rotated',
    severity: 'warning',
    threat: 'insecure-network',
    principle: 'defence-in-depth',
    rationale:
      'Kubelet client and serving certificates expire; without rotation (`rotateCertificates`, the `RotateKubeletServerCertificate` feature) they are either renewed by hand with long lifetimes or let lapse, and a stolen certificate stays usable for its whole long life.',
    remediation: 'Set `rotateCertificates: true` in the KubeletConfiguration and never turn `RotateKubeletServerCertificate` off in `--feature-gates` (kubelet or controller manager).',
    references: flagReferences('KC013'),
    aliases: flagAliases('KC013'),
    messages: FLAG_MESSAGES,
    fix: FLAG_FIX,
    examples: { bad: kubeletConfigExample(['rotateCertificates: false']), good: kubeletConfigExample(['rotateCertificates: true']) },
    since: '0.3.0',
  },
  check: (ctx) => checkClusterFlags(ctx, 'KC013'),
});
