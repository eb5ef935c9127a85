// Kubernetes resource quantities ("500m", "1.5Gi", "2e3") as exact rationals, for the CEL `quantity`
// library: comparisons must not drift the way floating point would ("0.1" + "0.2" vs "300m").

export interface Quantity {
  num: bigint;
  den: bigint;
}

const SUFFIXES: Record<string, Quantity> = {
  '': { num: 1n, den: 1n },
  n: { num: 1n, den: 1_000_000_000n },
  u: { num: 1n, den: 1_000_000n },
  m: { num: 1n, den: 1000n },
  k: { num: 1000n, den: 1n },
  M: { num: 10n ** 6n, den: 1n },
  G: { num: 10n ** 9n, den: 1n },
  T: { num: 10n ** 12n, den: 1n },
  P: { num: 10n ** 15n, den: 1n },
  E: { num: 10n ** 18n, den: 1n },
  Ki: { num: 1n << 10n, den: 1n },
  Mi: { num: 1n << 20n, den: 1n },
  Gi: { num: 1n << 30n, den: 1n },
  Ti: { num: 1n << 40n, den: 1n },
  Pi: { num: 1n << 50n, den: 1n },
  Ei: { num: 1n << 60n, den: 1n },
};

/** The grammar of resource.Quantity: a signed decimal, then a binary/decimal suffix or an exponent. */
const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:([numkMGTPE]|[KMGTPE]i)|[eE]([+-]?\d{1,3}))?$/;

/** The quantity `text` denotes, or undefined when it is not one. */
export function parseQuantity(text: string): Quantity | undefined {
  if (text.length > 100) return undefined;
  const m = QUANTITY.exec(text);
  if (!m) return undefined;
  const [, sign, number, suffix = '', exponent] = m;
  const [whole, fraction = ''] = number.split('.');
  let num = BigInt(`${whole || '0'}${fraction}`) * (sign === '-' ? -1n : 1n);
  let den = 10n ** BigInt(fraction.length);
  const scale = SUFFIXES[suffix];
  num *= scale.num;
  den *= scale.den;
  if (exponent !== undefined) {
    const e = BigInt(exponent);
    if (e >= 0n) num *= 10n ** e;
    else den *= 10n ** -e;
  }
  return reduce({ num, den });
}

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  while (b) [a, b] = [b, a % b];
  return a;
}

function reduce(q: Quantity): Quantity {
  const g = gcd(q.num, q.den) || 1n;
  return { num: q.num / g, den: q.den / g };
}

export function compareQuantities(a: Quantity, b: Quantity): -1 | 0 | 1 {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

export function addQuantities(a: Quantity, b: Quantity, sign: 1n | -1n = 1n): Quantity {
  return reduce({ num: a.num * b.den + sign * b.num * a.den, den: a.den * b.den });
}

/** A canonical spelling (`num/den` reduced), so equal quantities are equal CEL values. */
export function quantityKey(q: Quantity): string {
  return `${q.num}/${q.den}`;
}

export function quantityFromKey(key: string): Quantity {
  const [num, den] = key.split('/');
  return { num: BigInt(num), den: BigInt(den) };
}
