// EncryptionConfiguration (apiserver.config.k8s.io): which entry encrypts Secrets, and the keys its providers hold.
import type { K8sModel, K8sObject } from '../../parse/kubernetes';
import { isScalar, type Node, type Scalar, type YamlDocument } from '../../parse/yaml';

export function encryptionConfigurations(k8s: K8sModel): K8sObject[] {
  return k8s.objects.filter((o) => o.kind === 'EncryptionConfiguration' && o.apiVersion.startsWith('apiserver.config.k8s.io/'));
}

/** Resource names that select Secrets: `secrets`, `secrets.` (core group), `*.` (every core resource), `*.*`. */
const SELECTS_SECRETS = new Set(['secrets', 'secrets.', '*.', '*.*']);

/** The entry of `resources` the API server uses for Secrets: the first one that lists them. */
export function secretsEntry(object: K8sObject): Node | undefined {
  const doc = object.doc;
  return doc.items(doc.get(object.node, 'resources')).find((entry) => doc.items(doc.get(entry, 'resources')).some((r) => isScalar(r) && SELECTS_SECRETS.has(String(r.value))));
}

/** The provider an entry writes with: its first item's type (`- aesgcm: {...}` → `aesgcm`) and key node. */
export function firstProvider(doc: YamlDocument, entry: Node): { name: string; key: Node } | undefined {
  const first = doc.entries(doc.items(doc.get(entry, 'providers'))[0])[0];
  return first && { name: first.key, key: first.pair.key as Node };
}

/** Every `keys[].secret` of every provider of every entry. */
export function providerKeys(object: K8sObject): Array<{ provider: string; name: string; secret: Scalar }> {
  const doc = object.doc;
  const out: Array<{ provider: string; name: string; secret: Scalar }> = [];
  for (const entry of doc.items(doc.get(object.node, 'resources'))) {
    for (const provider of doc.items(doc.get(entry, 'providers'))) {
      for (const { key, pair } of doc.entries(provider)) {
        for (const item of doc.items(doc.get(pair.value, 'keys'))) {
          const secret = doc.get(item, 'secret');
          const name = doc.scalar(item, 'name');
          if (isScalar(secret)) out.push({ provider: key, name: typeof name === 'string' ? name : '', secret });
        }
      }
    }
  }
  return out;
}
