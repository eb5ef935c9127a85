// Compose model: the services of a Compose file, each with its node handles.
import type { Node, Pair, Scalar, YamlDocument } from './yaml';
import { isMap } from './yaml';

export interface ComposeService {
  name: string;
  /** The `name:` key under `services:`; anchor for "missing field" findings. */
  keyNode: Scalar;
  /** The service's mapping (aliases followed). */
  node: Node;
  pair: Pair<Scalar, Node | null>;
  doc: YamlDocument;
}

export interface ComposeModel { documents: YamlDocument[]; services: ComposeService[] }

/** A document is a Compose file when its top level is a map holding a `services:` map. */
export function isComposeDocument(doc: YamlDocument): boolean {
  return isMap(doc.get(doc.contents, 'services')) && doc.scalar(doc.contents, 'apiVersion') === undefined;
}

export function buildComposeModel(documents: YamlDocument[]): ComposeModel {
  const services: ComposeService[] = [];
  for (const doc of documents) {
    const servicesNode = doc.get(doc.contents, 'services');
    for (const { key, pair } of doc.entries(servicesNode)) {
      const node = doc.deref(pair.value);
      if (node && isMap(node)) services.push({ name: key, keyNode: pair.key, node, pair, doc });
    }
  }
  return { documents, services };
}
