// Linux capabilities: which ones hand a container a path to the host or to other containers.

/** Capabilities that alone allow an escape or host takeover (kube-linter, Trivy KSV-0005, CIS 5.3). */
const ESCAPE = new Set([
  'ALL', 'SYS_ADMIN', 'SYS_MODULE', 'SYS_PTRACE', 'SYS_RAWIO', 'SYS_BOOT', 'SYS_TIME', 'DAC_READ_SEARCH',
  'DAC_OVERRIDE', 'NET_ADMIN', 'BPF', 'PERFMON', 'MAC_ADMIN', 'MAC_OVERRIDE', 'SETFCAP', 'SYSLOG', 'CHECKPOINT_RESTORE',
]);

/** `cap_sys_admin`, `CAP_SYS_ADMIN`, `sys_admin` → `SYS_ADMIN`. */
export function normalizeCapability(name: string): string {
  return name.trim().toUpperCase().replace(/^CAP_/, '');
}

export function isDangerousCapability(name: string): boolean {
  return ESCAPE.has(normalizeCapability(name));
}
