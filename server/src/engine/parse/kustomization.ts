// A kustomization (`kustomization.yaml`, `.yml` or `Kustomization`): what it builds on, which files it
// patches with, and what of it cannot be evaluated offline. Pure: paths are kept as written.
import type { Range } from '../model';
import type { SourceFile } from '../source';
import { isMap, isScalar, parseYamlStream, type Node, type YamlDocument } from './yaml';

export const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** A path or URL as written in the kustomization, with its place. */
export interface KustomizeReference {
  value: string;
  range: Range;
}

export interface Kustomization {
  doc: YamlDocument;
  /** `resources`, `bases` and `components` entries that are local paths (files or directories). */
  resources: KustomizeReference[];
  /** Files of strategic-merge and JSON 6902 patches (`patches[].path`, `patchesStrategicMerge`, `patchesJson6902[].path`). */
  patchFiles: KustomizeReference[];
  /** The `target` of each `patches`/`patchesJson6902` entry (its plain value), at the target. */
  patchTargets: Array<{ value: unknown; range: Range }>;
  /** What is not evaluated (remote bases, generators, `helmCharts`, replacements …), at its key or entry. */
  notEvaluated: Array<{ what: string; range: Range }>;
}

/** Fields whose output Bulkhead does not compute: generated objects (with hash suffixes), charts, field replacements, plugins. */
const NOT_EVALUATED_FIELDS: Record<string, string> = {
  configMapGenerator: 'configMapGenerator',
  secretGenerator: 'secretGenerator',
  generators: 'generator plugins',
  helmCharts: 'helmCharts',
  helmChartInflationGenerator: 'helmChartInflationGenerator',
  replacements: 'replacements',
  vars: 'vars',
  transformers: 'transformer plugins',
  validators: 'validator plugins',
};

/** A remote target: a URL, a `host/org/repo` Git address or one with `?ref=`; everything else is a local path. */
const REMOTE = /^(?:[a-z][a-z0-9+.-]*:\/\/|git@|[^/]+\.[a-z]{2,}\/[^/]+\/)|[?&]ref=/i;

export function isKustomizationName(name: string): boolean {
  return KUSTOMIZATION_NAMES.includes(name);
}

export function parseKustomization(src: SourceFile): Kustomization | undefined {
  const doc = parseYamlStream(src).documents[0];
  const root = doc?.contents;
  if (!doc || !root || !isMap(root)) return undefined;
  const resources: KustomizeReference[] = [];
  const patchFiles: KustomizeReference[] = [];
  const notEvaluated: Kustomization['notEvaluated'] = [];
  const reference = (node: Node | undefined): KustomizeReference | undefined => {
    const value = isScalar(node) ? node.value : undefined;
    return typeof value === 'string' && value.trim() ? { value: value.trim(), range: doc.rangeOf(node) } : undefined;
  };
  for (const key of ['resources', 'bases', 'components']) {
    for (const item of doc.items(doc.get(root, key))) {
      const ref = reference(item);
      if (!ref) continue;
      if (REMOTE.test(ref.value)) notEvaluated.push({ what: `remote ${key === 'resources' ? 'resource' : key.slice(0, -1)} ${ref.value}`, range: ref.range });
      else resources.push(ref);
    }
  }
  const patchTargets: Kustomization['patchTargets'] = [];
  for (const item of [...doc.items(doc.get(root, 'patches')), ...doc.items(doc.get(root, 'patchesJson6902'))]) {
    pushPath(reference(doc.get(item, 'path')), patchFiles);
    const target = doc.get(item, 'target');
    if (target) patchTargets.push({ value: (target as { toJSON(): unknown }).toJSON(), range: doc.rangeOf(target) });
  }
  // An entry of patchesStrategicMerge is a file, or the patch itself written inline (it spans lines).
  for (const item of doc.items(doc.get(root, 'patchesStrategicMerge'))) pushPath(reference(item), patchFiles);
  for (const { key, pair } of doc.entries(root)) {
    if (Object.hasOwn(NOT_EVALUATED_FIELDS, key)) notEvaluated.push({ what: NOT_EVALUATED_FIELDS[key], range: doc.rangeOf(pair.key as Node) });
  }
  return { doc, resources, patchFiles, patchTargets, notEvaluated };
}

function pushPath(ref: KustomizeReference | undefined, out: KustomizeReference[]): void {
  if (ref && !ref.value.includes('\n')) out.push(ref);
}
