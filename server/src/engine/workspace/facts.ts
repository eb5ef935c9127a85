// The cross-file questions rules ask (the Dockerfile a Compose service builds, a build context's files
// and .dockerignore, the workspace's Kubernetes objects), answered through the host and cached by
// content. Every path read is recorded: the server re-checks a document when one of them changes.
// Nothing outside the workspace is read or listed: the host says what is inside, and a reference that
// leads out is recorded (reported as BH006 "not evaluated") instead of followed.
import gitignore from 'ignore';
import { SourceFile } from '../source';
import { parseDockerfile, type DockerfileModel } from '../parse/dockerfile';
import { parseDockerIgnore, type DockerIgnoreMatcher, type InvalidIgnoreLine } from '../parse/dockerIgnore';
import { hasTemplates, maskTemplates, parseYamlStream } from '../parse/yaml';
import { buildK8sModel, isKubernetesDocument } from '../parse/kubernetes';
import { stringMap } from '../parse/k8sObjects';
import type { WorkspaceHost } from './host';
import { parseImageRef } from '../policy/images';
import { networkPolicyFacts, workloadFacts, type NetworkPolicyFacts, type WorkloadFacts } from '../parse/networkPolicy';
import { enforcedLevel, type EngineOptions } from '../config';
import { dirname, resolvePath } from './paths';
import type { Range } from '../model';
import { indexAdmissionObjects, objectsDataOf, type AdmissionObject, type FileAdmissionObjects } from './admissionObjects';

/** A .dockerignore as the builder reads it: `ignores(path)` for a path relative to the context. */
export interface DockerIgnore {
  path: string;
  /** The file's text; undefined when the context has no .dockerignore. */
  text?: string;
  /** The file that applies leads out of the workspace (a link): it was not read, so what it excludes is unknown. */
  outside?: boolean;
  ignores(relativePath: string): boolean;
  /** Lines BuildKit rejects (failing the build); they exclude nothing here. */
  invalid: readonly InvalidIgnoreLine[];
}

/** A reference the analysis did not follow because it leads out of the workspace, where it is written. */
export interface OutsideReference { reference: string; range: Range }

/** What the workspace index keeps of each Kubernetes object. */
export interface IndexedObject {
  path: string;
  kind: string;
  name?: string;
  namespace?: string;
  labels: Record<string, string>;
  /** Keys of a Secret's or ConfigMap's `data`/`stringData`/`binaryData`, when it lists any. */
  keys?: string[];
}

/**
 * What was derived from each file, kept per path while its text stays the same: every keystroke re-reads
 * the workspace index, so a cache smaller than the workspace would re-parse it all each time. The bound
 * (the host lists at most 20,000 files per tree) keeps memory flat across workspaces.
 */
class FileCache<T> {
  private readonly entries = new Map<string, { text: string; outcome: { value: T } | { error: unknown } }>();
  constructor(private readonly limit: number) {}
  /** `make(text)`, once per text: a failure is remembered too and thrown again, so a bad file is not re-parsed each time. */
  get(path: string, text: string, make: (text: string, path: string) => T): T {
    let entry = this.entries.get(path);
    if (!entry || entry.text !== text) {
      let outcome: { value: T } | { error: unknown };
      try {
        outcome = { value: make(text, path) };
      } catch (error) {
        outcome = { error };
      }
      entry = { text, outcome };
      this.entries.delete(path);
      if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value as string);
      this.entries.set(path, entry);
    }
    if ('error' in entry.outcome) throw entry.outcome.error;
    return entry.outcome.value;
  }
}

/** An image the workspace builds: by a Compose service (`image:` + `build:`) or a Skaffold artifact. */
export interface ImageBuild { image: string; contextDir: string; dockerfilePath: string }

const dockerfiles = new FileCache<DockerfileModel>(1_000);
const dockerignores = new FileCache<DockerIgnoreMatcher>(1_000);
const imageBuildIndexes = new FileCache<Array<{ image: string; context: string; dockerfile: string }>>(20_000);
/** What one YAML file contributes to the workspace index, computed once per text. */
interface ManifestSummary {
  objects: Omit<IndexedObject, 'path'>[];
  policies: NetworkPolicyFacts[];
  workloads: WorkloadFacts[];
}

