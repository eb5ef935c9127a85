// The one place that knows where configuration comes from: the client's `bulkhead` settings
// (workspace/configuration, or the pushed value for clients that cannot be asked) layered over the
// `.bulkhead.yaml`/`.yml`/`.json` nearest to each file: in its directory or an ancestor, up to its
// workspace folder (a monorepo's projects and a multi-root workspace's folders keep their own rules).
import { today } from '../host/clock';
import { isWithin } from '../host/paths';
import * as path from 'node:path';
import type { Connection } from 'vscode-languageserver/node';
import { uriToPath } from './uris';
import {
  BASELINE_SHOW_AS,
  DEFAULT_CONFIG,
  mergeConfig,
  podTemplatePaths,
  POD_SECURITY_VERSION,
  type BaselineShowAs,
  type EngineConfig,
  type PodTemplatePaths,
  type PodSecurityLevelSetting,
  type SeveritySetting,
} from '../engine/index';
import { loadWorkspaceConfig, type WorkspaceConfig } from '../host/workspace';
import { CONFIG_FILE_NAMES } from '../host/textFiles';
import { readFolderBaseline, type InBaseline } from '../host/baseline';

interface ClientSettings {
  enable: boolean;
  rules: Record<string, SeveritySetting>;
  scan: { exclude: string[] };
  trustedRegistries: string[];
  policies: { paths: string[] };
  kubernetes: { podSecurityLevel: PodSecurityLevelSetting; podSecurityVersion: string; podTemplatePaths?: PodTemplatePaths };
  helm: { valuesFiles: string[] };
  baseline: { file: string; showAs: BaselineShowAs };
}

const DEFAULT_SETTINGS: ClientSettings = {
  enable: true,
  rules: {},
  scan: { exclude: ['**/node_modules/**', '**/.git/**'] },
  trustedRegistries: [],
  policies: { paths: [] },
  kubernetes: { podSecurityLevel: DEFAULT_CONFIG.podSecurityLevel, podSecurityVersion: DEFAULT_CONFIG.podSecurityVersion },
  helm: { valuesFiles: [] },
  baseline: { file: '', showAs: 'hint' },
};

const SEVERITY_SETTINGS: readonly string[] = ['off', 'info', 'warning', 'error'];

export class Settings {
  private client: ClientSettings = DEFAULT_SETTINGS;
  /** The config file found in each directory looked at (empty config without a path: none there). */
  private files = new Map<string, WorkspaceConfig>();
  /** Bumped by every reload, so a lookup that started before it does not store what it read. */
  private generation = 0;
  private folders: string[] = [];
  /** Each folder's baseline (`bulkhead.baseline.file` under it), when it has one. */
  private baselines = new Map<string, InBaseline>();
  /** Config errors shown since the last reload, and before it: a reload does not repeat a warning still true. */
  private reported = new Set<string>();
  private reportedBefore = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly canPull: boolean,
  ) {}

  setFolders(uris: string[]): void {
    this.folders = uris.map(uriToPath).filter((p): p is string => p !== undefined);
  }

  get workspaceFolders(): string[] {
    return this.folders;
  }

  get enabled(): boolean {
    return this.client.enable;
  }

  get scanExclude(): string[] {
    return this.client.scan.exclude;
  }

  /**
   * Re-reads the client settings (`pushed` is the value a didChangeConfiguration carried, used when the
   * client cannot answer workspace/configuration) and every folder's own config file, and forgets the
   * nested ones (read again by `prepare`).
   */
  async reload(pushed?: unknown): Promise<void> {
    const raw = this.canPull ? await this.connection.workspace.getConfiguration({ section: 'bulkhead' }).catch(() => undefined) : pushed;
    this.client = normalize(raw);
    this.files.clear();
    this.generation++;
    this.reportedBefore = this.reported;
    this.reported = new Set();
    for (const folder of this.folders) await this.load(folder);
    await this.loadBaselines();
  }

  get baselineShowAs(): BaselineShowAs {
    return this.client.baseline.showAs;
  }

  /** Whether a finding is in the baseline of the folder holding `fsPath`; undefined when that folder has none. */
  baselineFor(fsPath: string): InBaseline | undefined {
    const folder = this.folderOf(fsPath);
    return folder === undefined ? undefined : this.baselines.get(folder);
  }

  /** Reads `bulkhead.baseline.file` in every folder; one that is missing everywhere, unreadable or invalid is shown. */
  private async loadBaselines(): Promise<void> {
    this.baselines.clear();
    const { file } = this.client.baseline;
    if (!file) return;
    const missing: string[] = [];
    for (const folder of this.folders) {
      const read = await readFolderBaseline(folder, file);
      if ('missing' in read) missing.push(read.missing);
      else if ('problem' in read) this.warn(folder, read.problem);
      else this.baselines.set(folder, read.inBaseline);
    }
    if (missing.length === this.folders.length) this.warn('', `bulkhead.baseline.file ${file}: not found in ${missing.join(', ')}`);
  }

  /**
   * Reads the config files that `configFor(fsPath)` needs (the nearest one above the file), once per
   * directory until the next reload.
   */
  async prepare(fsPath: string): Promise<void> {
    const folder = this.folderOf(fsPath);
    for (const dir of folder ? dirsUpTo(path.dirname(fsPath), folder) : []) {
      if (!this.files.has(dir)) await this.load(dir);
      if (this.files.get(dir)?.path) break;
    }
  }

  /** Reads the config file in `dir` (if any) and shows its errors, unless already shown. */
  private async load(dir: string): Promise<void> {
    const generation = this.generation;
    const loaded = await loadWorkspaceConfig(dir);
    if (generation !== this.generation) return;
    this.files.set(dir, loaded);
    for (const e of loaded.errors) this.warn(dir, e);
  }

  /** Shows a configuration error found in `dir`, unless it was shown already (before the last reload too). */
  private warn(dir: string, error: string): void {
    const key = `${dir}\0${error}`;
    if (!this.reported.has(key) && !this.reportedBefore.has(key)) void this.connection.window.showWarningMessage(`Bulkhead configuration: ${error}`);
    this.reported.add(key);
  }

  /** The innermost workspace folder containing `fsPath`, if any (never for an untitled document's URI, which is no path). */
  private folderOf(fsPath: string): string | undefined {
    if (!path.isAbsolute(fsPath)) return undefined;
    return this.folders.filter((f) => isWithin(f, fsPath)).sort((a, b) => b.length - a.length)[0];
  }

  /** Whether `uri` names a file the settings read: a config file inside a workspace folder (at any depth: the nearest one applies), or a folder's baseline. */
  affectsSettings(uri: string): boolean {
    const fsPath = uriToPath(uri);
    const folder = fsPath === undefined ? undefined : this.folderOf(fsPath);
    if (fsPath === undefined || folder === undefined) return false;
    return CONFIG_FILE_NAMES.includes(path.basename(fsPath)) || (!!this.client.baseline.file && path.resolve(folder, this.client.baseline.file) === fsPath);
  }

  /**
   * The engine config for a file (a path, or the URI of an unsaved document): the nearest config file
   * `prepare` read for it (its folder's own when it was not prepared), then the client settings.
   */
  configFor(fsPath: string): EngineConfig {
    const folder = this.folderOf(fsPath);
    const dirs = folder ? dirsUpTo(path.dirname(fsPath), folder) : [];
    const file = dirs.map((d) => this.files.get(d)).find((c) => c?.path)?.config;
    // The Pod Security target is team policy: a folder's config file sets it over the editor setting.
    // End-of-life rules judge images against the current date (or BULKHEAD_TODAY's).
    return mergeConfig(this.client.kubernetes, { helmValuesFiles: this.client.helm.valuesFiles }, file, {
      rules: this.client.rules,
      today: today().date,
      ...(this.client.trustedRegistries.length ? { trustedRegistries: this.client.trustedRegistries } : {}),
      // The editor's policy paths are relative to the workspace folder.
      ...(folder && this.client.policies.paths.length ? { policyPaths: this.client.policies.paths.map((p) => path.resolve(folder, p).split(path.sep).join('/')) } : {}),
    });
  }
}

