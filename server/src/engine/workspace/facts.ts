// The cross-file questions rules ask (the Dockerfile a Compose service builds, a build context's files
// and .dockerignore, the workspace's Kubernetes objects), answered through the host and cached by
// content. Every path read is recorded: the server re-checks a document when one of them changes.
// Nothing outside the workspace is read or listed: the host says what is inside, and a reference that
// leads out is recorded (reported as BH006 "not evaluated") instead of followed.
import gitignore from 'ignore';
import { parseDockerfile, type DockerfileModel } from '../parse/dockerfile';
import { parseDockerIgnore, type DockerIgnoreMatcher, type InvalidIgnoreLine } from '../parse/dockerIgnore';
import type { WorkspaceHost } from './host';
import type { NetworkPolicyFacts, WorkloadFacts } from '../parse/networkPolicy';
import type { EngineOptions } from '../config';
import { dirname, resolvePath } from './paths';
import { isKustomizationName } from '../parse/kustomization';
import type { Range } from '../model';
import { FileCache } from './fileCache';
import { indexFailureOf, ManifestIndex, type ImageBuild, type IndexedObject } from './manifestIndex';
import { cachedAdmissionObjects, cachedObjectsData, type AdmissionObject, type objectsDataOf } from './admissionObjects';

export { imageRepository, indexedFactsOf, type ImageBuild, type IndexedObject } from './manifestIndex';

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
export interface OutsideReference {
  reference: string;
  range: Range;
}

/** The files of a `policies.paths` directory read for policies. */
const POLICY_FILE = /\.(ya?ml|json)$/i;

const dockerfiles = new FileCache<DockerfileModel>(1_000);
const dockerignores = new FileCache<DockerIgnoreMatcher>(1_000);
/** Per listing of a host (the same array until files change): every analysis reads the whole index. */
const insideYamlFiles = new WeakMap<readonly string[], readonly string[]>();
/** The kustomization files of each listing of the workspace's YAML files. */
const kustomizationFiles = new WeakMap<readonly string[], readonly string[]>();
/** The index of each listing, as of the last analysis that used it. */
const indexes = new WeakMap<readonly string[], ManifestIndex>();

/**
 * What a computation over workspace files read (path → text, undefined when it could not read it), and
 * under which host listing: a result kept with it holds while every one of them reads the same.
 */
export interface RecordedReads {
  listing: readonly string[];
  texts: ReadonlyMap<string, string | undefined>;
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
  private index?: ManifestIndex;
  private admission?: readonly AdmissionObject[];

  constructor(
    private readonly host: WorkspaceHost,
    readonly documentPath: string,
    /** Where policies are besides the workspace's YAML files (`policies.paths`, absolute). */
    private readonly policyPaths: readonly string[] = [],
  ) {}

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

  /** A reader like `read` that records what it reads in `reads` (and, through `add`, what a kept result read), for `readsSame` to check later. */
  recorder(): { read(path: string): string | undefined; add(reads: RecordedReads): void; reads: RecordedReads } {
    const texts = new Map<string, string | undefined>();
    return {
      read: (path) => {
        const text = this.read(path);
        texts.set(path, text);
        return text;
      },
      add: (reads) => reads.texts.forEach((text, path) => texts.set(path, text)),
      reads: { listing: this.host.yamlFiles(), texts },
    };
  }

  /**
   * Whether everything `reads` recorded reads the same now; each is a dependency of this analysis again.
   * While the host hands out the same listing no file changed but those it says may (editor buffers):
   * only those are read again, so a kept result costs a lookup per open file, not a read per file it read.
   */
  readsSame(reads: RecordedReads): boolean {
    const sameListing = reads.listing === this.host.yamlFiles();
    for (const path of reads.texts.keys()) this.dependencies.add(path);
    const changing = sameListing ? (this.host.changingPaths?.() ?? []) : undefined;
    if (!changing) return [...reads.texts].every(([path, text]) => this.read(path) === text);
    for (const path of changing) if (reads.texts.has(path) && this.read(path) !== reads.texts.get(path)) return false;
    return true;
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
          const verdict = gitignore()
            .add(text)
            .test(path.slice(at.length + 1));
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
    const index = this.manifestIndex();
    this.noteFailures(index.buildFailures());
    return index.imageBuilds();
  }

  /** Objects of `kind` named `name` in the workspace's YAML files (the current document as the host sees it), in workspace order. */
  manifestsNamed(kind: string, name: string | undefined): readonly IndexedObject[] {
    return this.objectIndex().objectsNamed(kind, name);
  }

  /** Objects of `kind` in the workspace's YAML files, in workspace order. */
  manifestsOfKind(kind: string): readonly IndexedObject[] {
    return this.objectIndex().objectsOfKind(kind);
  }

