// The one place that knows where configuration comes from: the client's `bulkhead` settings
// (workspace/configuration, or the pushed value for clients that cannot be asked) layered over each
// workspace folder's `.bulkhead.yaml`/`.yml`/`.json`.
import { today } from '../host/clock';
import * as path from 'node:path';
import type { Connection } from 'vscode-languageserver/node';
import { uriToPath } from './uris';
import { DEFAULT_CONFIG, mergeConfig, POD_SECURITY_VERSION, type EngineConfig, type PodSecurityLevelSetting, type SeveritySetting } from '../engine/index';
import { loadWorkspaceConfig, type WorkspaceConfig } from '../host/workspace';
import { CONFIG_FILE_NAMES } from '../host/textFiles';

interface ClientSettings {
  enable: boolean;
  rules: Record<string, SeveritySetting>;
  scan: { exclude: string[] };
  trustedRegistries: string[];
  kubernetes: { podSecurityLevel: PodSecurityLevelSetting; podSecurityVersion: string };
}

const DEFAULT_SETTINGS: ClientSettings = {
  enable: true,
  rules: {},
  scan: { exclude: ['**/node_modules/**', '**/.git/**'] },
  trustedRegistries: [],
  kubernetes: { podSecurityLevel: DEFAULT_CONFIG.podSecurityLevel, podSecurityVersion: DEFAULT_CONFIG.podSecurityVersion },
};

const SEVERITY_SETTINGS: readonly string[] = ['off', 'info', 'warning', 'error'];

export class Settings {
  private client: ClientSettings = DEFAULT_SETTINGS;
  private files = new Map<string, WorkspaceConfig>();
  private folders: string[] = [];
  /** Config errors already shown, so a reload does not repeat the same warning. */
  private reported = new Set<string>();

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
   * client cannot answer workspace/configuration) and every folder's config file. Returns the config
   * errors that the previous reload did not already report.
   */
  async reload(pushed?: unknown): Promise<string[]> {
    const raw = this.canPull ? await this.connection.workspace.getConfiguration({ section: 'bulkhead' }).catch(() => undefined) : pushed;
    this.client = normalize(raw);
    this.files.clear();
    const errors: string[] = [];
    for (const folder of this.folders) {
      const loaded = await loadWorkspaceConfig(folder);
      this.files.set(folder, loaded);
      errors.push(...loaded.errors);
    }
    const fresh = errors.filter((e) => !this.reported.has(e));
    this.reported = new Set(errors);
    return fresh;
  }

  /** The innermost workspace folder containing `fsPath`, if any. */
  private folderOf(fsPath: string): string | undefined {
    return this.folders.filter((f) => contains(f, fsPath)).sort((a, b) => b.length - a.length)[0];
  }

  /** Whether `uri` names a config file at the root of a workspace folder (the only place one is read). */
  isConfigFile(uri: string): boolean {
    const fsPath = uriToPath(uri);
    return !!fsPath && CONFIG_FILE_NAMES.includes(path.basename(fsPath)) && this.folders.includes(path.dirname(fsPath));
  }

  /** The engine config for a file (a path, or the URI of an unsaved document): its folder's config file, then the client settings. */
  configFor(fsPath: string): EngineConfig {
    const folder = this.folderOf(fsPath);
    const file = folder ? this.files.get(folder)?.config : undefined;
    // The Pod Security target is team policy: a folder's config file sets it over the editor setting.
    // End-of-life rules judge images against the current date (or BULKHEAD_TODAY's).
    return mergeConfig(this.client.kubernetes, file, {
      rules: this.client.rules,
      today: today().date,
      ...(this.client.trustedRegistries.length ? { trustedRegistries: this.client.trustedRegistries } : {}),
    });
  }
}

function contains(folder: string, fsPath: string): boolean {
  const rel = path.relative(folder, fsPath);
  return !path.isAbsolute(rel) && rel !== '..' && !rel.startsWith('..' + path.sep);
}

/** Client settings as sent, with anything malformed replaced by its default. */
function normalize(raw: unknown): ClientSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as {
    enable?: unknown;
    rules?: unknown;
    scan?: { exclude?: unknown };
    trustedRegistries?: unknown;
    kubernetes?: { podSecurityLevel?: unknown; podSecurityVersion?: unknown };
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
    kubernetes: {
      podSecurityLevel: r.kubernetes?.podSecurityLevel === 'baseline' ? 'baseline' : DEFAULT_SETTINGS.kubernetes.podSecurityLevel,
      podSecurityVersion:
        typeof r.kubernetes?.podSecurityVersion === 'string' && POD_SECURITY_VERSION.test(r.kubernetes.podSecurityVersion.trim())
          ? r.kubernetes.podSecurityVersion.trim()
          : DEFAULT_SETTINGS.kubernetes.podSecurityVersion,
    },
  };
}

const strings = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined);
