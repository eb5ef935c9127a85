// YAML → CEL values, as the API server hands an object to CEL: mappings become maps, integers `int`
// (bigint), other numbers `double`. Maps are JS Maps (never plain objects, whose prototype would
// answer `__proto__` or `constructor`). Aliases are followed, within a node budget: an alias bomb
// expands to an error, not to gigabytes.
import { celList, celMap, type CelValue } from '@bufbuild/cel';
import type { Node } from '../../parse/yaml';
import { isMap, isScalar, isSeq, type YamlDocument } from '../../parse/yaml';

/** A plain JSON-like value: what policies, params and custom rules read. */
export type CelData = null | boolean | bigint | number | string | CelData[] | Map<string, CelData>;

/** More nodes than any real manifest; an expanded alias bomb goes past it. */
export const MAX_VALUE_NODES = 200_000;

export class ValueTooLarge extends Error {
  constructor() {
    super(`the object expands to more than ${MAX_VALUE_NODES} values`);
  }
}

/** The CEL value of a YAML node (aliases and `<<` merges followed). */
export function celValueOf(doc: YamlDocument, node: Node | null | undefined): CelData {
  let budget = MAX_VALUE_NODES;
  const walk = (n: Node | null | undefined): CelData => {
    if (--budget < 0) throw new ValueTooLarge();
    const d = doc.deref(n);
    if (isMap(d)) {
      const out = new Map<string, CelData>();
      for (const pair of d.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key === undefined) continue;
        if (key === '<<') {
          // Merged maps fill keys the map does not set itself, as YamlDocument.pair reads them.
          for (const merged of isSeq(doc.deref(pair.value as Node)) ? doc.items(pair.value) : [pair.value as Node]) {
            const m = walk(merged);
            if (m instanceof Map) for (const [k, v] of m) if (!out.has(k)) out.set(k, v);
          }
          continue;
        }
        out.set(key, walk(pair.value as Node | null));
      }
      return out;
    }
    if (isSeq(d)) return d.items.map((i) => walk(i as Node));
    return isScalar(d) ? scalarValue(d.value) : null;
  };
  return walk(node);
}

/** A plain JS value (JSON-like) as CEL data: for values built in code rather than read from YAML. */
export function celValueOfPlain(value: unknown): CelData {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(celValueOfPlain);
  if (typeof value === 'object') return new Map(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, celValueOfPlain(v)]));
  return scalarValue(value);
}

function scalarValue(v: unknown): CelData {
  if (typeof v === 'number') return Number.isInteger(v) && Number.isSafeInteger(v) ? BigInt(v) : v;
  if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'bigint') return v;
  if (v === null || v === undefined) return null;
  return String(v);
}

/** CEL's own values of data built once (an object, its params), by identity: converted once, read by every policy. */
const nativeValues = new WeakMap<object, CelValue>();

/**
 * `data` as the evaluator's values. The evaluator wraps a plain Map or array again on every read of
 * it; values already wrapped, all the way down, are read as they are.
 */
export function celNative(data: CelData): CelValue {
  if (data === null || typeof data !== 'object') return data;
  let native = nativeValues.get(data);
  if (!native) {
    native = Array.isArray(data) ? celList(data.map(celNative)) : celMap(new Map([...data].map(([k, v]) => [k, celNative(v)])));
    nativeValues.set(data, native);
  }
  return native;
}

/** Reads a key of a CEL map value. */
export function field(value: CelData | undefined, ...path: string[]): CelData | undefined {
  let cur: CelData | undefined = value;
  for (const key of path) cur = cur instanceof Map ? cur.get(key) : undefined;
  return cur;
}

export function stringField(value: CelData | undefined, ...path: string[]): string | undefined {
  const v = field(value, ...path);
  return typeof v === 'string' ? v : undefined;
}

export function listField(value: CelData | undefined, ...path: string[]): CelData[] {
  const v = field(value, ...path);
  return Array.isArray(v) ? v : [];
}
