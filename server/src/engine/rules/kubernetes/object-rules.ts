// Rules on non-workload objects and workload wiring (RBAC, Services, Ingress, NetworkPolicy, service
// accounts, images, resources, misc), K8S040-K8S079, in id order.
import type { Rule } from '../../rule';
import noEolImage from './no-eol-image';
import noRbacWildcard from './no-rbac-wildcard';
import noRbacSecretsAccess from './no-rbac-secrets-access';
import noRbacPodCreate from './no-rbac-pod-create';
import noRbacExecAttach from './no-rbac-exec-attach';
import noClusterAdminBinding from './no-cluster-admin-binding';
import noRbacEscalation from './no-rbac-escalation';
import noRbacDangerousSubjects from './no-rbac-dangerous-subjects';
import noRbacSensitiveResources from './no-rbac-sensitive-resources';
import noExposedService from './no-exposed-service';
import noSshPort from './no-ssh-port';
import noPrivilegedPort from './no-privileged-port';
import requireIngressTls from './require-ingress-tls';
import noIngressNginxSnippet from './no-ingress-nginx-snippet';
import noHostAliases from './no-host-aliases';
import noGitSyncInjection from './no-git-sync-injection';
import noLegacyRiskyDeploy from './no-legacy-risky-deploy';
import noSccPrivileged from './no-scc-privileged';
import noSaTokenAutomount from './no-sa-token-automount';
import noDefaultServiceAccount from './no-default-service-account';
import requireNamespace from './require-namespace';
import noKubeSystemWorkload from './no-kube-system-workload';
import requireResources from './require-resources';
import pinImageTag from './pin-image-tag';
import pinImageDigest from './pin-image-digest';
import requireImagePullAlways from './require-image-pull-always';
import noSkipTlsVerify from './no-skip-tls-verify';
import noSecretAsEnv from './no-secret-as-env';
import noAppDebugEnv from './no-app-debug-env';
import requireNamespaceQuotas from './require-namespace-quotas';
import requireNetworkPolicy from './require-network-policy';

export const OBJECT_RULES: Rule<'kubernetes'>[] = [
  noRbacWildcard,
  noRbacSecretsAccess,
  noRbacPodCreate,
  noRbacExecAttach,
  noClusterAdminBinding,
  noRbacEscalation,
  noRbacDangerousSubjects,
  noRbacSensitiveResources,
  noExposedService,
  noSshPort,
  noPrivilegedPort,
  requireIngressTls,
  noIngressNginxSnippet,
  noHostAliases,
  noGitSyncInjection,
  noLegacyRiskyDeploy,
  noSccPrivileged,
  noSaTokenAutomount,
  noDefaultServiceAccount,
  requireNamespace,
  noKubeSystemWorkload,
  requireResources,
  pinImageTag,
  pinImageDigest,
  requireImagePullAlways,
  noSkipTlsVerify,
  noSecretAsEnv,
  noAppDebugEnv,
  requireNamespaceQuotas,
  requireNetworkPolicy,
  noEolImage,
];
