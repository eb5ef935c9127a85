// The workspace's manifest index: what every YAML file of the workspace contributes (Kubernetes objects,
// network policies, workloads, Namespace levels, images it builds), with the lookups rules make
// precomputed. One index serves every analysis until a file's text changes: re-materializing it for
// each file analyzed made a 10,000-file scan quadratic. A change to a few files (an editor's unsaved
// buffers) makes a new index that re-reads only those files and reuses every other file's summary.
import { SourceFile } from '../source';
import { hasTemplates, maskTemplates, parseYamlStream } from '../parse/yaml';
import { builtK8sModel, isKubernetesDocument } from '../parse/kubernetes';
import { objectLabels } from '../parse/k8sObjects';
import { parseImageRef } from '../policy/images';
import { networkPolicyFacts, workloadFacts, type NetworkPolicyFacts, type WorkloadFacts } from '../parse/networkPolicy';
import { enforcedLevel, type EngineOptions } from '../config';
import { FileCache } from './fileCache';
import { cachedAdmissionObjects, type AdmissionObject } from './admissionObjects';
import { dirname, resolvePath } from './paths';

/** What the workspace index keeps of each Kubernetes object. */
export interface IndexedObject {
  path: string;
  kind: string;
  name?: string;
  namespace?: string;
  labels: Readonly<Record<string, string>>;
  /** Keys of a Secret's or ConfigMap's `data`/`stringData`/`binaryData`, when it lists any. */
  keys?: string[];
}

/** An image the workspace builds: by a Compose service (`image:` + `build:`) or a Skaffold artifact. */
export interface ImageBuild {
  image: string;
  contextDir: string;
  dockerfilePath: string;
}

export type NamespaceLevels = NonNullable<EngineOptions['namespaceLevels']>;

/** What one YAML file contributes to the index, computed once per text. */
interface ManifestSummary {
  objects: Omit<IndexedObject, 'path'>[];
  policies: readonly NetworkPolicyFacts[];
  workloads: WorkloadFacts[];
}

interface BuildEntry {
  image: string;
  context: string;
  dockerfile: string;
}

const manifestSummaries = new FileCache<ManifestSummary>(20_000);
const imageBuildEntries = new FileCache<BuildEntry[]>(20_000);

/**
 * What the index keeps of the YAML file at `path` with `text` (its objects, network policies, workloads
 * and image builds) as one string: equal strings mean other files see nothing new, so a host need not
 * re-check them after an edit that only touched a comment or a container image. Computed through the
 * index's own caches, so the next index build reuses it.
 */
export function indexedFactsOf(path: string, text: string): string {
  return JSON.stringify([manifestSummaries.get(path, text, summarizeManifest), imageBuildEntries.get(path, text, indexImageBuilds), cachedAdmissionObjects(path, text).fingerprint]);
}

/** Why the index builders fail on `text` at `path`, if they do (the index then leaves the file out). */
export function indexFailureOf(path: string, text: string): { error: unknown } | undefined {
  try {
    manifestSummaries.get(path, text, summarizeManifest);
    imageBuildEntries.get(path, text, indexImageBuilds);
    return undefined;
  } catch (error) {
    return { error };
  }
}

/** A workspace YAML file as indexed; `text` undefined when it could not be read. */
export interface IndexedFile {
  path: string;
  text: string | undefined;
}

interface Manifests {
  byKindName: Map<string, IndexedObject[]>;
  byKind: Map<string, IndexedObject[]>;
  kinds: Set<string>;
  policies: NetworkPolicyFacts[];
  workloads: WorkloadFacts[];
  namespaceLevels: NamespaceLevels;
  failures: Map<string, unknown>;
}

interface Builds {
  byRepository: Map<string, ImageBuild>;
  failures: Map<string, unknown>;
}

interface Admission {
  objects: AdmissionObject[];
  failures: Map<string, unknown>;
}

const kindName = (kind: string, name: string | undefined): string => JSON.stringify([kind, name ?? null]);

