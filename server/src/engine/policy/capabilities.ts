import type { Reference } from '../model';
// Linux capabilities: which ones hand a container a path to the host or to other containers.

/** Capabilities that alone allow an escape or host takeover (kube-linter, Trivy KSV-0005, CIS Docker 5.4). */
const ESCAPE = new Set([
  'ALL',
  'SYS_ADMIN',
  'SYS_MODULE',
  'SYS_PTRACE',
  'SYS_RAWIO',
  'SYS_BOOT',
  'SYS_TIME',
  'DAC_READ_SEARCH',
  'DAC_OVERRIDE',
  'NET_ADMIN',
  'BPF',
  'PERFMON',
  'MAC_ADMIN',
  'MAC_OVERRIDE',
  'SETFCAP',
  'SYSLOG',
  'CHECKPOINT_RESTORE',
]);

/** `cap_sys_admin`, `CAP_SYS_ADMIN`, `sys_admin` → `SYS_ADMIN`. */
export function normalizeCapability(name: string): string {
  return name.trim().toUpperCase().replace(/^CAP_/, '');
}

export function isDangerousCapability(name: string): boolean {
  return ESCAPE.has(normalizeCapability(name));
}

/** What Docker (and containerd's CRI) grant every container; PSS Baseline allows adding these back. */
const RUNTIME_DEFAULT = new Set(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'NET_RAW', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT']);

/**
 * A dangerous capability that adding grants for real: one of the runtime defaults (`DAC_OVERRIDE`,
 * `SETFCAP`) only restores what a container without `cap_drop` already holds.
 */
export function isEscalatingCapability(name: string): boolean {
  return isDangerousCapability(name) && !RUNTIME_DEFAULT.has(normalizeCapability(name));
}

/** What every capability rule cites: both Pod Security levels, CIS Docker 5.3 and CWE-250. */
export const CAPABILITY_REFERENCES: Reference[] = [
  { standard: 'pss', level: 'baseline', control: 'Capabilities' },
  { standard: 'pss', level: 'restricted', control: 'Capabilities' },
  { standard: 'cis-docker', section: '5.3', title: 'Ensure that Linux kernel capabilities are restricted within containers' },
  { standard: 'cwe', id: 250 },
];
