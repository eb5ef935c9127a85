// RE2, as Kubernetes' CEL evaluates regular expressions, with each pattern compiled once: `matches`
// and the regex library run the same few patterns over every object.
import { RE2JS } from '@bufbuild/re2';

const compiled = new Map<string, RE2JS>();
const CACHE_LIMIT = 1_000;

/** The pattern compiled (an RE2JS syntax error is thrown, and becomes the evaluation's error). */
export function re2(pattern: string): RE2JS {
  let re = compiled.get(pattern);
  if (!re) {
    re = RE2JS.compile(pattern);
    if (compiled.size >= CACHE_LIMIT) compiled.delete(compiled.keys().next().value as string);
    compiled.set(pattern, re);
  }
  return re;
}

/** `pattern` compiled, or the API server's error for an invalid one (thrown: an error of the evaluation). */
export function compilePattern(pattern: string): RE2JS {
  try {
    return re2(pattern);
  } catch (e) {
    throw new Error(`Illegal regex: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** The engine @bufbuild/cel's `matches` uses. */
export const CACHED_RE2 = { compile: re2 };
