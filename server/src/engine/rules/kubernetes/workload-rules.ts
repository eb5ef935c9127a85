// Pod-spec rules (Pod Security Standards controls and container hardening), K8S001-K8S039, in id order.
import type { Rule } from '../../rule';
import noPrivileged from './no-privileged';
import noPrivilegeEscalation from './no-privilege-escalation';
import requireRunAsNonRoot from './require-run-as-non-root';
import dropAllCapabilities from './drop-all-capabilities';
import noSensitiveHostPath from './no-sensitive-host-path';
import requireTrustedRegistry from './require-trusted-registry';

export const WORKLOAD_RULES: Rule<'kubernetes'>[] = [
  noPrivileged,
  noPrivilegeEscalation,
  requireRunAsNonRoot,
  dropAllCapabilities,
  noSensitiveHostPath,
  requireTrustedRegistry,
];
