// The control plane as files: where kube-apiserver, etcd, the controller manager, the scheduler and the
// kubelet take their settings from, recognised by content (never by path alone), and one way to read
// and to change a setting whatever the file: a static pod's command line, kubeadm `extraArgs` (map or
// name/value list), or a `KubeletConfiguration` field.
import type { TextEdit } from '../../model';
import { isK3sConfig, keptPer, type K8sModel, type K8sObject, type PodSpec } from '../../parse/kubernetes';
import type { YamlDocument } from '../../parse/yaml';
import type { Component } from '../../policy/cluster/flagChecks';
import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar } from '../../parse/yaml';
import { rewriteScalar } from '../../edits/compose';
import { yamlAppendItem, yamlRemoveItem, yamlRemovePair, yamlSet, type YamlValue } from '../../edits/yaml';
import { isTooDeep, parseYamlDocument } from '../../parse/yamlDocument';

const COMPONENTS: ReadonlySet<string> = new Set<Component>(['kube-apiserver', 'etcd', 'kube-controller-manager', 'kube-scheduler', 'kubelet']);

/** A setting as written: its value as text (lists comma-joined), the node to point at, and how to remove it. */
export interface Written {
  value: string;
  node: Node;
  remove(): TextEdit | undefined;
}

/** One component's settings in one file. */
export interface ComponentSettings {
  component: Component;
  object: K8sObject;
  /** How the user names the place, in messages: `kube-apiserver`, `kubeadm apiServer.extraArgs`. */
  label: string;
  /** Whether settings are fields (`readOnlyPort`) rather than flags (`--read-only-port`). */
  fields: boolean;
  /** A flag (without dashes) or a field path (dot-joined) as written, if it is. */
  written(name: string): Written | undefined;
  /** What an unset flag means here: the value kubeadm writes, else undefined (the binary's default applies). */
  implied(name: string): string | undefined;
  /** Whether an unset setting is decided elsewhere (kubelet flags in kubeadm: its KubeletConfiguration decides). */
  unsetIsUnknown: boolean;
  /** Where "missing" findings point. */
  anchor: Node;
  /** The edit that sets a setting (adds or replaces it), when the file's shape allows one. */
  set(name: string, value: string): TextEdit | undefined;
}

/** Every component configured by the file's objects: worked out once per model, and shared by the seventeen cluster rules that read them. */
export const componentSettings: (k8s: K8sModel) => readonly ComponentSettings[] = keptPer(collectComponentSettings);

function collectComponentSettings(k8s: K8sModel): ComponentSettings[] {
  const pods = k8s.podSpecs.filter((p) => p.object.kind === 'Pod' || SELF_HOSTED.has(p.object.kind)).flatMap(controlPlaneContainers);
  return pods.concat(
    k8s.documents.filter(isK3sConfig).flatMap(k3sComponents),
    k8s.objects.flatMap((object) => {
      if (object.apiVersion.startsWith('kubeadm.k8s.io/')) return kubeadmComponents(object);
      if (object.kind === 'Cluster' && object.apiVersion.startsWith('kind.x-k8s.io/')) return kindComponents(object);
      if (object.kind === 'KubeletConfiguration' && object.apiVersion.startsWith('kubelet.config.k8s.io/')) return [kubeletConfiguration(object)];
      return [];
    }),
  );
}

// ---------------------------------------------------------------- static pods

/** The program a command runs: `/usr/local/bin/kube-apiserver` → `kube-apiserver`. */
const programName = (command: string): string => command.slice(command.lastIndexOf('/') + 1);

/** The image's repository name: `registry.k8s.io/kube-apiserver:v1.30.0` → `kube-apiserver`. */
const imageName = (image: string): string => programName(image.replace(/@.*$/, '').replace(/:[^/]*$/, ''));

/** Workloads a self-hosted control plane (bootkube, Typhoon) runs its components as. */
const SELF_HOSTED: ReadonlySet<string> = new Set(['Deployment', 'DaemonSet', 'StatefulSet']);

/**
 * The pods that run a control-plane program (by their command, else by their image). The control plane's
 * own (a static Pod, or a self-hosted workload named by its command, in kube-system, in no namespace, as a
 * manifest the kubelet reads from disk, or labelled `tier: control-plane`) are judged whole. Any other
 * (an application namespace's etcd, a chart's workload named only by its image) is judged on the flags it
 * writes: what it leaves unset may be configured otherwise (an etcd chart's environment).
 */
