// The Kubernetes CEL libraries policies use, beyond the standard ones and the `strings` extension that
// @bufbuild/cel ships: `quantity`, `lists`, `url`, `ip`, `cidr`, `regex`, `format` (formatLibrary.ts) and strings' `reverse` (k8s.io/apiserver/pkg/cel/library). A
// quantity, a URL, an IP or a CIDR is a CEL map with one reserved key holding its exact value, so `==` compares them
// by value.
import { CelScalar, celFunc, celMethod, isCelList, isCelMap, listType, type CelFunc, type CelValue } from '@bufbuild/cel';
import { compilePattern } from './regex';
import { findAll, findFirst } from './regexFind';
import { formatFunctions } from './formatLibrary';
import { lazy } from '../../lazy';
import { addQuantities, compareQuantities, parseQuantity, quantityFromKey, quantityKey, type Quantity } from './quantity';
import { hostnameOf, parseUrl, portOf, queryValues, type ParsedUrl } from './urls';
import { cidrContainsCidr, cidrContainsIp, formatIp, ipClass, maskedCidr, parseCidr, parseIp, type Cidr, type Ip } from './ips';

const QUANTITY_KEY = '@quantity';
/** The scalar types the tables below are built with: a parameter, as the tables are built on first use (kubernetesFunctions). */
type Scalars = typeof CelScalar;

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