const manifestIndexes = new FileCache<ManifestSummary>(20_000);
const admissionIndexes = new FileCache<FileAdmissionObjects>(20_000);
/** Files holding a policy's params, as CEL data (few files: only those a binding's paramRef names). */
const objectsData = new FileCache<ReturnType<typeof objectsDataOf>>(1_000);
/** Per listing of a host (the same array until files change): every analysis reads the whole index. */
const insideYamlFiles = new WeakMap<readonly string[], readonly string[]>();

/**
 * What the workspace index keeps of the YAML file at `path` with `text` (its objects, network policies,
 * workloads and image builds) as one string: equal strings mean other files see nothing new, so a host
 * need not re-check them after an edit that only touched a comment or a container image. Computed
 * through the index's own caches, so the next index build reuses it.
 */
export function indexedFactsOf(path: string, text: string): string {
  return JSON.stringify([manifestIndexes.get(path, text, summarizeManifest), imageBuildIndexes.get(path, text, indexImageBuilds), admissionIndexes.get(path, text, indexAdmissionObjects).fingerprint]);
}

export class WorkspaceFacts {
  /** Absolute paths the analysis read or listed. */
  readonly dependencies = new Set<string>();
  /** True when the analysis used the index of every YAML file (any manifest change may alter it). */
  usedManifestIndex = false;
  /** Workspace files an index builder failed on, with the error: they are left out of the index. */
  readonly indexFailures = new Map<string, unknown>();
  /** References left unevaluated because they lead out of the workspace, once per written place. */
  readonly outsideReferences: OutsideReference[] = [];
  private index?: Array<{ path: string; summary: ManifestSummary }>;
  private builds?: Map<string, ImageBuild>;
  private admission?: AdmissionObject[];

  constructor(private readonly host: WorkspaceHost, readonly documentPath: string) {}

  get documentDir(): string {
    return dirname(this.documentPath);
  }

  resolve(ref: string, base = this.documentDir): string {
    return resolvePath(base, ref);
  }

  /** Whether `path` is inside the workspace: only then is it read, listed or edited. */
  inside(path: string): boolean {
    return this.host.contains(path);
  }

  /** Whether the reference written at `range` may be followed to `path`; one leading out is recorded instead. */
  canFollow(path: string, reference: string, range: Range): boolean {
    if (this.inside(path)) return true;
    this.dependencies.add(path); // a link replaced by a real file changes the answer
    this.noteOutside(reference, range);
    return false;
  }

  noteOutside(reference: string, range: Range): void {
    const same = (o: OutsideReference) => o.range.start.line === range.start.line && o.range.start.character === range.start.character;
    if (!this.outsideReferences.some(same)) this.outsideReferences.push({ reference, range });
  }

  /** The file's text; undefined when missing, unreadable or outside the workspace (then never asked for). */
  read(path: string): string | undefined {
    this.dependencies.add(path);
    return this.inside(path) ? this.host.readFile(path) : undefined;
  }

  listFiles(dir: string): readonly string[] | undefined {
    this.dependencies.add(dir);
    return this.inside(dir) ? this.host.listFiles(dir) : undefined;
  }

  /** The parsed Dockerfile at `path`, or undefined when it cannot be read. */
  dockerfile(path: string): DockerfileModel | undefined {
    const text = this.read(path);
    return text === undefined ? undefined : dockerfiles.get(path, text, (t) => parseDockerfile(t));
  }

  /** The context's .dockerignore (`<Dockerfile>.dockerignore` beside the Dockerfile wins, as BuildKit does). */
  dockerignore(contextDir: string, dockerfilePath?: string): DockerIgnore {
    const candidates = [...(dockerfilePath ? [`${dockerfilePath}.dockerignore`] : []), `${contextDir}/.dockerignore`];
    for (const path of candidates) {
      const text = this.read(path);
      if (!this.inside(path)) return { path, outside: true, ignores: () => false, invalid: [] };
      if (text === undefined) continue;
      const { ignores, invalid } = dockerignores.get(path, text, parseDockerIgnore);
      return { path, text, ignores, invalid };
    }
    return { path: `${contextDir}/.dockerignore`, ignores: () => false, invalid: [] };
  }

