// A rule that always throws, registered only for the duration of a test: how BH005 (analysis-incomplete)
// is exercised without shipping a broken rule or relying on an input that crashes today's code.
import { ALL_RULES, type FileKind, type RuleMeta } from '../../server/src/engine/index';
import type { AnyRule } from '../../server/src/engine/rule';

/** The error's first line is what a finding may show; the rest (here a stack frame naming a file) must not leak. */
export const THROWN = new RangeError('Invalid array length\n    at checkEverything (/home/someone/private/checker.js:1:1)');
export const THROWN_LINE = 'RangeError: Invalid array length';

const BASE: Omit<RuleMeta, 'id' | 'name' | 'appliesTo'> = {
  title: 'Always throws',
  severity: 'error',
  threat: 'container-misconfiguration',
  principle: 'defence-in-depth',
  rationale: 'Test only.',
  remediation: 'Test only.',
  references: [],
  aliases: [],
  messages: { never: 'Never reported.' },
  examples: { bad: '', good: '' },
  since: '0.0.0',
};

/** A rule of `appliesTo` files that throws `THROWN` on every file. */
export function throwingRule(appliesTo: FileKind, id = 'DF900', name = 'always-throws'): AnyRule {
  return {
    meta: { ...BASE, id, name, appliesTo },
    check: () => {
      throw THROWN;
    },
  } as AnyRule;
}

/** Runs `body` with `rules` appended to the registry, and takes them out again whatever happens. */
export async function withRules<T>(rules: AnyRule[], body: () => T | Promise<T>): Promise<T> {
  const registry = ALL_RULES as AnyRule[];
  registry.push(...rules);
  try {
    return await body();
  } finally {
    for (const rule of rules) registry.splice(registry.indexOf(rule), 1);
  }
}

/** Replaces `module[name]` (a compiled CommonJS export, looked up at each call) for the duration of `body`. */
export async function withExport<M extends object, K extends keyof M, T>(module: M, name: K, replacement: M[K], body: () => T | Promise<T>): Promise<T> {
  const original = module[name];
  module[name] = replacement;
  try {
    return await body();
  } finally {
    module[name] = original;
  }
}
