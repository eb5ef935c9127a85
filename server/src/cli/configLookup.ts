// Which `.bulkhead.*` applies to a scanned file: the nearest one in its directory or an ancestor, up to
// the workspace root, so each project of a monorepo (or each folder of a multi-root workspace) keeps
// its own rules; a file with none above it gets the fallback (the current directory's, else the first
// scanned directory's). An invalid config stops the scan: CI must not pass under the wrong rules.
import * as path from 'node:path';
import { mergeConfig, type EngineConfig } from '../engine/index';
import { loadWorkspaceConfig, type WorkspaceConfig } from '../host/workspace';
import { CONFIG_FILE_NAMES } from '../host/textFiles';

/** What a directory without a config file contributes. */
const NO_CONFIG: WorkspaceConfig = { config: {}, errors: [] };

export class ConfigLookup {
  private readonly found = new Map<string, Promise<WorkspaceConfig>>();
  private readonly merged = new Map<string, EngineConfig>();

  /**
   * `inWorkspace`: the boundary the search never leaves; `overrides`: the command line's, applied to every
   * config; `absent`: whether a file is known not to exist without asking the disk (the walk listed its
   * directory), so a scan does not probe every directory for each config file name.
   */
  constructor(
    private readonly inWorkspace: (dir: string) => boolean,
    private readonly fallback: WorkspaceConfig,
    private readonly overrides: Partial<EngineConfig>,
    private readonly absent: (file: string) => boolean = () => false,
  ) {}

  /** The engine config for the file at `file` (absolute). */
  async forFile(file: string): Promise<EngineConfig> {
    const config = await this.nearest(path.dirname(file));
    const key = config.path ?? '';
    let merged = this.merged.get(key);
    if (!merged) this.merged.set(key, (merged = mergeConfig(config.config, this.overrides)));
    return merged;
  }

  private async nearest(start: string): Promise<WorkspaceConfig> {
    for (let dir = start; this.inWorkspace(dir); dir = path.dirname(dir)) {
      const here = await this.at(dir);
      if (here.path) return here;
      if (path.dirname(dir) === dir) break;
    }
    return this.fallback;
  }

  private at(dir: string): Promise<WorkspaceConfig> {
    let pending = this.found.get(dir);
    if (!pending) {
      const none = CONFIG_FILE_NAMES.every((name) => this.absent(path.join(dir, name)));
      pending = (none ? Promise.resolve(NO_CONFIG) : loadWorkspaceConfig(dir)).then((c) => {
        if (c.errors.length) throw new Error(`invalid config: ${c.errors.join('; ')}`);
        return c;
      });
      this.found.set(dir, pending);
    }
    return pending;
  }
}