  /**
   * Whether Git ignores `path`, from the `.gitignore` files between the repository root (the directory
   * holding `.git/HEAD`) and the file; undefined when no repository encloses it inside the workspace, or
   * when a `.gitignore` on the way leads out of it (what it says is unknown, and it must not be edited).
   */
  gitIgnored(path: string): { ignored: boolean; root: string; nearest: { dir: string; text?: string } } | undefined {
    const chain: Array<{ dir: string; text?: string }> = [];
    for (let dir = dirname(path), depth = 0; depth < 40 && this.inside(dir); dir = dirname(dir), depth++) {
      const text = this.read(`${dir}/.gitignore`);
      if (!this.inside(`${dir}/.gitignore`)) return undefined;
      chain.unshift({ dir, text });
      if (this.read(`${dir}/.git/HEAD`) !== undefined) {
        let ignored = false;
        // Deeper .gitignore files win over shallower ones, as in Git.
        for (const { dir: at, text } of chain) {
          if (text === undefined) continue;
          const verdict = gitignore().add(text).test(path.slice(at.length + 1));
          if (verdict.ignored) ignored = true;
          else if (verdict.unignored) ignored = false;
        }
        // Where to add an entry: the deepest .gitignore there is (it has the last word), else the root's.
        const nearest = [...chain].reverse().find((c) => c.text !== undefined) ?? chain[0];
        return { ignored, root: dir, nearest };
      }
      if (dir === '/') break;
    }
    return undefined;
  }

  /** Images built in the workspace, by repository (tag and digest dropped). */
  imageBuilds(): ReadonlyMap<string, ImageBuild> {
    this.usedManifestIndex = true;
    if (!this.builds) {
      this.builds = new Map();
      for (const path of this.workspaceYamlFiles()) {
        const text = this.host.readFile(path);
        if (text === undefined) continue;
        this.indexing(path, () => {
          for (const b of imageBuildIndexes.get(path, text, indexImageBuilds)) {
            const contextDir = resolvePath(dirname(path), b.context);
            const repo = imageRepository(b.image);
            if (repo && !this.builds!.has(repo)) this.builds!.set(repo, { image: b.image, contextDir, dockerfilePath: resolvePath(contextDir, b.dockerfile) });
          }
        });
      }
    }
    return this.builds;
  }

  /** Every Kubernetes object of the workspace's YAML files, the current document included as the host sees it. */
  manifests(): readonly IndexedObject[] {
    return this.summaries().flatMap(({ path, summary }) => summary.objects.map((o) => ({ ...o, path })));
  }

  /** The workspace's NetworkPolicies, each with the path of its file in `uri`. */
  networkPolicies(): NetworkPolicyFacts[] {
    return this.summaries().flatMap(({ path, summary }) => summary.policies.map((p) => ({ ...p, uri: path })));
  }

  /** The workspace's pod-carrying objects, each with the path of its file in `uri`. */
  workloads(): WorkloadFacts[] {
    return this.summaries().flatMap(({ path, summary }) => summary.workloads.map((w) => ({ ...w, uri: path })));
  }

  /** The workspace's ValidatingAdmissionPolicies and their bindings (issue 14). */
  admissionObjects(): readonly AdmissionObject[] {
    this.usedManifestIndex = true;
    if (!this.admission) {
      this.admission = [];
      for (const path of this.workspaceYamlFiles()) {
        const text = this.host.readFile(path);
        if (text !== undefined) this.indexing(path, () => this.admission!.push(...admissionIndexes.get(path, text, indexAdmissionObjects).objects));
      }
    }
    return this.admission;
  }

  /** Every object of the workspace file at `path` as CEL data: a binding's params are read here. */
  objectsData(path: string): ReturnType<typeof objectsDataOf> {
    const text = this.read(path);
    return text === undefined ? [] : objectsData.get(path, text, objectsDataOf);
  }

  /** `options` with the Pod Security levels the workspace's Namespaces enforce; levels already given win. */
  withNamespaceLevels<T extends EngineOptions>(options: T): T {
    const levels: NonNullable<EngineOptions['namespaceLevels']> = {};
    for (const { summary } of this.summaries()) {
      for (const o of summary.objects) {
        const enforced = o.kind === 'Namespace' && o.name ? enforcedLevel((key) => o.labels[key]) : undefined;
        if (enforced) levels[o.name!] = enforced;
      }
    }
    return { ...options, namespaceLevels: { ...levels, ...options.namespaceLevels } };
  }

  /** The host's YAML files that are inside the workspace (the index reads nothing else). */
  private workspaceYamlFiles(): readonly string[] {
    const all = this.host.yamlFiles();
    let inside = insideYamlFiles.get(all);
    if (!inside) insideYamlFiles.set(all, (inside = all.filter((path) => this.inside(path))));
    return inside;
  }

