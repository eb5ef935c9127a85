// Pod-spec rules (Pod Security Standards controls and container hardening), K8S001-K8S039, in id order.
import type { Rule } from '../../rule';
import noPrivileged from './no-privileged';
import noPrivilegeEscalation from './no-privilege-escalation';
import requireRunAsNonRoot from './require-run-as-non-root';
import dropAllCapabilities from './drop-all-capabilities';
import noSensitiveHostPath from './no-sensitive-host-path';
import requireTrustedRegistry from './require-trusted-registry';
import noHostNamespaces from './no-host-namespaces';
import noHostPort from './no-host-port';
import noHostPath from './no-host-path';
import readOnlyHostPath from './read-only-host-path';
import noWindowsHostProcess from './no-windows-host-process';
import noSeccompUnconfined from './no-seccomp-unconfined';
import requireSeccompProfile from './require-seccomp-profile';
import noApparmorUnconfined from './no-apparmor-unconfined';
import noCustomSelinux from './no-custom-selinux';
import noUnmaskedProcMount from './no-unmasked-proc-mount';
import noUnsafeSysctls from './no-unsafe-sysctls';
import noWorldWritableVolume from './no-world-writable-volume';
import noNondefaultCapabilities from './no-nondefault-capabilities';
import noNetRaw from './no-net-raw';
import noProbeHost from './no-probe-host';
import restrictedVolumeTypes from './restricted-volume-types';
import readOnlyRootFilesystem from './read-only-root-filesystem';
import noLowUid from './no-low-uid';
import noRootGroup from './no-root-group';
import requireUserNamespace from './require-user-namespace';
import requireSecurityContext from './require-security-context';

export const WORKLOAD_RULES: Rule<'kubernetes'>[] = [
  noPrivileged,
  noPrivilegeEscalation,
  requireRunAsNonRoot,
  dropAllCapabilities,
  noSensitiveHostPath,
  requireTrustedRegistry,
  noHostNamespaces,
  noHostPort,
  noHostPath,
  readOnlyHostPath,
  noWindowsHostProcess,
  noSeccompUnconfined,
  requireSeccompProfile,
  noApparmorUnconfined,
  noCustomSelinux,
  noUnmaskedProcMount,
  noUnsafeSysctls,
  noNondefaultCapabilities,
  noNetRaw,
  noProbeHost,
  restrictedVolumeTypes,
  readOnlyRootFilesystem,
  noLowUid,
  noRootGroup,
  requireUserNamespace,
  requireSecurityContext,
  noWorldWritableVolume,
];
