// Every rule, by id. Duplicate ids or names are a programming error caught at load time.
import type { AnyRule } from './rule';
import type { RuleMeta } from './model';
import { byCodeUnits } from './order';
import { DOCKERFILE_RULES } from './rules/dockerfile/index';
import { COMPOSE_RULES } from './rules/compose/index';
import { KUBERNETES_RULES } from './rules/kubernetes/index';
import { CROSS_RULES } from './rules/cross/index';
import { ENGINE_METAS } from './diagnostics';

export const ALL_RULES: readonly AnyRule[] = [...DOCKERFILE_RULES, ...COMPOSE_RULES, ...KUBERNETES_RULES, ...CROSS_RULES] as AnyRule[];

/** Ids in numeric order (DF2 before DF10): by prefix, then by number (not a numeric Intl.Collator: see byCodeUnits). */
function compareIds(a: string, b: string): number {
  const [, prefixA, numberA] = /^(.*?)(\d*)$/.exec(a)!;
  const [, prefixB, numberB] = /^(.*?)(\d*)$/.exec(b)!;
  return byCodeUnits(prefixA, prefixB) || Number(numberA) - Number(numberB);
}

/** Metadata of every rule and engine diagnostic, sorted by id: docs, schema and hover read this. */
export const ALL_METAS: readonly RuleMeta[] = [...ALL_RULES.map((r) => r.meta as RuleMeta), ...ENGINE_METAS].sort((a, b) => compareIds(a.id, b.id));

export const META_BY_ID: ReadonlyMap<string, RuleMeta> = (() => {
  const byId = new Map<string, RuleMeta>();
  const names = new Set<string>();
  for (const meta of ALL_METAS) {
    if (byId.has(meta.id)) throw new Error(`duplicate rule id ${meta.id}`);
    const name = `${meta.appliesTo}/${meta.name}`;
    if (names.has(name)) throw new Error(`duplicate rule name ${name}`);
    byId.set(meta.id, meta);
    names.add(name);
  }
  return byId;
})();

/** Looks a rule up by id, in any case. */
export function findMeta(id: string): RuleMeta | undefined {
  return META_BY_ID.get(id.toUpperCase());
}
