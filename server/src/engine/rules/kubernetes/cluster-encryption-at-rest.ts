import { defineRule } from '../../rule';
import { FLAG_MESSAGES, checkClusterFlags, flagAliases, flagReferences, staticPodExample } from './clusterFlags';

export default defineRule({
  meta: {
    id: 'KC010',
    name: 'cluster-encryption-at-rest',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'API server stores Secrets unencrypted in etcd',
    severity: 'warning',
    threat: 'exposed-secrets',
    principle: 'defence-in-depth',
    rationale:
      "Without `--encryption-provider-config`, Secrets are written to etcd as base64 only: an etcd backup, a disk snapshot or read access to etcd's data directory discloses every credential in the cluster.",
    remediation:
      'Write an `EncryptionConfiguration` covering `secrets` (KMS v2 or `aesgcm`/`secretbox`, `identity` last) and pass it with `--encryption-provider-config`; then rewrite existing Secrets (`kubectl get secrets -A -o json | kubectl replace -f -`).',
    references: flagReferences('KC010'),
    aliases: flagAliases('KC010'),
    messages: FLAG_MESSAGES,
    examples: {
      bad: staticPodExample('kube-apiserver', ['authorization-mode=Node,RBAC']),
      good: staticPodExample('kube-apiserver', ['encryption-provider-config=/etc/kubernetes/enc/encryption.yaml']),
    },
    since: '0.3.0',
  },
  check: (ctx) => checkClusterFlags(ctx, 'KC010'),
});
