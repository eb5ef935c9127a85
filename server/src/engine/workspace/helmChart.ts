// A Helm chart around a template (`<chart>/templates/…` beside `<chart>/Chart.yaml`): its values files
// (values.yaml, then the ones the user names, later wins), its `.tpl` helpers, and the template rendered
// against them. A subchart (`<parent>/charts/<name>/`) also gets what its parents' values set for it and
// their `global:`, and can be left out by a parent's dependency condition. Everything is read through the workspace facts, so editing a values file re-checks the
// open templates that read it.
import { readValues, renderTemplate, type ChartValues, type Rendered, type ValuesFile } from '../parse/helmRender';
import { LatestVersionCache } from '../latestVersionCache';
import type { ValuesSource } from './helmValuesFix';
import { isTooDeep, parseYamlDocument } from '../parse/yamlDocument';
import { resolvePath } from './paths';
import type { WorkspaceFacts } from './facts';

/** Helper files read per chart at most (a chart with more is read in part: some includes stay unknown). */
const MAX_HELPER_FILES = 50;

export interface ChartRendering extends Rendered {
  chartDir: string;
  /** Set when a parent's dependency `condition` leaves the chart out: the template is then not rendered. */
  disabled?: { chart: string; condition: string };
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

/** A chart and the charts it is a subchart of: a chart under another's `charts/` is rendered with that one's values. */
interface ChartLevel {
  dir: string;
  chartText: string;
}

/** Subchart levels followed up at most (deeper is hostile or generated): the chart is then read as the top. */
const MAX_CHART_LEVELS = 8;

/** The chart at `chartDir` and those above it, top first; undefined when `chartDir` has no Chart.yaml. */
function chartLevels(facts: WorkspaceFacts, chartDir: string): ChartLevel[] | undefined {
  const chartText = facts.read(`${chartDir}/Chart.yaml`);
  if (chartText === undefined) return undefined;
  const levels = [{ dir: chartDir, chartText }];
  for (let m = PARENT_CHART.exec(chartDir); m && levels.length < MAX_CHART_LEVELS; m = PARENT_CHART.exec(m[1])) {
    const parentText = facts.read(`${m[1]}/Chart.yaml`);
    if (parentText === undefined) break;
    levels.unshift({ dir: m[1], chartText: parentText });
  }
  return levels;
}
const PARENT_CHART = /^(.+)\/charts\/[^/]+$/;

/**
 * The template at `facts.documentPath` rendered with its chart's values; undefined when it is not in a
 * chart. A subchart's values are, later winning as Helm coalesces them: its own values.yaml, then each
 * parent's values for it (under its name or alias), then the files `valuesFiles` names for the top chart
 * (relative to its directory; ones that lead out of the workspace or are missing are left out); every
 * parent's `global:` is the subchart's too. `define`s of every chart of the tree can be included.
 */
export function renderChartTemplate(facts: WorkspaceFacts, template: string, valuesFiles: readonly string[]): ChartRendering | undefined {
  const chartDir = chartDirOf(facts.documentPath);
  const levels = chartDir ? chartLevels(facts, chartDir) : undefined;
  if (!chartDir || !levels) return undefined;
  const top = levels[0].dir;
  const texts = levels.map((level, i) =>
    (i === 0 ? ['values.yaml', ...valuesFiles] : ['values.yaml']).flatMap((name) => {
      const path = resolvePath(level.dir, name);
      const text = facts.read(path);
      return text === undefined ? [] : [{ path, text }];
    }),
  );
  const { chart, values, files, disabled } = chartInputs(chartDir, levels, texts);
  // Helm installs nothing of a disabled subchart: there is nothing to render.
  if (disabled) return { text: template, pieces: [], evaluated: false, chartDir, values: { ...values, files }, disabled };
  const rendered = renderTemplate({
    template,
    helpers: chartHelpers(facts, top, chartDir),
    values,
    chart,
    templateName: `${top.slice(top.lastIndexOf('/') + 1)}/${facts.documentPath.slice(top.length + 1)}`,
  });
  return { ...rendered, chartDir, values: { ...values, files } };
}

/** The `.tpl` texts of every chart in the tree under `top`, the template's own chart's last (its defines win). */
function chartHelpers(facts: WorkspaceFacts, top: string, chartDir: string): string[] {
  const paths = templateFiles(facts, top).filter((path) => path.endsWith('.tpl'));
  const own = (path: string) => chartDirOf(path) === chartDir;
  const chosen = [...paths.filter(own), ...paths.filter((path) => !own(path))].slice(0, MAX_HELPER_FILES);
  return [...chosen.filter((path) => !own(path)), ...chosen.filter(own)].flatMap((path) => facts.read(path) ?? []);
}

/** The templates of a chart and of the subcharts under it (their findings may come from its values). */
export function chartTemplates(facts: WorkspaceFacts, chartDir: string): string[] {
  return templateFiles(facts, chartDir).filter((path) => /\.ya?ml$/i.test(path));
}

/** The files under the `templates/` directories of a chart and of the subcharts under it. */
function templateFiles(facts: WorkspaceFacts, chartDir: string): string[] {
  return [
    ...(facts.listFiles(`${chartDir}/templates`) ?? []).map((name) => `${chartDir}/templates/${name}`),
    ...(facts.listFiles(`${chartDir}/charts`) ?? []).filter((name) => SUBCHART_FILE.test(name)).map((name) => `${chartDir}/charts/${name}`),
  ];
}

/** A file of a chart in the tree under a `charts/` directory: `db/templates/_helpers.tpl`, `db/charts/x/templates/…`. */
const SUBCHART_FILE = /^(?:[^/]+\/charts\/)*[^/]+\/templates\//;

interface ChartInputs {
  /** The Chart.yaml texts and the values files' paths and texts, joined: what the rest was read from. */
  source: string;
  /** The template's own chart's Chart.yaml. */
  chart: Record<string, unknown>;
  values: ChartValues;
  files: ValuesFile[];
  /** The subchart a parent's dependency `condition` turns off (the chart itself or one above it), when one does. */
  disabled?: { chart: string; condition: string };
  size: number;
}

/** Text the chart inputs cache may hold: a few 10,000-line values files. */
const CHART_INPUTS_LIMIT = 4 * 1024 * 1024;
const chartInputsCache = new LatestVersionCache<ChartInputs>(CHART_INPUTS_LIMIT);

/**
 * The Chart.yaml files and values read for a chart, reused while their texts are unchanged (a keystroke in
 * a template changes neither). `texts`: the values files read at each level, top first.
 */
function chartInputs(chartDir: string, levels: readonly ChartLevel[], texts: ReadonlyArray<ReadonlyArray<{ path: string; text: string }>>): ChartInputs {
  const source = [...levels.map((l) => l.chartText), ...texts.flat().flatMap((f) => [f.path, f.text])].join('\u0000');
  const cached = chartInputsCache.take(chartDir);
  const inputs = cached?.source === source ? cached : readChartInputs(source, levels, texts);
  chartInputsCache.store(chartDir, inputs);
  return inputs;
}

function readChartInputs(source: string, levels: readonly ChartLevel[], texts: ReadonlyArray<ReadonlyArray<{ path: string; text: string }>>): ChartInputs {
  const charts = levels.map((level) => chartFields(level.chartText));
  // Each level's key in its parent's values and the parent's dependency entry for it (by alias, else by the chart's name).
  const entries = levels.map((level, i) => {
    const name = typeof charts[i].name === 'string' ? charts[i].name : level.dir.slice(level.dir.lastIndexOf('/') + 1);
    const dependency = i > 0 ? dependencies(charts[i - 1]).find((d) => d.name === name) : undefined;
    return { key: typeof dependency?.alias === 'string' ? dependency.alias : name, dependency };
  });
  const keys = entries.map((e) => e.key);
  // The values files of the chart at level `j`, later winning: its own values first, the top chart's last.
  const filesOf = (j: number): ValuesFile[] =>
    levels
      .slice(0, j + 1)
      .map((_, i) => j - i)
      .flatMap((i) => texts[i].map((f): ValuesFile => ({ ...f, prefix: keys.slice(i + 1, j + 1) })));
  const files = filesOf(levels.length - 1);
  // A parent's `condition` for the chart (`backend.enabled`), read in the parent's values: the first path set to a boolean decides.
  let disabled: ChartInputs['disabled'];
  for (let i = 1; i < levels.length && !disabled; i++) {
    const condition = entries[i].dependency?.condition;
    if (typeof condition !== 'string') continue;
    const parentValues = readValues(filesOf(i - 1)).values;
    const decided = condition
      .split(',')
      .map((path) => path.trim())
      .find((path) => typeof valueAt(parentValues, path.split('.')) === 'boolean');
    if (decided && valueAt(parentValues, decided.split('.')) === false) disabled = { chart: keys[i], condition: decided };
  }
  return { source, chart: charts[charts.length - 1], values: readValues(files), files, size: source.length, ...(disabled ? { disabled } : {}) };
}

function valueAt(values: unknown, path: readonly string[]): unknown {
  let v = values;
  for (const key of path) v = typeof v === 'object' && v !== null && Object.hasOwn(v, key) ? (v as Record<string, unknown>)[key] : undefined;
  return v;
}

/**
 * The subcharts packed as archives under `charts/`, each with its key in this chart's values: their
 * templates are not read (an archive is binary to the workspace host), so what the values set for them is not checked.
 */
export function packedSubcharts(facts: WorkspaceFacts, chartDir: string): Array<{ archive: string; key: string }> {
  const archives = (facts.listFiles(`${chartDir}/charts`) ?? []).filter((name) => /^[^/]+\.tgz$/.test(name));
  if (!archives.length) return [];
  const chartText = facts.read(`${chartDir}/Chart.yaml`);
  const declared = chartText === undefined ? [] : dependencies(chartFields(chartText));
  return archives.map((archive) => {
    // `<name>-<version>.tgz`: the name the dependency declares, else what precedes the version.
    const dependency = declared.find((d) => typeof d.name === 'string' && archive.startsWith(`${d.name}-`));
    const name = (dependency?.name as string | undefined) ?? /^(.+)-\d+\.\d+\.\d+.*\.tgz$/.exec(archive)?.[1] ?? archive.slice(0, -'.tgz'.length);
    return { archive: `charts/${archive}`, key: typeof dependency?.alias === 'string' ? dependency.alias : name };
  });
}

/** A Chart.yaml's `dependencies` entries that are maps. */
function dependencies(chart: Record<string, unknown>): Array<Record<string, unknown>> {
  const list = chart.dependencies;
  return Array.isArray(list) ? list.filter((d): d is Record<string, unknown> => typeof d === 'object' && d !== null && !Array.isArray(d)) : [];
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
