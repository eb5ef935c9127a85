// Compose override files: `docker compose` merges `compose.override.yaml` onto `compose.yaml`, so a
// setting missing from one may be written in the other. The base file learns which keys its override
// sets per service; an override file is partial by nature (its base defines the rest).
import { SourceFile } from '../source';
import { parseYamlStream } from '../parse/yaml';
import { buildComposeModel, isComposeDocument, type ComposeModel } from '../parse/compose';
import type { WorkspaceFacts } from './facts';
import { dirname } from './paths';
import { baseName } from '../detect';

const OVERRIDE = /\.override\.ya?ml$/i;
const BASE = /^((?:docker-)?compose)\.ya?ml$/i;

/** Fills `model.elsewhere` for the Compose file at `path`: every service for an override, the override's keys for a base. */
export function noteComposeOverrides(model: ComposeModel, path: string, facts: WorkspaceFacts | undefined): void {
  const name = baseName(path);
  if (OVERRIDE.test(name)) {
    for (const service of model.services) model.elsewhere.set(service.name, 'all');
    return;
  }
  const base = BASE.exec(name);
  if (!base || !facts) return;
  for (const ext of ['yaml', 'yml']) {
    const overridePath = `${dirname(path)}/${base[1]}.override.${ext}`;
    const text = facts.read(overridePath);
    if (text === undefined) continue;
    const stream = parseYamlStream(new SourceFile(overridePath, text));
    for (const service of buildComposeModel(stream.documents.filter(isComposeDocument)).services) {
      const keys = model.elsewhere.get(service.name);
      const set = keys instanceof Set ? keys : new Set<string>();
      for (const { key } of service.doc.entries(service.node)) set.add(key);
      model.elsewhere.set(service.name, set);
    }
  }
}