const quantityFunctions = ({ STRING, INT, DOUBLE, BOOL, DYN }: Scalars): CelFunc[] => [
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

const listFunctions = ({ INT, BOOL, DYN }: Scalars): CelFunc[] => [
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

const URL_KEY = '@url';

function asUrl(v: CelValue): ParsedUrl {
  const text = isCelMap(v) ? v.get(URL_KEY) : undefined;
  if (typeof text !== 'string') throw new Error('no such overload: expected a URL');
  return parseUrl(text) as ParsedUrl;
}

const urlMethod = (name: string, read: (u: ParsedUrl) => CelValue | Map<string, string[]>) =>
  celMethod(name, CelScalar.DYN, [], CelScalar.DYN, function () {
    return read(asUrl(this)) as CelValue;
  });

const urlFunctions = ({ STRING, BOOL, DYN }: Scalars): CelFunc[] => [
  celFunc('url', [STRING], DYN, (s) => {
    const parsed = parseUrl(s);
    if ('error' in parsed) throw new Error(`URL parse error during conversion from string: ${parsed.error}`);
    return new Map([[URL_KEY, s]]);
  }),
  celFunc('isURL', [STRING], BOOL, (s) => !('error' in parseUrl(s))),
  urlMethod('getScheme', (u) => u.scheme),
  urlMethod('getHost', (u) => u.host),
  urlMethod('getHostname', (u) => hostnameOf(u.host)),
  urlMethod('getPort', (u) => portOf(u.host)),
  urlMethod('getEscapedPath', (u) => u.path),
  urlMethod('getQuery', (u) => queryValues(u.query)),
];

const IP_KEY = '@ip';
const CIDR_KEY = '@cidr';

/** A value of `key` (an IP or a CIDR) read back: its text parsed again, as it was valid when made. */
function reserved<T>(v: CelValue, key: string, parse: (text: string) => T | { error: string }, what: string): T {
  const text = isCelMap(v) ? v.get(key) : undefined;
  const parsed = typeof text === 'string' ? parse(text) : undefined;
  if (parsed === undefined || (typeof parsed === 'object' && parsed !== null && 'error' in parsed)) throw new Error(`no such overload: expected ${what}`);
  return parsed as T;
}
const asIp = (v: CelValue): Ip => reserved(v, IP_KEY, parseIp, 'an IP');
const asCidr = (v: CelValue): Cidr => reserved(v, CIDR_KEY, parseCidr, 'a CIDR');
/** An IP or CIDR made from a string, or the error the API server gives. */
function made<T>(parsed: T | { error: string }): T {
  if (typeof parsed === 'object' && parsed !== null && 'error' in parsed) throw new Error(parsed.error);
  return parsed as T;
}
const ipValue = (ip: Ip) => new Map([[IP_KEY, formatIp(ip)]]);
const cidrValue = (c: Cidr) => new Map([[CIDR_KEY, `${formatIp(c.ip)}/${c.bits}`]]);
const ipClassMethod = (name: string, read: (c: ReturnType<typeof ipClass>) => boolean) =>
  celMethod(name, CelScalar.DYN, [], CelScalar.BOOL, function () {
    return read(ipClass(asIp(this)));
  });

const ipFunctions = ({ STRING, INT, BOOL, DYN }: Scalars): CelFunc[] => [
  celFunc('ip', [STRING], DYN, (s) => ipValue(made(parseIp(s)))),
  celFunc('isIP', [STRING], BOOL, (s) => !('error' in parseIp(s))),
  // The canonical form is the one `string(ip(s))` gives back.
  celFunc('ip.isCanonical', [STRING], BOOL, (s) => formatIp(made(parseIp(s))) === s),
  celMethod('family', DYN, [], INT, function () {
    return BigInt(asIp(this).family);
  }),
  ipClassMethod('isUnspecified', (c) => c.unspecified),
  ipClassMethod('isLoopback', (c) => c.loopback),
  ipClassMethod('isLinkLocalMulticast', (c) => c.linkLocalMulticast),
  ipClassMethod('isLinkLocalUnicast', (c) => c.linkLocalUnicast),
  ipClassMethod('isGlobalUnicast', (c) => c.globalUnicast),
  celFunc('cidr', [STRING], DYN, (s) => cidrValue(made(parseCidr(s)))),
  celFunc('isCIDR', [STRING], BOOL, (s) => !('error' in parseCidr(s))),
  celMethod('containsIP', DYN, [DYN], BOOL, function (other) {
    return cidrContainsIp(asCidr(this), typeof other === 'string' ? made(parseIp(other)) : asIp(other));
  }),
  celMethod('containsCIDR', DYN, [DYN], BOOL, function (other) {
    return cidrContainsCidr(asCidr(this), typeof other === 'string' ? made(parseCidr(other)) : asCidr(other));
  }),
  celMethod('ip', DYN, [], DYN, function () {
    return ipValue(asCidr(this).ip);
  }),
  celMethod('masked', DYN, [], DYN, function () {
    return cidrValue(maskedCidr(asCidr(this)));
  }),
  celMethod('prefixLength', DYN, [], INT, function () {
    return BigInt(asCidr(this).bits);
  }),
  // After the standard conversions: an IP or CIDR value converts to its text.
  celFunc('string', [DYN], STRING, (v) => {
    const text = isCelMap(v) ? (v.get(IP_KEY) ?? v.get(CIDR_KEY)) : undefined;
    if (typeof text !== 'string') throw new Error('no such overload: string()');
    return text;
  }),
];

/** The regex library's `find` and `findAll` (Go's FindString, FindAllString). */
const regexFunctions = ({ STRING, INT }: Scalars): CelFunc[] => [
  celMethod('find', STRING, [STRING], STRING, function (regex) {
    return findFirst(compilePattern(regex), this);
  }),
  celMethod('findAll', STRING, [STRING], listType(STRING), function (regex) {
    return findAll(compilePattern(regex), this, -1);
  }),
  celMethod('findAll', STRING, [STRING, INT], listType(STRING), function (regex, limit) {
    // Go converts the int64 limit to int: beyond it, every match.
    return findAll(compilePattern(regex), this, limit > BigInt(Number.MAX_SAFE_INTEGER) ? -1 : Number(limit));
  }),
];

/** `reverse()` of the Kubernetes strings library (version 3), by code point. */
const stringFunctions = ({ STRING }: Scalars): CelFunc[] => [
  celMethod('reverse', STRING, [], STRING, function () {
    return [...this].reverse().join('');
  }),
];

/** Every function of these libraries, built on first use: building them loads the CEL library. */
export const kubernetesFunctions = lazy((): readonly CelFunc[] =>
  [quantityFunctions, listFunctions, urlFunctions, ipFunctions, regexFunctions, stringFunctions, formatFunctions].flatMap((table) => table(CelScalar)),
);

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
  // Macros over optionals, which the parser does not know.
  optMap: 'optional',
  optFlatMap: 'optional',
};