/** `dir` and its ancestors up to `folder` (which contains it), nearest first. */
function dirsUpTo(dir: string, folder: string): string[] {
  const dirs = [isWithin(folder, dir) ? dir : folder];
  while (dirs.at(-1) !== folder && isWithin(folder, path.dirname(dirs.at(-1)!))) dirs.push(path.dirname(dirs.at(-1)!));
  return dirs;
}

/** Client settings as sent, with anything malformed replaced by its default. */
function normalize(raw: unknown): ClientSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as {
    enable?: unknown;
    rules?: unknown;
    scan?: { exclude?: unknown };
    trustedRegistries?: unknown;
    policies?: { paths?: unknown };
    kubernetes?: { podSecurityLevel?: unknown; podSecurityVersion?: unknown; podTemplatePaths?: unknown };
    helm?: { valuesFiles?: unknown };
    baseline?: { file?: unknown; showAs?: unknown };
  };
  const rules: Record<string, SeveritySetting> = {};
  if (r.rules && typeof r.rules === 'object') {
    for (const [id, v] of Object.entries(r.rules)) if (SEVERITY_SETTINGS.includes(v as string)) rules[id.toUpperCase()] = v as SeveritySetting;
  }
  return {
    enable: r.enable !== false,
    rules,
    scan: { exclude: strings(r.scan?.exclude) ?? DEFAULT_SETTINGS.scan.exclude },
    trustedRegistries: strings(r.trustedRegistries) ?? [],
    policies: { paths: strings(r.policies?.paths) ?? [] },
    kubernetes: {
      podSecurityLevel: r.kubernetes?.podSecurityLevel === 'baseline' ? 'baseline' : DEFAULT_SETTINGS.kubernetes.podSecurityLevel,
      podSecurityVersion:
        typeof r.kubernetes?.podSecurityVersion === 'string' && POD_SECURITY_VERSION.test(r.kubernetes.podSecurityVersion.trim())
          ? r.kubernetes.podSecurityVersion.trim()
          : DEFAULT_SETTINGS.kubernetes.podSecurityVersion,
      // A malformed map is dropped whole, like other malformed settings.
      ...withPodTemplatePaths(podTemplatePaths(r.kubernetes?.podTemplatePaths)),
    },
    helm: { valuesFiles: strings(r.helm?.valuesFiles) ?? [] },
    baseline: {
      file: typeof r.baseline?.file === 'string' ? r.baseline.file.trim() : DEFAULT_SETTINGS.baseline.file,
      showAs: BASELINE_SHOW_AS.find((v) => v === r.baseline?.showAs) ?? DEFAULT_SETTINGS.baseline.showAs,
    },
  };
}

const strings = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined);

const withPodTemplatePaths = (paths: PodTemplatePaths | undefined): { podTemplatePaths?: PodTemplatePaths } => (paths && Object.keys(paths).length ? { podTemplatePaths: paths } : {});
