// Where K8S080's fix keeps the credentials it takes out of a manifest: a Secret manifest beside it,
// `<workload>-secrets.secret.yaml`, created by the fix, ignored in Git, one per workload. The pod
// then references a Secret that exists (`kubectl apply -f` on the folder applies both), and the next
// run finds every value in place and writes nothing.
import { createFile } from '../../edits/files';
import { insertPairs, isKeyedMap, renderScalar } from '../../edits/yaml';
import { applyEdits } from '../../edits/text';
import type { FileEdit } from '../../model';
import type { MovedSecretsPlan } from '../../movedSecrets';
import { MAX_NAME_CANDIDATES } from '../../movedSecrets';
import type { K8sObject } from '../../parse/kubernetes';
import { isScalar, parseYamlStream, type Node, type YamlDocument } from '../../parse/yaml';
import { SourceFile } from '../../source';

/** A Secret key for an environment variable: `[-._a-z0-9]`, never read back as a number (`123:`). */
export const secretKey = (variable: string): string =>
  variable
    .toLowerCase()
    .replace(/[^a-z0-9._-]/g, '_')
    .replace(/^[^a-z_]/, '_$&');

export class SecretManifest {
  private readonly added = new Map<string, string>();

  constructor(
    readonly path: string,
    readonly name: string,
    readonly namespace: string | undefined,
    /** The file as it is, with its Secret's `stringData` map; undefined when the fix creates it. */
    private readonly current: { text: string; doc: YamlDocument; stringData: Node; keys: Map<string, string | null> } | undefined,
  ) {}

  /** The key holding `value` for `variable`: its own key, or `<key>_2`... when that one holds another value. */
  keyFor(variable: string, value: string): string | undefined {
    const base = secretKey(variable);
    for (let n = 1; n <= MAX_NAME_CANDIDATES; n++) {
      const key = n === 1 ? base : `${base}_${n}`;
      const held = this.current?.keys.get(key) ?? this.added.get(key);
      if (held === value) return key;
      if (held !== undefined) continue;
      this.added.set(key, value);
      return key;
    }
    return undefined;
  }

  /** The edit writing every planned key (`source` names the manifest they come from): the whole file when it is new; undefined when all are in place. */
  fileEdit(source: string): FileEdit | undefined {
    if (!this.current) return createFile(this.path, this.render(source), { private: true });
    if (this.added.size === 0) return undefined;
    // readManifest takes only a stringData map that pairs can be inserted into.
    return { path: this.path, create: false, edits: [insertPairs(this.current.doc, this.current.stringData, Object.fromEntries(this.added))!] };
  }

  /** The file's text once `fileEdit` is written. */
  text(source: string): string {
    const edit = this.fileEdit(source);
    return edit ? applyEdits(this.current?.text ?? '', edit.edits) : this.current!.text;
  }

  private render(source: string): string {
    return [
      `# Credentials moved here by Bulkhead (K8S080) from ${source}. Git ignores this file: apply it`,
      '# with the workload (kubectl apply -f), keep it out of Git, and rotate the values that were committed.',
      'apiVersion: v1',
      'kind: Secret',
      'metadata:',
      `  name: ${this.name}`,
      ...(this.namespace ? [`  namespace: ${renderScalar(this.namespace)}`] : []),
      'type: Opaque',
      'stringData:',
      ...[...this.added].map(([key, value]) => `  ${key}: ${renderScalar(value)}`),
      '',
    ].join('\n');
  }
}

/** `path`'s text as the Secret manifest named `name`: one document, that Secret, values under `stringData` only. */
function readManifest(path: string, text: string, name: string, namespace: string | undefined): SecretManifest | undefined {
  const documents = parseYamlStream(new SourceFile(path, text)).documents;
  const doc = documents.length === 1 ? documents[0] : undefined;
  if (!doc || doc.doc.errors.length || doc.scalar(doc.contents, 'kind') !== 'Secret') return undefined;
  if (doc.scalar(doc.contents, 'metadata', 'name') !== name || doc.scalar(doc.contents, 'metadata', 'namespace') !== namespace) return undefined;
  const stringData = doc.get(doc.contents, 'stringData');
  if (!stringData || !isKeyedMap(stringData) || doc.get(doc.contents, 'data') !== undefined) return undefined;
  const keys = new Map<string, string | null>(); // null: a value that is not a string, taken but never equal
  for (const { key, pair } of doc.entries(stringData)) {
    const value = doc.deref(pair.value);
    keys.set(key, isScalar(value) && typeof value.value === 'string' ? value.value : null);
  }
  return new SecretManifest(path, name, namespace, { text, doc, stringData, keys });
}

/**
 * The Secret manifest for `object`'s credentials: `<base>`, `<base>-2`, … whose name no other Secret
 * of the workspace (in a namespace it could meet) takes and whose file is missing, or is that Secret.
 * Workloads of one analysis that arrive at the same file share it. Undefined when none qualifies.
 */
export function planSecretManifest(plan: MovedSecretsPlan, object: K8sObject, base: string, planned: Map<string, SecretManifest>): SecretManifest | undefined {
  for (let n = 1; n <= MAX_NAME_CANDIDATES; n++) {
    const name = n === 1 ? base : `${base}-${n}`;
    const path = plan.facts.resolve(`${name}.secret.yaml`);
    const shared = planned.get(path);
    if (shared) {
      if (shared.namespace === object.namespace) return shared;
      continue;
    }
    const taken = plan.facts.manifestsNamed('Secret', name).some((o) => o.path !== path && (!o.namespace || !object.namespace || o.namespace === object.namespace));
    if (taken) continue;
    const text = plan.facts.read(path);
    const manifest = text === undefined ? new SecretManifest(path, name, object.namespace, undefined) : readManifest(path, text, name, object.namespace);
    if (!manifest) continue;
    planned.set(path, manifest);
    return manifest;
  }
  return undefined;
}