function controlPlaneContainers(podSpec: PodSpec): ComponentSettings[] {
  const object = podSpec.object;
  const doc = object.doc;
  const controlPlane = object.namespace === undefined || object.namespace === 'kube-system' || doc.scalar(object.node, 'metadata', 'labels', 'tier') === 'control-plane';
  const out: ComponentSettings[] = [];
  for (const { node: container, group } of podSpec.containers) {
    if (group !== 'containers') continue;
    const command = doc.items(doc.get(container, 'command')).filter(isScalar);
    const args = doc.items(doc.get(container, 'args')).filter(isScalar);
    const image = doc.scalar(container, 'image');
    const program = command.length ? programName(String(command[0].value)) : typeof image === 'string' ? imageName(image) : '';
    if (!COMPONENTS.has(program)) continue;
    const whole = controlPlane && (object.kind === 'Pod' || command.length > 0);
    const anchor = command[0] ?? doc.get(container, 'image') ?? container;
    out.push(commandLineSettings(object, program as Component, anchor, command.slice(1), args, [doc.get(container, 'command'), doc.get(container, 'args')], !whole));
  }
  return out;
}

/**
 * Flags of a command line: `--name=value`, `--name value`, and `--name` alone (a boolean set to true).
 * Items are scalars of the `command` list after the program, then of `args`.
 */
function commandLineSettings(
  object: K8sObject,
  component: Component,
  anchor: Node,
  commandItems: Scalar[],
  argItems: Scalar[],
  lists: Array<Node | undefined>,
  writtenOnly: boolean,
): ComponentSettings {
  const doc = object.doc;
  const flags = new Map<string, Written>();
  /** Flags written `--name value`: two items, so the fix (one edit of one item) leaves them to the user. */
  const twoItems = new Set<string>();
  const items = [...commandItems, ...argItems];
  items.forEach((item, i) => {
    const m = /^--?([A-Za-z0-9-]+)(?:=(.*))?$/s.exec(String(item.value));
    if (!m) return;
    const next = items[i + 1];
    const separate = m[2] === undefined && next !== undefined && !String(next.value).startsWith('-');
    const value = m[2] ?? (separate ? String(next.value) : 'true');
    const list = commandItems.includes(item) ? lists[0] : lists[1];
    if (separate) twoItems.add(m[1]);
    flags.set(m[1], { value, node: item, remove: () => (separate || !list ? undefined : yamlRemoveItem(doc, list, item)) });
  });
  // New flags go where the existing ones are: `args` when it has items, else `command`.
  const flagList = argItems.length ? lists[1] : lists[0];
  return {
    component,
    object,
    label: component,
    fields: false,
    written: (name) => flags.get(name),
    implied: () => undefined,
    // A kubelet given `--config` takes what its flags leave unset from that file, not from its defaults.
    unsetIsUnknown: writtenOnly || (component === 'kubelet' && flags.has('config')),
    anchor,
    set(name, value) {
      const current = flags.get(name);
      if (current) return twoItems.has(name) ? undefined : rewriteScalar(doc, current.node, `--${name}=${value}`);
      return flagList ? yamlAppendItem(doc, flagList, `--${name}=${value}`) : undefined;
    },
  };
}

// ---------------------------------------------------------------- kubeadm

/** Where a kubeadm ClusterConfiguration keeps each component's extra arguments. */
const KUBEADM_ARGS: Array<{ component: Component; path: string[] }> = [
  { component: 'kube-apiserver', path: ['apiServer'] },
  { component: 'kube-controller-manager', path: ['controllerManager'] },
  { component: 'kube-scheduler', path: ['scheduler'] },
  { component: 'etcd', path: ['etcd', 'local'] },
];

/**
 * Flags kubeadm writes into the static pods it generates (kubeadm 1.2x `init`), so leaving them out of
 * `extraArgs` is not leaving them unset. Only the ones the cluster rules read.
 */
