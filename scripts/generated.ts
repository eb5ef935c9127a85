// Everything generated from the rule files, the rule registry and the settings definition: the rules
// index lists, rule pages, the README rules table, the config schema and package.json
// `contributes.configuration`; and the README performance table, from the committed bench record. `npm run gen` writes them; test/meta/generated.test.ts fails when they are stale.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_METAS } from '../server/src/engine/index';
import { docFileName, renderRulePage, renderRulesTable, renderThreatModel, THREAT_MODEL_FILE } from '../server/src/engine/docs/render';
import { renderConfigSchema, renderEditorConfiguration } from '../server/src/engine/docs/settings';
import { ruleIndexFiles } from './ruleIndex';
import { readBenchRecord, renderPerformanceTable } from './performanceTable';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const RULES_START = '<!-- rules:start -->';
export const RULES_END = '<!-- rules:end -->';
const PERFORMANCE_START = '<!-- performance:start -->';
const PERFORMANCE_END = '<!-- performance:end -->';

/** Repo-relative path → expected content. */
export function generatedFiles(): Map<string, string> {
  const files = ruleIndexFiles(REPO_ROOT);
  for (const meta of ALL_METAS) files.set(`docs/rules/${docFileName(meta)}`, renderRulePage(meta, ALL_METAS));
  files.set(`docs/${THREAT_MODEL_FILE}`, renderThreatModel(ALL_METAS));
  files.set('schemas/bulkhead-config.schema.json', JSON.stringify(renderConfigSchema(ALL_METAS), null, 2) + '\n');
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { contributes: Record<string, unknown> };
  manifest.contributes.configuration = renderEditorConfiguration(ALL_METAS);
  files.set('package.json', JSON.stringify(manifest, null, 2) + '\n');
  const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const withRules = replaceBetween(readme, RULES_START, RULES_END, `\n${renderRulesTable(ALL_METAS)}\n`);
  files.set('README.md', replaceBetween(withRules, PERFORMANCE_START, PERFORMANCE_END, `\n${renderPerformanceTable(readBenchRecord(REPO_ROOT))}\n`));
  return files;
}

function replaceBetween(text: string, start: string, end: string, body: string): string {
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) throw new Error(`README.md lacks the ${start} … ${end} markers`);
  return text.slice(0, a + start.length) + body + text.slice(b);
}

/** Generated rule pages that no longer belong to a rule. */
export function staleDocPages(): string[] {
  const expected = new Set([...generatedFiles().keys()].filter((p) => p.startsWith('docs/rules/')));
  const dir = path.join(REPO_ROOT, 'docs/rules');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .map((f) => `docs/rules/${f}`)
    .filter((p) => !expected.has(p));
}