  private summaries(): Array<{ path: string; summary: ManifestSummary }> {
    this.usedManifestIndex = true;
    if (!this.index) {
      this.index = [];
      for (const path of this.workspaceYamlFiles()) {
        const text = this.host.readFile(path);
        if (text !== undefined) this.indexing(path, () => this.index!.push({ path, summary: manifestIndexes.get(path, text, summarizeManifest) }));
      }
    }
    return this.index;
  }

  /** One file's part of an index: a file the builder fails on is left out (it must not blind the others) and noted. */
  private indexing(path: string, add: () => void): void {
    try {
      add();
    } catch (error) {
      this.indexFailures.set(path, error);
    }
  }

  /** Why the index builders fail on this document's own text, if they do (the index then leaves it out). */
  ownIndexFailure(text: string): { error: unknown } | undefined {
    try {
      manifestIndexes.get(this.documentPath, text, summarizeManifest);
      imageBuildIndexes.get(this.documentPath, text, indexImageBuilds);
      return undefined;
    } catch (error) {
      return { error };
    }
  }
}


function summarizeManifest(text: string, path: string): ManifestSummary {
  if (!/^\s*kind\s*:/m.test(text)) return { objects: [], policies: [], workloads: [] };
  // Parsed under the file's own path: an open file's parse is shared with its analysis.
  const src = new SourceFile(path, text);
  const stream = parseYamlStream(src, hasTemplates(text) ? maskTemplates(text) : text);
  const model = buildK8sModel(stream.documents.filter(isKubernetesDocument));
  const objects = model.objects.map((object) => {
    const doc = object.doc;
    const keys = ['data', 'stringData', 'binaryData'].flatMap((k) => doc.entries(doc.get(object.node, k)).map((e) => e.key));
    return {
      kind: object.kind, name: object.name, namespace: object.namespace,
      labels: stringMap(object, doc.get(object.node, 'metadata', 'labels')) ?? {},
      ...(keys.length ? { keys } : {}),
    };
  });
  // Model nodes are dropped: the cache keeps plain facts only.
  const workloads = workloadFacts(model).map(({ object: _object, ...facts }) => facts);
  return { objects, policies: networkPolicyFacts(model), workloads };
}

/** `registry/repo:tag@digest` → `registry/repo`, the part a build and a deployment agree on. */
export function imageRepository(image: string): string | undefined {
  const ref = parseImageRef(image);
  return ref ? `${ref.registry ? `${ref.registry}/` : ''}${ref.repository}`.toLowerCase() : undefined;
}

/** Compose services with `image:` and a local `build:`, and Skaffold artifacts, of one YAML file. */
function indexImageBuilds(text: string, path: string): Array<{ image: string; context: string; dockerfile: string }> {
  if (!/\b(build|artifacts)\s*:/.test(text)) return [];
  const out: Array<{ image: string; context: string; dockerfile: string }> = [];
  const stream = parseYamlStream(new SourceFile(path, text), hasTemplates(text) ? maskTemplates(text) : text);
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v && !v.includes('$') && !/^[a-z][\w+.-]*:\/\/|^git@/i.test(v) ? v : undefined);
  for (const doc of stream.documents) {
    for (const { pair } of doc.entries(doc.get(doc.contents, 'services'))) {
      const service = pair.value;
      const image = str(doc.scalar(service, 'image'));
      const build = doc.get(service, 'build');
      if (!image || !build) continue;
      const context = str(doc.scalar(build)) ?? str(doc.scalar(build, 'context')) ?? (doc.scalar(build) === undefined ? '.' : undefined);
      if (context) out.push({ image, context, dockerfile: str(doc.scalar(build, 'dockerfile')) ?? 'Dockerfile' });
    }
    if (String(doc.scalar(doc.contents, 'apiVersion') ?? '').startsWith('skaffold/')) {
      for (const artifact of doc.items(doc.get(doc.contents, 'build', 'artifacts'))) {
        const image = str(doc.scalar(artifact, 'image'));
        if (image) out.push({ image, context: str(doc.scalar(artifact, 'context')) ?? '.', dockerfile: str(doc.scalar(artifact, 'docker', 'dockerfile')) ?? 'Dockerfile' });
      }
    }
  }
  return out;
}