const KUBEADM_WRITES: Partial<Record<Component, Record<string, string>>> = {
  'kube-apiserver': {
    'authorization-mode': 'Node,RBAC',
    'client-ca-file': '/etc/kubernetes/pki/ca.crt',
    'enable-admission-plugins': 'NodeRestriction',
    'etcd-cafile': '/etc/kubernetes/pki/etcd/ca.crt',
    'etcd-certfile': '/etc/kubernetes/pki/apiserver-etcd-client.crt',
    'etcd-keyfile': '/etc/kubernetes/pki/apiserver-etcd-client.key',
    'kubelet-client-certificate': '/etc/kubernetes/pki/apiserver-kubelet-client.crt',
    'kubelet-client-key': '/etc/kubernetes/pki/apiserver-kubelet-client.key',
    'secure-port': '6443',
    'service-account-key-file': '/etc/kubernetes/pki/sa.pub',
    'tls-cert-file': '/etc/kubernetes/pki/apiserver.crt',
    'tls-private-key-file': '/etc/kubernetes/pki/apiserver.key',
  },
  'kube-controller-manager': {
    'bind-address': '127.0.0.1',
    'root-ca-file': '/etc/kubernetes/pki/ca.crt',
    'service-account-private-key-file': '/etc/kubernetes/pki/sa.key',
    'use-service-account-credentials': 'true',
  },
  'kube-scheduler': { 'bind-address': '127.0.0.1' },
  etcd: {
    'cert-file': '/etc/kubernetes/pki/etcd/server.crt',
    'key-file': '/etc/kubernetes/pki/etcd/server.key',
    'client-cert-auth': 'true',
    'peer-cert-file': '/etc/kubernetes/pki/etcd/peer.crt',
    'peer-key-file': '/etc/kubernetes/pki/etcd/peer.key',
    'peer-client-cert-auth': 'true',
  },
};

function kubeadmComponents(object: K8sObject): ComponentSettings[] {
  const doc = object.doc;
  if (object.kind === 'ClusterConfiguration') {
    return KUBEADM_ARGS.filter(({ path }) => path[0] !== 'etcd' || !doc.get(object.node, 'etcd', 'external')).map(({ component, path }) =>
      extraArgsSettings(object, component, `kubeadm ${path.join('.')}.extraArgs`, [...path, 'extraArgs'], false),
    );
  }
  if (object.kind === 'InitConfiguration' || object.kind === 'JoinConfiguration') {
    return [extraArgsSettings(object, 'kubelet', 'kubeadm nodeRegistration.kubeletExtraArgs', ['nodeRegistration', 'kubeletExtraArgs'], true)];
  }
  return [];
}

/** kubeadm `extraArgs`: a map (v1beta3) or a list of `{name, value}` (v1beta4). */
function extraArgsSettings(object: K8sObject, component: Component, label: string, path: string[], unsetIsUnknown: boolean): ComponentSettings {
  const doc = object.doc;
  const args = doc.get(object.node, ...path);
  const flags = new Map<string, Written>();
  if (isMap(args)) {
    for (const { key, pair } of doc.entries(args)) {
      const value = doc.deref(pair.value);
      if (isScalar(value)) flags.set(key, { value: String(value.value ?? ''), node: value, remove: () => yamlRemovePair(doc, args, pair as Pair) });
    }
  } else if (isSeq(args)) {
    for (const item of doc.items(args)) {
      const name = doc.scalar(item, 'name');
      const value = doc.get(item, 'value');
      if (typeof name === 'string' && isScalar(value)) flags.set(name, { value: String(value.value ?? ''), node: value, remove: () => yamlRemoveItem(doc, args, item) });
    }
  }
  const anchorPath = [...path];
  let anchor: Node | undefined;
  while (!anchor && anchorPath.length) {
    const parent = anchorPath.length > 1 ? doc.get(object.node, ...anchorPath.slice(0, -1)) : object.node;
    anchor = doc.pair(parent, anchorPath[anchorPath.length - 1])?.key as Node | undefined;
    anchorPath.pop();
  }
  return {
    component,
    object,
    label,
    fields: false,
    written: (name) => flags.get(name),
    implied: (name) => KUBEADM_WRITES[component]?.[name],
    unsetIsUnknown,
    anchor: anchor ?? (object.kindPair.key as Node),
    set(name, value) {
      const current = flags.get(name);
      if (current) return rewriteScalar(doc, current.node, value);
      // kubeadm reads every extra argument as a string: `"false"`, never `false`.
      return isSeq(args) ? undefined : yamlSet(doc, object.node, [...path, name], value);
    },
  };
}

