// Compose model: the services of a Compose file, each with its node handles.
import type { Node, Pair, Scalar, YamlDocument } from './yaml';
import { isMap, isScalar, isSeq } from './yaml';
import type { Range } from '../model';

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

/** One written occurrence of a service key, and every service that carries it (merge keys share one). */
export interface ServiceSetting {
  pair: Pair<Scalar, Node | null>;
  doc: YamlDocument;
  /** The map the pair is written in: a service, or an `x-` anchor merged into services. */
  map: Node;
  services: ComposeService[];
  /** True when written in an anchor and inherited through `<<:`. */
  inherited: boolean;
}

/**
 * Every distinct `key` setting across services: a value written once in an anchor and merged into
 * three services is one finding where it is written, not three.
 */
export function serviceSettings(model: ComposeModel, key: string): ServiceSetting[] {
  const byPair = new Map<Pair, ServiceSetting>();
  for (const service of model.services) {
    const pair = service.doc.pair(service.node, key);
    if (!pair) continue;
    const own = isMap(service.node) && service.node.items.includes(pair as never);
    const existing = byPair.get(pair);
    if (existing) {
      existing.services.push(service);
      continue;
    }
    byPair.set(pair, { pair, doc: service.doc, map: own ? service.node : ownerMap(service, pair) ?? service.node, services: [service], inherited: !own });
  }
  return [...byPair.values()];
}

/** The (merged) map that holds `pair` for a service. */
function ownerMap(service: ComposeService, pair: Pair): Node | undefined {
  const seen = new Set<Node>();
  const search = (node: Node | undefined): Node | undefined => {
    const map = service.doc.deref(node);
    if (!map || !isMap(map) || seen.has(map)) return undefined;
    seen.add(map);
    if (map.items.includes(pair as never)) return map;
    for (const item of map.items) {
      if (isScalar(item.key) && item.key.value === '<<') {
        const sources = isSeq(item.value) ? (item.value.items as Node[]) : [item.value as Node];
        for (const s of sources) {
          const found = search(s);
          if (found) return found;
        }
      }
    }
    return undefined;
  };
  return search(service.node);
}

/** The name shown in messages and the related information naming inheriting services. */
export function describeSetting(setting: ServiceSetting): { service: string; related: Array<{ range: Range; message: string }> } {
  const names = setting.services.map((s) => s.name);
  if (!setting.inherited) return { service: names[0], related: [] };
  return {
    service: names.join('", "'),
    related: setting.services.map((s) => ({ range: s.doc.rangeOf(s.keyNode), message: `Inherited by service "${s.name}".` })),
  };
}
