// A Helm chart around a template (`<chart>/templates/…` beside `<chart>/Chart.yaml`): its values files
// (values.yaml, then the ones the user names, later wins), its `.tpl` helpers, and the template rendered
// against them. Everything is read through the workspace facts, so editing a values file re-checks the
// open templates that read it.
import { readValues, renderTemplate, type ChartValues, type Rendered } from '../parse/helmRender';
import { LatestVersionCache } from '../latestVersionCache';
import type { ValuesSource } from './helmValuesFix';
import { isTooDeep, parseYamlDocument } from '../parse/yamlDocument';
import { resolvePath } from './paths';
import type { WorkspaceFacts } from './facts';

/** Helper files read per chart at most (a chart with more is read in part: some includes stay unknown). */
const MAX_HELPER_FILES = 50;

export interface ChartRendering extends Rendered {
  chartDir: string;
  /** The values it was rendered with, and their files (for fixes that edit them). */
  values: ValuesSource;
}

/** The chart directory of a template path, when the path is under a `templates/` folder. */
export function chartDirOf(path: string): string | undefined {
  const at = path.lastIndexOf('/templates/');
  return at > 0 ? path.slice(0, at) : undefined;
}

/** The chart directory of a values file: the file's own directory. */
export const chartDirOfValues = (path: string): string => path.slice(0, path.lastIndexOf('/'));

/** Whether `path` is a values file templates are rendered with: `values.yaml` or one of `valuesFiles`, beside a Chart.yaml. */
export function isChartValuesFile(facts: WorkspaceFacts, path: string, valuesFiles: readonly string[]): boolean {
  const chartDir = chartDirOfValues(path);
  const used = ['values.yaml', ...valuesFiles].some((name) => resolvePath(chartDir, name) === path);
  return used && facts.read(`${chartDir}/Chart.yaml`) !== undefined;
}

/**
 * The template at `facts.documentPath` rendered with its chart's values; undefined when it is not in a
 * chart. `valuesFiles` are relative to the chart directory; ones that lead out of the workspace or are
 * missing are left out.
 */
export function renderChartTemplate(facts: WorkspaceFacts, template: string, valuesFiles: readonly string[]): ChartRendering | undefined {
  const chartDir = chartDirOf(facts.documentPath);
  if (!chartDir) return undefined;
  const chartText = facts.read(`${chartDir}/Chart.yaml`);
  if (chartText === undefined) return undefined;
  const files: Array<{ path: string; text: string }> = [];
  for (const name of ['values.yaml', ...valuesFiles]) {
    const path = resolvePath(chartDir, name);
    const text = facts.read(path);
    if (text !== undefined) files.push({ path, text });
  }
  const helpers: string[] = [];
  const templatesDir = `${chartDir}/templates`;
  for (const name of (facts.listFiles(templatesDir) ?? []).filter((n) => n.endsWith('.tpl')).slice(0, MAX_HELPER_FILES)) {
    const text = facts.read(`${templatesDir}/${name}`);
    if (text !== undefined) helpers.push(text);
  }
  const chartName = chartDir.slice(chartDir.lastIndexOf('/') + 1);
  const { chart, values } = chartInputs(chartDir, chartText, files);
  const rendered = renderTemplate({
    template,
    helpers,
    values,
    chart,
    templateName: `${chartName}/${facts.documentPath.slice(chartDir.length + 1)}`,
  });
  return { ...rendered, chartDir, values: { ...values, files } };
}

interface ChartInputs {
  /** Chart.yaml's text and the values files' paths and texts, joined: what the rest was read from. */
  source: string;
  chart: Record<string, unknown>;
  values: ChartValues;
  size: number;
}

/** Text the chart inputs cache may hold: a few 10,000-line values files. */
const CHART_INPUTS_LIMIT = 4 * 1024 * 1024;
const chartInputsCache = new LatestVersionCache<ChartInputs>(CHART_INPUTS_LIMIT);

/** Chart.yaml and the values read, reused while their texts are unchanged: a keystroke in a template changes neither. */
function chartInputs(chartDir: string, chartText: string, files: ReadonlyArray<{ path: string; text: string }>): ChartInputs {
  const source = [chartText, ...files.flatMap((f) => [f.path, f.text])].join('\u0000');
  const cached = chartInputsCache.take(chartDir);
  const inputs = cached?.source === source ? cached : { source, chart: chartFields(chartText), values: readValues(files), size: source.length };
  chartInputsCache.store(chartDir, inputs);
  return inputs;
}

/** Chart.yaml as a map; {} when it is not one (or its aliases explode). */
function chartFields(text: string): Record<string, unknown> {
  try {
    const doc = parseYamlDocument(text, { uniqueKeys: false });
    const chart = isTooDeep(doc) ? undefined : (doc.toJS({ maxAliasCount: 100 }) as unknown);
    return typeof chart === 'object' && chart !== null && !Array.isArray(chart) ? (chart as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