// ---------------------------------------------------------------- kind

/** A kind config patch's plain value (a kubeadm document as a YAML string); undefined when it is not a map. */
function patchValue(text: string): Record<string, unknown> | undefined {
  try {
    const doc = parseYamlDocument(text, { uniqueKeys: false });
    const value = isTooDeep(doc) ? undefined : (doc.toJS({ maxAliasCount: 100 }) as unknown);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined; // too many aliases
  }
}

/** kubeadm `extraArgs` as plain data: a map (v1beta3) or a list of `{name, value}` (v1beta4). */
function plainExtraArgs(args: unknown): Array<[string, string]> {
  if (Array.isArray(args))
    return args.flatMap((a: unknown) =>
      typeof a === 'object' && a !== null && typeof (a as { name?: unknown }).name === 'string'
        ? [[(a as { name: string }).name, String((a as { value?: unknown }).value ?? '')] as [string, string]]
        : [],
    );
  if (typeof args === 'object' && args !== null) return Object.entries(args).map(([k, v]) => [k, String(v ?? '')]);
  return [];
}

const at = (value: unknown, path: string[]): unknown => path.reduce<unknown>((v, k) => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[k] : undefined), value);

/**
 * A kind `Cluster`: kind runs kubeadm, so its control plane is kubeadm's with the `extraArgs` of the
 * ClusterConfiguration patches in `kubeadmConfigPatches` (of the cluster, and of its control-plane nodes)
 * and the kubelet flags of the Init/JoinConfiguration patches. A setting points at the patch that writes
 * it; no fix (the patch is a string, the user's to edit). `networking.apiServerAddress` is its own setting.
 */
function kindComponents(object: K8sObject): ComponentSettings[] {
  const doc = object.doc;
  const controlPlaneNodes = doc.items(doc.get(object.node, 'nodes')).filter((n) => (doc.scalar(n, 'role') ?? 'control-plane') === 'control-plane');
  const patches = [object.node, ...controlPlaneNodes].flatMap((n) => doc.items(doc.get(n, 'kubeadmConfigPatches')).filter(isScalar));
  const written = new Map<Component, Map<string, Written>>();
  const write = (component: Component, name: string, value: string, node: Node) =>
    written.set(component, (written.get(component) ?? new Map<string, Written>()).set(name, { value, node, remove: () => undefined }));
  let externalEtcd = false;
  for (const patch of patches) {
    const value = patchValue(String(patch.value ?? ''));
    if (value?.kind === 'ClusterConfiguration') {
      externalEtcd ||= at(value, ['etcd', 'external']) !== undefined;
      for (const { component, path } of KUBEADM_ARGS) for (const [name, v] of plainExtraArgs(at(value, [...path, 'extraArgs']))) write(component, name, v, patch);
    } else if (value?.kind === 'InitConfiguration' || value?.kind === 'JoinConfiguration') {
      for (const [name, v] of plainExtraArgs(at(value, ['nodeRegistration', 'kubeletExtraArgs']))) write('kubelet', name, v, patch);
    }
  }
  const anchor = object.kindPair.key as Node;
  const settings = (
    component: Component,
    label: string,
    flags: Map<string, Written> | undefined,
    fields: boolean,
    unsetIsUnknown: boolean,
    implied: Record<string, string> = {},
  ): ComponentSettings => ({
    component,
    object,
    label,
    fields,
    written: (name) => flags?.get(name),
    implied: (name) => implied[name],
    unsetIsUnknown,
    anchor: flags?.values().next().value?.node ?? anchor,
    set: () => undefined,
  });
  const address = doc.get(object.node, 'networking', 'apiServerAddress');
  const networking = new Map<string, Written>(isScalar(address) ? [['networking.apiServerAddress', { value: String(address.value ?? ''), node: address, remove: () => undefined }]] : []);
  return [
    ...KUBEADM_ARGS.filter(({ component }) => component !== 'etcd' || !externalEtcd).map(({ component }) =>
      settings(component, `kind ${component}`, written.get(component), false, false, KUBEADM_WRITES[component]),
    ),
    settings('kubelet', 'kind kubelet', written.get('kubelet'), false, true),
    settings('kube-apiserver', 'kind Cluster', networking, true, false),
  ];
}

// ---------------------------------------------------------------- k3s

