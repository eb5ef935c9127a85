// The one place that knows where configuration comes from: the client's `bulkhead` settings
// (workspace/configuration) layered over the workspace's `.bulkhead.yaml`/`.json`.
import type { Connection } from 'vscode-languageserver/node';
import { uriToPath } from './uris';
import { mergeConfig, type EngineConfig, type SeveritySetting } from '../engine/index';
import { loadWorkspaceConfig, type WorkspaceConfig } from '../node/workspace';

export interface ClientSettings {
  enable: boolean;
  rules: Record<string, SeveritySetting>;
  scan: { exclude: string[] };
  trustedRegistries: string[];
}

export const DEFAULT_SETTINGS: ClientSettings = { enable: true, rules: {}, scan: { exclude: ['**/node_modules/**', '**/.git/**'] }, trustedRegistries: [] };

export class Settings {
  private client: ClientSettings = DEFAULT_SETTINGS;
  private files = new Map<string, WorkspaceConfig>();
  private folders: string[] = [];

  constructor(private readonly connection: Connection, private readonly canPull: boolean) {}

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

  /** Re-reads client settings and every folder's config file; returns config errors to show. */
  async reload(pushed?: unknown): Promise<string[]> {
    let raw: unknown = pushed;
    if (this.canPull) {
      raw = await this.connection.workspace.getConfiguration({ section: 'bulkhead' }).catch(() => undefined);
    }
    this.client = normalize(raw);
    const errors: string[] = [];
    this.files.clear();
    for (const folder of this.folders) {
      const loaded = await loadWorkspaceConfig(folder);
      this.files.set(folder, loaded);
      errors.push(...loaded.errors);
    }
    return errors;
  }

  /** The engine config for a file: its folder's config file, then the client settings. */
  configFor(fsPath: string): EngineConfig {
    const folder = this.folders.filter((f) => fsPath === f || fsPath.startsWith(f.endsWith('/') ? f : f + '/')).sort((a, b) => b.length - a.length)[0];
    const file = folder ? this.files.get(folder)?.config : undefined;
    return mergeConfig(file, { rules: this.client.rules, ...(this.client.trustedRegistries.length ? { trustedRegistries: this.client.trustedRegistries } : {}) });
  }
}

function normalize(raw: unknown): ClientSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Partial<ClientSettings> & { scan?: { exclude?: unknown } };
  const rules: Record<string, SeveritySetting> = {};
  if (r.rules && typeof r.rules === 'object') {
    for (const [id, v] of Object.entries(r.rules)) if (['off', 'info', 'warning', 'error'].includes(v as string)) rules[id.toUpperCase()] = v as SeveritySetting;
  }
  return {
    enable: r.enable !== false,
    rules,
    scan: { exclude: Array.isArray(r.scan?.exclude) ? (r.scan!.exclude as unknown[]).filter((x): x is string => typeof x === 'string') : DEFAULT_SETTINGS.scan.exclude },
    trustedRegistries: Array.isArray(r.trustedRegistries) ? r.trustedRegistries.filter((x): x is string => typeof x === 'string') : [],
  };
}
