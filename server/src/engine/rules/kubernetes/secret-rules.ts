// Rules about credentials in manifests (env literals, Secret objects, ConfigMaps, kubeconfig), K8S060-K8S069, in id order.
import type { Rule } from '../../rule';

export const SECRET_RULES: Rule<'kubernetes'>[] = [];
