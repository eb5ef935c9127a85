// Where a validation's `fieldPath` ("spec.replicas", "spec.containers[0].image", "metadata.labels['app']")
// is written in the object: the deepest node of the path that exists.
import type { K8sObject } from '../parse/kubernetes';
import type { Node } from '../parse/yaml';
import type { Range } from '../model';

const SEGMENT = /\.?([A-Za-z0-9_$-]+)|\[(\d+)\]|\['([^']*)'\]|\["([^"]*)"\]/y;

export function rangeOfFieldPath(object: K8sObject, fieldPath: string): Range | undefined {
  const doc = object.doc;
  let node: Node | undefined = object.node;
  let found: Node | undefined;
  SEGMENT.lastIndex = 0;
  while (node && SEGMENT.lastIndex < fieldPath.length) {
    const m = SEGMENT.exec(fieldPath);
    if (!m) break;
    const key = m[1] ?? m[3] ?? m[4];
    node = key !== undefined ? doc.get(node, key) : doc.items(node)[Number(m[2])];
    if (node) found = node;
  }
  return found ? doc.rangeOf(found) : undefined;
}