/** Where a k3s config keeps each component's flags (`name=value` items). */
const K3S_ARGS: Array<{ component: Component; key: string }> = [
  { component: 'kube-apiserver', key: 'kube-apiserver-arg' },
  { component: 'kube-controller-manager', key: 'kube-controller-manager-arg' },
  { component: 'kube-scheduler', key: 'kube-scheduler-arg' },
  { component: 'etcd', key: 'etcd-arg' },
  { component: 'kubelet', key: 'kubelet-arg' },
];

/** Where k3s writes its encryption config when `secrets-encryption` is on. */
const K3S_ENCRYPTION_CONFIG = '/var/lib/rancher/k3s/server/cred/encryption-config.json';

/**
 * A k3s (or RKE2) server config. k3s starts each component with flags of its own, so a flag the file does
 * not write is unknown, except what the k3s CIS hardening guide asks of this file: `secrets-encryption`
 * (the API server's encryption config), `protect-kernel-defaults` (the kubelet's), and an audit log (k3s
 * writes none). A finding points at the item or switch that decides it; no fix (k3s merges the file
 * with its command line and drop-ins, so an edit here need not be the one that counts).
 */
function k3sComponents(doc: YamlDocument): ComponentSettings[] {
  const root = doc.contents as Node;
  const object: K8sObject = { doc, node: root, apiVersion: '', kind: 'k3s config', kindPair: doc.entries(root)[0].pair as Pair<Scalar, Node | null>, metadata: doc.get(root, 'metadata') };
  const switchOf = (key: string): Written | undefined => {
    const node = doc.get(root, key);
    return isScalar(node) ? { value: String(node.value ?? ''), node, remove: () => undefined } : undefined;
  };
  const encryption = switchOf('secrets-encryption');
  const kernel = switchOf('protect-kernel-defaults');
  const known: Partial<Record<Component, Record<string, Written | string>>> = {
    'kube-apiserver': { 'encryption-provider-config': encryption ? { ...encryption, value: encryption.value === 'true' ? K3S_ENCRYPTION_CONFIG : '' } : '', 'audit-log-path': '' },
    kubelet: { 'protect-kernel-defaults': kernel ?? 'false' },
  };
  return K3S_ARGS.map(({ component, key }) => {
    const flags = new Map<string, Written>();
    for (const item of doc.items(doc.get(root, key)).filter(isScalar)) {
      const m = /^(?:--)?([A-Za-z0-9-]+)=(.*)$/s.exec(String(item.value ?? ''));
      if (m) flags.set(m[1], { value: m[2], node: item, remove: () => undefined });
    }
    const decided = known[component] ?? {};
    return {
      component,
      object,
      label: `k3s ${component}`,
      fields: false,
      written: (name) => flags.get(name) ?? (typeof decided[name] === 'object' ? (decided[name] as Written) : undefined),
      implied: (name) => (typeof decided[name] === 'string' ? (decided[name] as string) : undefined),
      unsetIsUnknown: true,
      anchor: (doc.pair(root, key)?.key as Node | undefined) ?? (object.kindPair.key as Node),
      set: () => undefined,
    };
  });
}

// ---------------------------------------------------------------- KubeletConfiguration

function kubeletConfiguration(object: K8sObject): ComponentSettings {
  const doc = object.doc;
  const at = (name: string): { node: Node; value: string } | undefined => {
    const node = doc.get(object.node, ...name.split('.'));
    if (isScalar(node) && node.value !== null) return { node, value: String(node.value) };
    if (isSeq(node))
      return {
        node,
        value: doc
          .items(node)
          .filter(isScalar)
          .map((s) => String(s.value))
          .join(','),
      };
    return undefined;
  };
  return {
    component: 'kubelet',
    object,
    label: 'KubeletConfiguration',
    fields: true,
    written(name) {
      const found = at(name);
      return found && { ...found, remove: () => undefined };
    },
    implied: () => undefined,
    unsetIsUnknown: false,
    anchor: object.kindPair.key as Node,
    set: (name, value) => yamlSet(doc, object.node, name.split('.'), typedValue(value)),
  };
}

/** A field's value as its type: booleans and numbers unquoted, as the kubelet's schema wants them. */
function typedValue(value: string): YamlValue {
  if (value === 'true' || value === 'false') return value === 'true';
  return /^\d+$/.test(value) ? Number(value) : value;
}