export class ManifestIndex {
  private readonly positions = new Map<string, number>();
  private manifestPart?: Manifests;
  private buildPart?: Builds;
  private admissionPart?: Admission;
  private readonly mergedLevels = new WeakMap<NamespaceLevels, NamespaceLevels>();

  private constructor(private readonly files: readonly IndexedFile[]) {
    files.forEach((f, i) => this.positions.set(f.path, i));
  }

  static read(paths: readonly string[], read: (path: string) => string | undefined): ManifestIndex {
    return new ManifestIndex(paths.map((path) => ({ path, text: read(path) })));
  }

  /**
   * This index when the files at `paths` (those whose text may have changed) still read the same, else
   * a new index with their new texts: only they are summarized again, and the lookups are rebuilt.
   */
  refreshed(paths: Iterable<string>, read: (path: string) => string | undefined): ManifestIndex {
    let files: IndexedFile[] | undefined;
    for (const path of paths) {
      const at = this.positions.get(path);
      if (at === undefined) continue;
      const text = read(path);
      if (text === this.files[at].text) continue;
      files ??= [...this.files];
      files[at] = { path, text };
    }
    return files ? new ManifestIndex(files) : this;
  }

  /** Objects of `kind` named `name`, in workspace order. */
  objectsNamed(kind: string, name: string | undefined): readonly IndexedObject[] {
    return this.manifests().byKindName.get(kindName(kind, name)) ?? [];
  }

  /** Objects of `kind`, in workspace order. */
  objectsOfKind(kind: string): readonly IndexedObject[] {
    return this.manifests().byKind.get(kind) ?? [];
  }

  /** The kinds of object the workspace has manifests of. */
  kinds(): ReadonlySet<string> {
    return this.manifests().kinds;
  }

  /** The workspace's NetworkPolicies, each with the path of its file in `uri`. */
  networkPolicies(): readonly NetworkPolicyFacts[] {
    return this.manifests().policies;
  }

  /** The workspace's pod-carrying objects, each with the path of its file in `uri`. */
  workloads(): readonly WorkloadFacts[] {
    return this.manifests().workloads;
  }

  /**
   * The Pod Security level each Namespace of the workspace enforces (the last manifest of a name wins),
   * under the levels `given` (settings win). Merged once per `given`: a copy per analysis made a scan quadratic.
   */
  namespaceLevels(given: NamespaceLevels | undefined): NamespaceLevels {
    const own = this.manifests().namespaceLevels;
    if (!given) return own;
    let merged = this.mergedLevels.get(given);
    if (!merged) this.mergedLevels.set(given, (merged = { ...own, ...given }));
    return merged;
  }

  /** Files the object index failed on, with the error: they are left out of it. */
  manifestFailures(): ReadonlyMap<string, unknown> {
    return this.manifests().failures;
  }

  /** Images built in the workspace, by repository (tag and digest dropped); the first build of a repository wins. */
  imageBuilds(): ReadonlyMap<string, ImageBuild> {
    return this.builds().byRepository;
  }

  /** Files the image-build index failed on, with the error. */
  buildFailures(): ReadonlyMap<string, unknown> {
    return this.builds().failures;
  }

  /** Whether the index holds the file at `path`. */
  holds(path: string): boolean {
    return this.positions.has(path);
  }

  /**
   * The ValidatingAdmissionPolicies and bindings of the indexed files, in workspace order: gathered once
   * per index, as every Kubernetes document's analysis asks for them (gathering them per analysis made
   * a scan quadratic).
   */
  admissionObjects(): readonly AdmissionObject[] {
    return this.admission().objects;
  }

  /** Files the admission objects could not be read from, with the error. */
  admissionFailures(): ReadonlyMap<string, unknown> {
    return this.admission().failures;
  }

