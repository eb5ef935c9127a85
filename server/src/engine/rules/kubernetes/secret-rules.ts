// Rules about credentials in manifests (env literals, Secret objects, ConfigMaps, kubeconfig), K8S080-K8S089, in id order.
import type { Rule } from '../../rule';

export const SECRET_RULES: Rule<'kubernetes'>[] = [];
