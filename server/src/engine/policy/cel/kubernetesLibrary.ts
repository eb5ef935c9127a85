// The Kubernetes CEL libraries policies use, beyond the standard ones and the `strings` extension that
// @bufbuild/cel ships: `quantity` and `lists` (k8s.io/apiserver/pkg/cel/library). A quantity is a CEL
// map with one reserved key holding its exact value, so `==` compares quantities by value.
import { CelScalar, celFunc, celMethod, isCelList, isCelMap, type CelFunc, type CelValue } from '@bufbuild/cel';
import { addQuantities, compareQuantities, parseQuantity, quantityFromKey, quantityKey, type Quantity } from './quantity';

const QUANTITY_KEY = '@quantity';
const { STRING, INT, DOUBLE, BOOL, DYN } = CelScalar;

function quantityValue(q: Quantity): Map<string, string> {
  return new Map([[QUANTITY_KEY, quantityKey(q)]]);
}

function asQuantity(v: CelValue): Quantity {
  const key = isCelMap(v) ? v.get(QUANTITY_KEY) : undefined;
  if (typeof key !== 'string') throw new Error('no such overload: expected a quantity');
  return quantityFromKey(key);
}

/** A quantity or an int operand of `add`/`sub`. */
function operand(v: CelValue): Quantity {
  return typeof v === 'bigint' ? { num: v, den: 1n } : asQuantity(v);
}

function asList(v: CelValue): CelValue[] {
  if (!isCelList(v)) throw new Error('no such overload: expected a list');
  return [...v];
}

/** CEL's ordering of comparable scalars (ints, doubles, strings, bools); anything else is no overload. */
function compareScalars(a: CelValue, b: CelValue): number {
  const comparable = (x: CelValue) => typeof x === 'bigint' || typeof x === 'number' || typeof x === 'string' || typeof x === 'boolean';
  if (!comparable(a) || !comparable(b) || (typeof a === 'string') !== (typeof b === 'string')) throw new Error('no such overload: values are not comparable');
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

function extreme(list: CelValue[], sign: 1 | -1): CelValue {
  if (list.length === 0) throw new Error('min/max of an empty list');
  return list.reduce((best, x) => (compareScalars(x, best) * sign > 0 ? x : best));
}

const quantityFunctions: CelFunc[] = [
  celFunc('quantity', [STRING], DYN, (s) => {
    const q = parseQuantity(s);
    if (!q) throw new Error(`quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$': "${s.slice(0, 40)}"`);
    return quantityValue(q);
  }),
  celFunc('isQuantity', [STRING], BOOL, (s) => parseQuantity(s) !== undefined),
  celMethod('isInteger', DYN, [], BOOL, function () {
    return asQuantity(this).den === 1n;
  }),
  celMethod('asInteger', DYN, [], INT, function () {
    const q = asQuantity(this);
    if (q.den !== 1n || q.num > 2n ** 63n - 1n || q.num < -(2n ** 63n)) throw new Error('cannot convert value to integer');
    return q.num;
  }),
  celMethod('asApproximateFloat', DYN, [], DOUBLE, function () {
    const q = asQuantity(this);
    return Number(q.num) / Number(q.den);
  }),
  celMethod('sign', DYN, [], INT, function () {
    return BigInt(compareQuantities(asQuantity(this), { num: 0n, den: 1n }));
  }),
  celMethod('compareTo', DYN, [DYN], INT, function (other) {
    return BigInt(compareQuantities(asQuantity(this), asQuantity(other)));
  }),
  celMethod('isGreaterThan', DYN, [DYN], BOOL, function (other) {
    return compareQuantities(asQuantity(this), asQuantity(other)) > 0;
  }),
  celMethod('isLessThan', DYN, [DYN], BOOL, function (other) {
    return compareQuantities(asQuantity(this), asQuantity(other)) < 0;
  }),
  celMethod('add', DYN, [DYN], DYN, function (other) {
    return quantityValue(addQuantities(asQuantity(this), operand(other)));
  }),
  celMethod('sub', DYN, [DYN], DYN, function (other) {
    return quantityValue(addQuantities(asQuantity(this), operand(other), -1n));
  }),
];

const listFunctions: CelFunc[] = [
  celMethod('isSorted', DYN, [], BOOL, function () {
    const l = asList(this);
    return l.every((x, i) => i === 0 || compareScalars(l[i - 1], x) <= 0);
  }),
  celMethod('sum', DYN, [], DYN, function () {
    const l = asList(this);
    if (l.every((x) => typeof x === 'bigint')) return (l as bigint[]).reduce((a, b) => a + b, 0n);
    if (l.every((x) => typeof x === 'number')) return (l as number[]).reduce((a, b) => a + b, 0);
    throw new Error('no such overload: sum() of a mixed list');
  }),
  celMethod('min', DYN, [], DYN, function () {
    return extreme(asList(this), -1);
  }),
  celMethod('max', DYN, [], DYN, function () {
    return extreme(asList(this), 1);
  }),
  // After the strings extension's indexOf(string): a list target falls through to these. Elements are
  // compared with ===, which is CEL equality for the scalars (ints are bigints) lists are searched for.
  celMethod('indexOf', DYN, [DYN], INT, function (x) {
    return BigInt(asList(this).indexOf(x));
  }),
  celMethod('lastIndexOf', DYN, [DYN], INT, function (x) {
    const l = asList(this);
    return BigInt(l.lastIndexOf(x));
  }),
];

export const KUBERNETES_FUNCTIONS: readonly CelFunc[] = [...quantityFunctions, ...listFunctions];

/**
 * Kubernetes CEL functions and variables this engine does not evaluate offline, by name, with the
 * library that provides them: an expression using one is reported "not evaluated", never passed or failed.
 */
export const UNSUPPORTED: Readonly<Record<string, string>> = {
  authorizer: 'authz',
  path: 'authz',
  group: 'authz',
  resource: 'authz',
  check: 'authz',
  allowed: 'authz',
  serviceAccount: 'authz',
  find: 'regex',
  findAll: 'regex',
  url: 'url',
  isURL: 'url',
  getScheme: 'url',
  getHost: 'url',
  getHostname: 'url',
  getPort: 'url',
  getEscapedPath: 'url',
  getQuery: 'url',
  ip: 'ip',
  isIP: 'ip',
  cidr: 'cidr',
  isCIDR: 'cidr',
  containsIP: 'cidr',
  containsCIDR: 'cidr',
  reverse: 'strings',
  optMap: 'optional',
  orValue: 'optional',
  value: 'optional',
  hasValue: 'optional',
  of: 'optional',
  named: 'format',
  validate: 'format',
};