  private manifests(): Manifests {
    if (this.manifestPart) return this.manifestPart;
    const part: Manifests = { byKindName: new Map(), byKind: new Map(), kinds: new Set(), policies: [], workloads: [], namespaceLevels: {}, failures: new Map() };
    this.eachFile(
      (path, text) => manifestSummaries.get(path, text, summarizeManifest),
      part.failures,
      (path, summary) => {
        for (const o of summary.objects) {
          const object = { ...o, path };
          const key = kindName(o.kind, o.name);
          const same = part.byKindName.get(key);
          if (same) same.push(object);
          else part.byKindName.set(key, [object]);
          const ofKind = part.byKind.get(o.kind);
          if (ofKind) ofKind.push(object);
          else part.byKind.set(o.kind, [object]);
          part.kinds.add(o.kind);
          const enforced = o.kind === 'Namespace' && o.name ? enforcedLevel((label) => o.labels[label]) : undefined;
          if (enforced) part.namespaceLevels[o.name!] = enforced;
        }
        for (const p of summary.policies) part.policies.push({ ...p, uri: path });
        for (const w of summary.workloads) part.workloads.push({ ...w, uri: path });
      },
    );
    return (this.manifestPart = part);
  }

  private builds(): Builds {
    if (this.buildPart) return this.buildPart;
    const part: Builds = { byRepository: new Map(), failures: new Map() };
    this.eachFile(
      (path, text) => imageBuildEntries.get(path, text, indexImageBuilds),
      part.failures,
      (path, entries) => {
        for (const b of entries) {
          const contextDir = resolvePath(dirname(path), b.context);
          const repo = imageRepository(b.image);
          if (repo && !part.byRepository.has(repo)) part.byRepository.set(repo, { image: b.image, contextDir, dockerfilePath: resolvePath(contextDir, b.dockerfile) });
        }
      },
    );
    return (this.buildPart = part);
  }

  private admission(): Admission {
    if (this.admissionPart) return this.admissionPart;
    const part: Admission = { objects: [], failures: new Map() };
    this.eachFile(cachedAdmissionObjects, part.failures, (_path, file) => part.objects.push(...file.objects));
    return (this.admissionPart = part);
  }

  /** Each readable file's summary, in order; a file the builder fails on is left out (it must not blind the others) and noted. */
  private eachFile<T>(summary: (path: string, text: string) => T, failures: Map<string, unknown>, add: (path: string, value: T) => void): void {
    for (const { path, text } of this.files) {
      if (text === undefined) continue;
      let value: T;
      try {
        value = summary(path, text);
      } catch (error) {
        failures.set(path, error);
        continue;
      }
      add(path, value);
    }
  }
}

/** Where a Secret or ConfigMap lists its keys. */
const DATA_FIELDS = ['data', 'stringData', 'binaryData'];
/** The kinds whose keys are indexed (references name keys of no other): no other object is searched for data fields. */
const KEYED_KINDS = new Set(['Secret', 'ConfigMap']);

function summarizeManifest(text: string, path: string): ManifestSummary {
  if (!/^\s*kind\s*:/m.test(text)) return { objects: [], policies: [], workloads: [] };
  // Parsed under the file's own path: the file just analyzed gets its analysis's documents and model.
  const src = new SourceFile(path, text);
  const stream = parseYamlStream(src, hasTemplates(text) ? maskTemplates(text) : text);
  const model = builtK8sModel(stream.documents.filter(isKubernetesDocument));
  const objects = model.objects.map((object) => {
    const doc = object.doc;
    const keys: string[] = [];
    if (KEYED_KINDS.has(object.kind)) for (const field of DATA_FIELDS) for (const entry of doc.entries(doc.get(object.node, field))) keys.push(entry.key);
    return {
      kind: object.kind,
      name: object.name,
      namespace: object.namespace,
      labels: objectLabels(object),
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
function indexImageBuilds(text: string, path: string): BuildEntry[] {
  if (!/\b(build|artifacts)\s*:/.test(text)) return [];
  const out: BuildEntry[] = [];
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
