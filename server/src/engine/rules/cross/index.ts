// Cross-file rules (XF): they read other workspace files through the host and stay silent without one.
import type { AnyRule } from '../../rule';
import copyIgnoredFile from './copy-ignored-file';
import secretInBuildContext from './secret-in-build-context';
import composeUserOverride from './compose-user-override';
import composePublishesSsh from './compose-publishes-ssh';
import composePortNotExposed from './compose-port-not-exposed';
import composeHealthcheckDisabled from './compose-healthcheck-disabled';
import envFileSecret from './env-file-secret';
import k8sReferenceMissing from './k8s-reference-missing';
import k8sNonRootImageUser from './k8s-non-root-image-user';
import k8sDanglingNetworkPolicy from './k8s-dangling-network-policy';
import invalidDockerignorePattern from './invalid-dockerignore-pattern';
import admissionPolicyDeny from './admission-policy-deny';
import admissionPolicyWarn from './admission-policy-warn';
import admissionPolicyAudit from './admission-policy-audit';
import admissionPolicyNotEvaluated from './admission-policy-not-evaluated';
import admissionPolicyInvalid from './admission-policy-invalid';

export const CROSS_RULES: AnyRule[] = [
  copyIgnoredFile,
  secretInBuildContext,
  composeUserOverride,
  composePublishesSsh,
  composePortNotExposed,
  composeHealthcheckDisabled,
  envFileSecret,
  k8sReferenceMissing,
  k8sNonRootImageUser,
  k8sDanglingNetworkPolicy,
  invalidDockerignorePattern,
  admissionPolicyDeny,
  admissionPolicyWarn,
  admissionPolicyAudit,
  admissionPolicyNotEvaluated,
  admissionPolicyInvalid,
];
