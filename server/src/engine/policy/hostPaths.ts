// Host paths that give a container control of the host when mounted.

/** Container runtime sockets: mounting one is root on the host. */
const RUNTIME_SOCKET = /(^|\/)(docker|containerd|crio|cri-dockerd|podman|dockershim)\.sock$|^\/var\/run\/containerd\b|^\/run\/containerd\b/;

/**
 * Host trees whose content (anything below them too) breaks isolation when a container can read or
 * write it: credentials, kernel interfaces, executables and libraries the host runs, runtime state.
 * `/usr` as a whole is not listed: `/usr/share/<app>` and `/usr/src` hold data, not the host's code.
 */
const SENSITIVE_TREES = [
  '/boot',
  '/dev',
  '/etc',
  '/lib',
  '/lib32',
  '/lib64',
  '/libx32',
  '/proc',
  '/root',
  '/sys',
  '/bin',
  '/sbin',
  '/usr/bin',
  '/usr/sbin',
  '/usr/lib',
  '/usr/lib64',
  '/usr/libexec',
  '/usr/local/bin',
  '/usr/local/sbin',
  '/usr/local/lib',
  // The kubelet serves container logs from these by following their symlinks: a container that writes
  // here reads any file of the node through `kubectl logs`.
  '/var/log/pods',
  '/var/log/containers',
  '/var/lib/kubelet',
  '/var/lib/docker',
  '/var/lib/containerd',
  '/run/containerd',
  '/var/run/containerd',
  '/run/docker.sock',
  '/var/run/docker.sock',
];

function normalize(path: string): string {
  const p = path.trim().replace(/\/+/g, '/');
  return p.length > 1 ? p.replace(/\/$/, '') : p;
}

export function isRuntimeSocket(path: string): boolean {
  return RUNTIME_SOCKET.test(normalize(path));
}

/**
 * A runtime socket, a sensitive tree or anything inside it (`/etc/shadow`), or a directory that
 * contains one (`/`, `/usr`, `/var`, `/var/log`, `/run`); `/data` and `/var/log/app` are not.
 */
export function isSensitiveHostPath(path: string): boolean {
  const p = normalize(path);
  if (p === '/' || isRuntimeSocket(p)) return true;
  return SENSITIVE_TREES.some((tree) => p === tree || p.startsWith(tree + '/') || tree.startsWith(p + '/'));
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
  'runtime-socket': 'runtimeSocket',
  'host-root': 'hostRoot',
  'system-path': 'systemPath',
};
