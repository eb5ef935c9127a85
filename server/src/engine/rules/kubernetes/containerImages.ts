// The image rules (K8S006 trusted registry, K8S062 tag, K8S063 digest) judge the same thing: each
// container's image reference, when it is a literal the rule can read.
import { parseImageRef, type ImageRef } from '../../policy/images';
import { imageNodeOf, keptPer, type Container, type K8sModel } from '../../parse/kubernetes';
import { isScalar } from '../../parse/yaml';
import type { Range } from '../../model';

export interface ContainerImage {
  container: Container;
  image: string;
  ref: ImageRef;
  range: Range;
}

/** Every container's image that is a plain string and a valid reference; a templated one (Helm) is skipped. */
export const containerImages: (k8s: K8sModel) => readonly ContainerImage[] = keptPer((k8s) =>
  k8s.containers.flatMap((container) => {
    const doc = container.podSpec.object.doc;
    const node = imageNodeOf(container);
    const image = isScalar(node) ? node.value : undefined;
    if (typeof image !== 'string' || !node || doc.isTemplated(node)) return [];
    const ref = parseImageRef(image);
    return ref ? [{ container, image, ref, range: doc.rangeOf(node) }] : [];
  }),
);
