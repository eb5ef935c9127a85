import { defineRule } from '../../rule';
import { isScalar, type Node } from '../../parse/yaml';
import { isPlaceholder } from '../../policy/secrets';
import { gitIgnores } from '../../movedSecrets';
import { decodeBase64Text } from '../../parse/base64';

/** base64 of a placeholder (`${DB_PASSWORD}`, `<password>`) still commits nothing; the decoded text is never shown. */
function decodesToPlaceholder(value: string): boolean {
  const compact = value.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return false;
  return isPlaceholder(decodeBase64Text(compact));
}

export default defineRule({
  meta: {
    id: 'K8S083',
    name: 'no-committed-secret',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'Secret values committed with the manifests',
    severity: 'info',
    threat: 'exposed-secrets',
    principle: 'defence-in-depth',
    rationale:
      'A `kind: Secret` with `data` or `stringData` puts the credentials themselves in the repository: base64 is an encoding, not encryption, so everyone with read access to the repository, its forks and its CI logs holds them, long after they are rotated in the cluster.',
    remediation:
      'Keep only references in the repository: an external secret store synchronised by an operator (External Secrets Operator, Secrets Store CSI Driver), or Sealed Secrets / SOPS-encrypted files that only the cluster can decrypt. Rotate any value that was committed. A file Git ignores is not reported (such as the Secret manifest the K8S080 fix writes beside a workload): it is not committed.',
    references: [
      { standard: 'cwe', id: 312 },
      { standard: 'cwe', id: 540 },
      { standard: 'url', title: 'Kubernetes: Good practices for Kubernetes Secrets', href: 'https://kubernetes.io/docs/concepts/security/secrets-good-practices/' },
    ],
    aliases: [],
    messages: { committed: 'Secret "{{secret}}" commits {{count}} value(s) ({{keys}}); use an external secret store or sealed secrets.' },
    examples: {
      bad: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\nstringData:\n  password: hunter2hunter2\n',
      good: 'apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nmetadata:\n  name: db\nspec:\n  secretStoreRef:\n    name: vault\n    kind: ClusterSecretStore\n  target:\n    name: db\n  data:\n    - secretKey: password\n      remoteRef:\n        key: prod/db\n        property: password\n',
    },
    since: '0.2.0',
    related: ['K8S081'],
  },
  check({ k8s, report, workspace }) {
    // A file Git ignores is not committed (e.g. the Secret manifest K8S080's fix writes).
    if (workspace && gitIgnores(workspace, workspace.documentPath)) return;
    for (const object of k8s.objects) {
      if (object.kind !== 'Secret') continue;
      const doc = object.doc;
      // A service-account token Secret without data is a request for the token controller to fill it in.
      const keys: string[] = [];
      let anchor: Node | undefined;
      for (const field of ['data', 'stringData']) {
        const pair = doc.pair(object.node, field);
        for (const { key, pair: entry } of doc.entries(pair?.value)) {
          const value = doc.deref(entry.value);
          if (!isScalar(value) || value.value === null || doc.isTemplated(value)) continue;
          const text = String(value.value);
          if (isPlaceholder(text) || (field === 'data' && decodesToPlaceholder(text))) continue;
          keys.push(key);
          anchor ??= pair?.key as Node;
        }
      }
      if (!anchor || keys.length === 0) continue;
      const shown = keys.length > 3 ? `${keys.slice(0, 3).join(', ')}, …` : keys.join(', ');
      report({ messageId: 'committed', data: { secret: object.name ?? '', count: keys.length, keys: shown }, range: doc.rangeOf(anchor) });
    }
  },
});
