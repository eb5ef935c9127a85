// Every kubernetes rule, in id order. A rule file not listed here fails the registry parity test.
import type { Rule } from '../../rule';
import noPrivileged from './no-privileged';
import noPrivilegeEscalation from './no-privilege-escalation';
import requireRunAsNonRoot from './require-run-as-non-root';
import dropAllCapabilities from './drop-all-capabilities';
import noSensitiveHostPath from './no-sensitive-host-path';
import requireTrustedRegistry from './require-trusted-registry';

export const KUBERNETES_RULES: Rule<'kubernetes'>[] = [
  noPrivileged,
  noPrivilegeEscalation,
  requireRunAsNonRoot,
  dropAllCapabilities,
  noSensitiveHostPath,
  requireTrustedRegistry,
];
