// A patch's `target`, as Kustomize selects objects with it: `group`, `version`, `kind`, `name` and
// `namespace` are regular expressions that must match the whole value (Kustomize anchors them), and
// `labelSelector`/`annotationSelector` are label selectors in text form. The patterns are workspace
// text: they are compiled with RE2 (linear time, Go's syntax as Kustomize's), never as a RegExp, and
// a target that does not compile selects nothing and says why (XF017 "not evaluated").
import type { RE2JS } from '@bufbuild/re2';
import { re2 } from '../policy/cel/regex';
import { parseSelectorText, selectorMatches, type LabelSelector } from '../parse/networkPolicy';

type Field = 'group' | 'version' | 'kind' | 'name' | 'namespace';
const FIELDS: Field[] = ['group', 'version', 'kind', 'name', 'namespace'];

export interface PatchTarget {
  patterns: Array<[Field, RE2JS]>;
  labels?: LabelSelector;
  annotations?: LabelSelector;
}

/** The target of a `patches`/`patchesJson6902` entry, or why it cannot be evaluated. */
export function parseTarget(value: unknown): { target: PatchTarget } | { invalid: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { invalid: 'a patch target that is not a mapping' };
  const given = value as Record<string, unknown>;
  const target: PatchTarget = { patterns: [] };
  for (const field of FIELDS) {
    const pattern = given[field];
    if (pattern === undefined || pattern === null || pattern === '') continue;
    if (typeof pattern !== 'string') return { invalid: `a patch target ${field} that is not a string` };
    try {
      target.patterns.push([field, re2(pattern)]);
    } catch {
      return { invalid: `a patch target ${field} that is not a valid regular expression (${pattern})` };
    }
  }
  for (const [key, field] of [
    ['labelSelector', 'labels'],
    ['annotationSelector', 'annotations'],
  ] as const) {
    const text = given[key];
    if (text === undefined || text === null || text === '') continue;
    const selector = typeof text === 'string' ? parseSelectorText(text) : undefined;
    if (!selector) return { invalid: `a patch target ${key} that is not a label selector (${String(text)})` };
    target[field] = selector;
  }
  return { target };
}

/** Whether the target selects the object (its apiVersion split into group and version, as Kubernetes does). */
export function targetSelects(target: PatchTarget, object: { apiVersion?: unknown; kind?: unknown; metadata?: unknown }): boolean {
  const meta = (typeof object.metadata === 'object' && object.metadata !== null ? object.metadata : {}) as Record<string, unknown>;
  const apiVersion = typeof object.apiVersion === 'string' ? object.apiVersion : '';
  const slash = apiVersion.indexOf('/');
  const values: Record<Field, unknown> = {
    group: slash < 0 ? '' : apiVersion.slice(0, slash),
    version: slash < 0 ? apiVersion : apiVersion.slice(slash + 1),
    kind: object.kind,
    name: meta.name,
    namespace: meta.namespace ?? '',
  };
  if (!target.patterns.every(([field, re]) => typeof values[field] === 'string' && re.matches(values[field]))) return false;
  return (!target.labels || selectorMatches(target.labels, stringsOf(meta.labels))) && (!target.annotations || selectorMatches(target.annotations, stringsOf(meta.annotations)));
}

function stringsOf(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]));
}