  /** The kinds of object the workspace has manifests of. */
  manifestKinds(): ReadonlySet<string> {
    return this.objectIndex().kinds();
  }

  /** The workspace's NetworkPolicies, each with the path of its file in `uri`. */
  networkPolicies(): readonly NetworkPolicyFacts[] {
    return this.objectIndex().networkPolicies();
  }

  /** The workspace's pod-carrying objects, each with the path of its file in `uri`. */
  workloads(): readonly WorkloadFacts[] {
    return this.objectIndex().workloads();
  }

  /** `options` with the Pod Security levels the workspace's Namespaces enforce; levels already given win. */
  withNamespaceLevels<T extends EngineOptions>(options: T): T {
    return { ...options, namespaceLevels: this.objectIndex().namespaceLevels(options.namespaceLevels) };
  }

  /**
   * The workspace's kustomization files (`kustomization.yaml`/`.yml`/`Kustomization`: hosts list all
   * three with the YAML files). Any YAML file created or edited may add one: like the index, this makes
   * the analysis depend on all of them.
   */
  kustomizationFiles(): readonly string[] {
    this.usedManifestIndex = true;
    const all = this.workspaceYamlFiles();
    let found = kustomizationFiles.get(all);
    if (!found) kustomizationFiles.set(all, (found = all.filter((path) => isKustomizationName(path.slice(path.lastIndexOf('/') + 1)))));
    return found;
  }

  /** The host's YAML files that are inside the workspace (the index reads nothing else). */
  private workspaceYamlFiles(): readonly string[] {
    const all = this.host.yamlFiles();
    let inside = insideYamlFiles.get(all);
    if (!inside) insideYamlFiles.set(all, (inside = all.filter((path) => this.inside(path))));
    return inside;
  }

  /** The index of Kubernetes objects (with what it failed on noted). */
  private objectIndex(): ManifestIndex {
    const index = this.manifestIndex();
    this.noteFailures(index.manifestFailures());
    return index;
  }

  /**
   * The index of the host's current texts: the one of this listing, unless a file whose text may
   * change under the same listing (an editor's buffer) reads differently now.
   */
  private manifestIndex(): ManifestIndex {
    this.usedManifestIndex = true;
    if (!this.index) {
      const files = this.workspaceYamlFiles();
      const read = (path: string) => this.host.readFile(path);
      const held = indexes.get(files);
      this.index = held ? held.refreshed(this.host.changingPaths?.() ?? [], read) : ManifestIndex.read(files, read);
      indexes.set(files, this.index);
    }
    return this.index;
  }

  /** The workspace's ValidatingAdmissionPolicies and their bindings (issue 14). */
  admissionObjects(): readonly AdmissionObject[] {
    if (!this.admission) {
      const index = this.manifestIndex();
      this.noteFailures(index.admissionFailures());
      // `policies.paths` files the YAML listing lacks (JSON ones, say) are read here; the index has the rest.
      const unindexed = [...new Set(this.policyFiles())].filter((path) => !index.holds(path));
      this.admission = unindexed.length ? [...index.admissionObjects(), ...unindexed.flatMap((path) => this.admissionObjectsIn(path))] : index.admissionObjects();
    }
    return this.admission;
  }

  private admissionObjectsIn(path: string): readonly AdmissionObject[] {
    const text = this.host.readFile(path);
    if (text === undefined) return [];
    try {
      return cachedAdmissionObjects(path, text).objects;
    } catch (error) {
      this.indexFailures.set(path, error);
      return [];
    }
  }

  /**
   * The files `policies.paths` names: each file, and the YAML and JSON files under each directory. Only
   * inside the workspace; each is a dependency, so creating or editing one re-checks this document.
   */
  private policyFiles(): string[] {
    return this.policyPaths.flatMap((path) => {
      this.dependencies.add(path);
      if (!this.inside(path)) return [];
      const listed = this.host.listFiles(path);
      if (!listed) return [path];
      const files = listed.filter((f) => POLICY_FILE.test(f)).map((f) => resolvePath(path, f));
      for (const file of files) this.dependencies.add(file);
      return files.filter((file) => this.inside(file));
    });
  }

  /** Every object of the workspace file at `path` as CEL data: a binding's params are read here. */
  objectsData(path: string): ReturnType<typeof objectsDataOf> {
    const text = this.read(path);
    return text === undefined ? [] : cachedObjectsData(path, text);
  }

  /** Workspace files an index builder failed on are left out of the index; the analysis says so. */
  private noteFailures(failures: ReadonlyMap<string, unknown>): void {
    for (const [path, error] of failures) this.indexFailures.set(path, error);
  }

  /** Why the index builders fail on this document's own text, if they do (the index then leaves it out). */
  ownIndexFailure(text: string): { error: unknown } | undefined {
    return indexFailureOf(this.documentPath, text);
  }
}
