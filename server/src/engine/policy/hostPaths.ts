// Host paths that give a container control of the host when mounted.

/** Container runtime sockets: mounting one is root on the host. */
const RUNTIME_SOCKET = /(^|\/)(docker|containerd|crio|cri-dockerd|podman|dockershim)\.sock$|^\/var\/run\/containerd\b|^\/run\/containerd\b/;

/** System directories (and everything below them) whose write or even read access breaks isolation. */
const SENSITIVE_DIRS = ['/', '/boot', '/dev', '/etc', '/lib', '/lib64', '/proc', '/root', '/sys', '/usr', '/bin', '/sbin', '/var/lib/kubelet', '/var/lib/docker', '/var/run', '/run'];

function normalize(path: string): string {
  const p = path.trim().replace(/\/+/g, '/');
  return p.length > 1 ? p.replace(/\/$/, '') : p;
}

export function isRuntimeSocket(path: string): boolean {
  return RUNTIME_SOCKET.test(normalize(path));
}

/** `/`, a system directory, or a runtime socket; `/etc/foo.conf` counts, `/data` does not. */
export function isSensitiveHostPath(path: string): boolean {
  const p = normalize(path);
  if (isRuntimeSocket(p)) return true;
  return SENSITIVE_DIRS.some((d) => p === d || (d !== '/' && d !== '/run' && d !== '/var/run' && p.startsWith(d + '/')));
}

export type HostPathRisk = 'runtime-socket' | 'host-root' | 'system-path';

export function hostPathRisk(path: string): HostPathRisk | undefined {
  const p = normalize(path);
  if (isRuntimeSocket(p)) return 'runtime-socket';
  if (p === '/') return 'host-root';
  return isSensitiveHostPath(p) ? 'system-path' : undefined;
}

/** The messageId each risk is reported with, shared by the Compose and Kubernetes host-mount rules. */
export const HOST_PATH_MESSAGE: Record<HostPathRisk, 'runtimeSocket' | 'hostRoot' | 'systemPath'> = {
  'runtime-socket': 'runtimeSocket', 'host-root': 'hostRoot', 'system-path': 'systemPath',
};
