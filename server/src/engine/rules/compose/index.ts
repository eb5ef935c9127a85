// Every compose rule, in id order. A rule file not listed here fails the registry parity test.
import type { Rule } from '../../rule';
import noPrivileged from './no-privileged';
import noHostSystemMount from './no-host-system-mount';
import noDangerousCapAdd from './no-dangerous-cap-add';
import noHostNamespaces from './no-host-namespaces';
import noSecretInEnvironment from './no-secret-in-environment';
import requireTrustedRegistry from './require-trusted-registry';
import requireNoNewPrivileges from './require-no-new-privileges';
import noUnconfinedSecurityOpt from './no-unconfined-security-opt';
import noPortAllInterfaces from './no-port-all-interfaces';
import requireCapDropAll from './require-cap-drop-all';
import noRootUser from './no-root-user';
import requireReadOnlyRootfs from './require-read-only-rootfs';
import pinImageTag from './pin-image-tag';
import noHostDevices from './no-host-devices';
import noPrivilegedHostPort from './no-privileged-host-port';
import requireMemoryLimit from './require-memory-limit';
import requireCpuLimit from './require-cpu-limit';
import requirePidsLimit from './require-pids-limit';
import requireRestartLimit from './require-restart-limit';
import requireHealthcheck from './require-healthcheck';
import noSharedMountPropagation from './no-shared-mount-propagation';
import noSharedVolume from './no-shared-volume';
import noCustomCgroupParent from './no-custom-cgroup-parent';
import noDefaultBridge from './no-default-bridge';
import noRaisedUlimits from './no-raised-ulimits';
import noSecretInCommand from './no-secret-in-command';
import noEolImage from './no-eol-image';

export const COMPOSE_RULES: Rule<'compose'>[] = [
  noPrivileged,
  noHostSystemMount,
  noDangerousCapAdd,
  noHostNamespaces,
  noSecretInEnvironment,
  requireTrustedRegistry,
  requireNoNewPrivileges,
  noUnconfinedSecurityOpt,
  noPortAllInterfaces,
  requireCapDropAll,
  noRootUser,
  requireReadOnlyRootfs,
  pinImageTag,
  noHostDevices,
  noPrivilegedHostPort,
  requireMemoryLimit,
  requireCpuLimit,
  requirePidsLimit,
  requireRestartLimit,
  requireHealthcheck,
  noSharedMountPropagation,
  noSharedVolume,
  noCustomCgroupParent,
  noDefaultBridge,
  noRaisedUlimits,
  noSecretInCommand,
  noEolImage,
];
