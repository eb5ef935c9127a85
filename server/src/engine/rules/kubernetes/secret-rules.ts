// Rules about credentials in manifests (env literals, Secret objects, ConfigMaps, kubeconfig), K8S080-K8S089, in id order.
import type { Rule } from '../../rule';
import noSecretEnvLiteral from './no-secret-env-literal';
import noConfigmapSecret from './no-configmap-secret';
import noKubeconfigCredentials from './no-kubeconfig-credentials';
import noCommittedSecret from './no-committed-secret';
import noSecretInCommand from './no-secret-in-command';

export const SECRET_RULES: Rule<'kubernetes'>[] = [noSecretEnvLiteral, noConfigmapSecret, noKubeconfigCredentials, noCommittedSecret, noSecretInCommand];
