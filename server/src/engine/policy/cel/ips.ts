// IP addresses and CIDR prefixes as the Kubernetes CEL `ip` and `cidr` libraries read them: Go's
// netip (no leading zeros in IPv4 octets, `::` compression, an IPv4 tail in IPv6), with what the API
// server refuses besides: zones (`fe80::1%eth0`) and IPv4-mapped IPv6 (`::ffff:1.2.3.4`).

export interface Ip {
  family: 4 | 6;
  /** The address as a 32- or 128-bit number. */
  value: bigint;
}

export interface Cidr {
  ip: Ip;
  bits: number;
}

const V4_OCTET = /^(0|[1-9]\d{0,2})$/;
const V6_GROUP = /^[0-9a-fA-F]{1,4}$/;

/** The address, or why the API server refuses it. */
export function parseIp(text: string): Ip | { error: string } {
  if (text.includes('%')) return { error: 'IP address with zone value is not allowed' };
  const ip = text.includes(':') ? parseV6(text) : parseV4(text);
  if (!ip) return { error: `IP Address "${text.slice(0, 64)}" parse error during conversion from string` };
  if (ip.family === 6 && ip.value >> 32n === 0xffffn) return { error: 'IPv4-mapped IPv6 address is not allowed' };
  return ip;
}

function parseV4(text: string): Ip | undefined {
  const octets = text.split('.');
  if (octets.length !== 4 || !octets.every((o) => V4_OCTET.test(o) && Number(o) <= 255)) return undefined;
  return { family: 4, value: octets.reduce((v, o) => (v << 8n) | BigInt(o), 0n) };
}

function parseV6(text: string): Ip | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (half: string): number[] | undefined => {
    if (half === '') return [];
    const out: number[] = [];
    const parts = half.split(':');
    for (const [i, part] of parts.entries()) {
      if (i === parts.length - 1 && part.includes('.')) {
        const v4 = parseV4(part);
        if (!v4) return undefined;
        out.push(Number(v4.value >> 16n), Number(v4.value & 0xffffn));
      } else if (V6_GROUP.test(part)) out.push(parseInt(part, 16));
      else return undefined;
    }
    return out;
  };
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  return { family: 6, value: [...head, ...Array<number>(missing).fill(0), ...tail].reduce((v, g) => (v << 16n) | BigInt(g), 0n) };
}

/** The canonical text (RFC 5952 for IPv6: lower case, the longest run of zero groups compressed). */
export function formatIp(ip: Ip): string {
  if (ip.family === 4) return [24n, 16n, 8n, 0n].map((s) => String((ip.value >> s) & 0xffn)).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => Number((ip.value >> BigInt(112 - 16 * i)) & 0xffffn));
  let best = { start: -1, length: 1 };
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.length) best = { start: i, length: j - i };
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.start < 0) return hex.join(':');
  return `${hex.slice(0, best.start).join(':')}::${hex.slice(best.start + best.length).join(':')}`;
}

const width = (ip: Ip): number => (ip.family === 4 ? 32 : 128);

/** The prefix (`10.0.0.0/8`), or why the API server refuses it. */
export function parseCidr(text: string): Cidr | { error: string } {
  const slash = text.indexOf('/');
  const ip = parseIp(slash < 0 ? text : text.slice(0, slash));
  if ('error' in ip) return ip;
  const bits = text.slice(slash + 1);
  if (slash < 0 || !/^(0|[1-9]\d{0,2})$/.test(bits) || Number(bits) > width(ip)) return { error: `network address parse error during conversion from string: "${text.slice(0, 64)}"` };
  return { ip, bits: Number(bits) };
}

export function maskedCidr(c: Cidr): Cidr {
  const host = width(c.ip) - c.bits;
  return { ip: { family: c.ip.family, value: (c.ip.value >> BigInt(host)) << BigInt(host) }, bits: c.bits };
}

export function cidrContainsIp(c: Cidr, ip: Ip): boolean {
  return ip.family === c.ip.family && maskedCidr({ ip, bits: c.bits }).ip.value === maskedCidr(c).ip.value;
}

export function cidrContainsCidr(c: Cidr, other: Cidr): boolean {
  return other.bits >= c.bits && cidrContainsIp(c, other.ip);
}

/** Go's netip classifications, which the library's methods return. */
export function ipClass(ip: Ip): { unspecified: boolean; loopback: boolean; linkLocalUnicast: boolean; linkLocalMulticast: boolean; globalUnicast: boolean } {
  const v4 = ip.family === 4;
  const within = (prefix: string) => cidrContainsIp(parseCidr(prefix) as Cidr, ip);
  const unspecified = ip.value === 0n;
  const loopback = v4 ? within('127.0.0.0/8') : ip.value === 1n;
  const linkLocalUnicast = within(v4 ? '169.254.0.0/16' : 'fe80::/10');
  const linkLocalMulticast = v4 ? within('224.0.0.0/24') : ((ip.value >> 112n) & 0xff0fn) === 0xff02n;
  const multicast = within(v4 ? '224.0.0.0/4' : 'ff00::/8');
  const broadcast = v4 && ip.value === 0xffffffffn;
  return { unspecified, loopback, linkLocalUnicast, linkLocalMulticast, globalUnicast: !(unspecified || loopback || linkLocalUnicast || multicast || broadcast) };
}
