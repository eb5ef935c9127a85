import { defineRule } from '../../rule';
import { isScalar, type Node } from '../../parse/yaml';
import type { PodSpec } from '../../parse/kubernetes';

type RefKind = 'Secret' | 'ConfigMap' | 'ServiceAccount';
interface Reference {
  kind: RefKind;
  name: string;
  node: Node;
  key?: { name: string; node: Node };
}

/** Every Secret, ConfigMap and ServiceAccount a pod spec names, except optional ones and `default`. */
function podReferences(pod: PodSpec): Reference[] {
  const doc = pod.object.doc;
  const refs: Reference[] = [];
  const add = (kind: RefKind, holder: unknown, key: string): void => {
    // Each value read once, as `scalar` would read it from its node: a pod spec holds dozens of references.
    const node = doc.get(holder, key);
    const name = isScalar(node) ? node.value : undefined;
    if (!node || typeof name !== 'string' || !name || doc.isTemplated(node) || doc.scalar(holder, 'optional') === true) return;
    // `secretKeyRef`/`configMapKeyRef` also name one key of the object.
    const keyNode = doc.get(holder, 'key');
    const keyName = isScalar(keyNode) ? keyNode.value : undefined;
    const ref: Reference = { kind, name, node };
    if (keyNode && typeof keyName === 'string' && !doc.isTemplated(keyNode)) ref.key = { name: keyName, node: keyNode };
    refs.push(ref);
  };
  const containers = ['containers', 'initContainers', 'ephemeralContainers'].flatMap((g) => doc.items(doc.get(pod.node, g)));
  for (const c of containers) {
    for (const env of doc.items(doc.get(c, 'env'))) {
      const valueFrom = doc.get(env, 'valueFrom');
      add('Secret', doc.get(valueFrom, 'secretKeyRef'), 'name');
      add('ConfigMap', doc.get(valueFrom, 'configMapKeyRef'), 'name');
    }
    for (const from of doc.items(doc.get(c, 'envFrom'))) {
      add('Secret', doc.get(from, 'secretRef'), 'name');
      add('ConfigMap', doc.get(from, 'configMapRef'), 'name');
    }
  }
  for (const volume of doc.items(doc.get(pod.node, 'volumes'))) {
    add('Secret', doc.get(volume, 'secret'), 'secretName');
    add('ConfigMap', doc.get(volume, 'configMap'), 'name');
    for (const source of doc.items(doc.get(volume, 'projected', 'sources'))) {
      add('Secret', doc.get(source, 'secret'), 'name');
      add('ConfigMap', doc.get(source, 'configMap'), 'name');
    }
  }
  for (const pull of doc.items(doc.get(pod.node, 'imagePullSecrets'))) add('Secret', pull, 'name');
  // `serviceAccount` is the deprecated spelling, still honoured when `serviceAccountName` is absent.
  const saKey = doc.get(pod.node, 'serviceAccountName') !== undefined ? 'serviceAccountName' : 'serviceAccount';
  if (doc.scalar(pod.node, saKey) !== 'default') add('ServiceAccount', pod.node, saKey);
  return refs;
}

export default defineRule({
  meta: {
    id: 'XF008',
    name: 'k8s-reference-missing',
    appliesTo: 'kubernetes',
    title: 'Reference to a Secret, ConfigMap or ServiceAccount not in the workspace',
    severity: 'info',
    threat: 'container-misconfiguration',
    principle: 'defence-in-depth',
    rationale:
      'A pod that names a Secret, ConfigMap or ServiceAccount that does not exist never starts (`CreateContainerConfigError`), and teams "fix" that in a hurry by hand-creating the object in the cluster, outside review. A typo in a ServiceAccount name can also silently fall back on a broader account in older setups.',
    remediation:
      "Fix the name, add the object's manifest, or mark the reference `optional: true` when its absence is expected. The rule only checks kinds the workspace manages: with no Secret manifest at all, Secrets are assumed to come from elsewhere (an external store).",
    references: [{ standard: 'url', title: 'kube-linter: env-value-from, non-existent-service-account', href: 'https://docs.kubelinter.io/#/generated/checks' }],
    aliases: [
      { tool: 'kube-linter', id: 'env-value-from' },
      { tool: 'kube-linter', id: 'non-existent-service-account' },
    ],
    messages: {
      missing: '{{kind}} "{{name}}" is not defined in the workspace{{where}}.',
      missingKey: '{{kind}} "{{name}}" has no key "{{key}}".',
    },
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      envFrom:\n        - secretRef:\n            name: web-secretz\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      envFrom:\n        - secretRef:\n            name: web-secrets\n',
      workspace: { 'secrets.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: web-secrets\nstringData:\n  TOKEN: ""\n' },
    },
    since: '0.2.0',
    related: [],
  },
  check({ k8s, workspace, report }) {
    if (!workspace) return;
    const managed = workspace.manifestKinds();
    for (const pod of k8s.podSpecs) {
      const namespace = pod.object.namespace;
      for (const ref of podReferences(pod)) {
        if (!managed.has(ref.kind)) continue;
        const found = workspace.manifestsNamed(ref.kind, ref.name).find((o) => !namespace || !o.namespace || o.namespace === namespace);
        if (!found) report({ messageId: 'missing', data: { kind: ref.kind, name: ref.name, where: namespace ? ` (namespace ${namespace})` : '' }, range: pod.object.doc.rangeOf(ref.node) });
        // An object listing no keys may be filled elsewhere (a generator, an operator): only listed keys are checked.
        else if (ref.key && found.keys && !found.keys.includes(ref.key.name)) {
          report({ messageId: 'missingKey', data: { kind: ref.kind, name: ref.name, key: ref.key.name }, range: pod.object.doc.rangeOf(ref.key.node) });
        }
      }
    }
  },
});
