// Every rule as the client's rule picker lists it (shared/protocol.ts RULES_METHOD).
import { ALL_METAS } from '../engine/index';
import type { RuleSummary } from '../../../shared/protocol';
import { docUri } from './diagnostics';

export function ruleSummaries(): RuleSummary[] {
  return ALL_METAS.map((m) => ({
    id: m.id,
    title: m.title,
    appliesTo: m.appliesTo === 'any' ? 'every file' : m.appliesTo,
    severity: m.enabledByDefault === false ? 'off' : m.severity,
    aliases: m.aliases.map((a) => a.id),
    doc: docUri(m.id)!,
  }));
}
