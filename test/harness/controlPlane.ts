// Control-plane files for the cluster rules' tables: a kubeadm-style static pod, a kubeadm
// ClusterConfiguration, a KubeletConfiguration. «» markers pass through to the rule tester.

/** A kube-system Pod whose container runs `program` (its first command item) with `flags` as the next items. */
export function staticPod(program: string, flags: string[], { args = [] as string[], namespace = 'kube-system' } = {}): string {
  const name = program.replace(/[«»]/g, '');
  const list = (key: string, items: string[]) => (items.length ? [`      ${key}:`, ...items.map((i) => `        - ${i}`)] : []);
  return [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    `  name: ${name}`,
    `  namespace: ${namespace}`,
    'spec:',
    '  hostNetwork: true',
    '  containers:',
    `    - name: ${name}`,
    `      image: registry.k8s.io/${name}:v1.30.0`,
    ...list('command', [program, ...flags]),
    ...list('args', args),
    '',
  ].join('\n');
}

/**
 * A self-hosted control-plane workload (bootkube, Typhoon): a `kind` whose pod template's container runs
 * `program` with `flags`; no command at all when `program` is empty (the image alone names it).
 */
export function selfHosted(kind: 'Deployment' | 'DaemonSet' | 'StatefulSet', program: string, flags: string[], { namespace = '', image = program } = {}): string {
  const name = program.replace(/[«»]/g, '') || image;
  return [
    'apiVersion: apps/v1',
    `kind: ${kind}`,
    'metadata:',
    `  name: ${name}`,
    ...(namespace ? [`  namespace: ${namespace}`] : []),
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    `        - name: ${name}`,
    `          image: registry.k8s.io/${image}:v1.30.0`,
    ...(program ? ['          command:', ...[program, ...flags].map((i) => `            - ${i}`)] : []),
    '',
  ].join('\n');
}

/** A kubeadm v1beta3 ClusterConfiguration with `lines` (already indented YAML) below its header. */
export function clusterConfiguration(lines: string[], apiVersion = 'kubeadm.k8s.io/v1beta3'): string {
  return [`apiVersion: ${apiVersion}`, 'kind: ClusterConfiguration', ...lines, ''].join('\n');
}

/**
 * A kind Cluster with `lines` (already indented YAML) below its header; `patch(kind, lines)` renders one
 * `kubeadmConfigPatches` item (a kubeadm document as a block string) at the indentation given.
 */
export function kindCluster(lines: string[]): string {
  return ['kind: Cluster', 'apiVersion: kind.x-k8s.io/v1alpha4', ...lines, ''].join('\n');
}

export function kindPatch(kind: string, lines: string[], indent = ''): string[] {
  return [`${indent}- |`, `${indent}  kind: ${kind}`, ...lines.map((l) => `${indent}  ${l}`)];
}

/** A KubeletConfiguration with `lines` (already indented YAML) below its header. */
export function kubeletConfig(lines: string[]): string {
  return ['apiVersion: kubelet.config.k8s.io/v1beta1', 'kind: KubeletConfiguration', ...lines, ''].join('\n');
}
