// URLs as the Kubernetes CEL `url` library reads them: Go's url.ParseRequestURI, which takes an
// absolute URI (`https://host:8443/p?q=1`) or an absolute path (`/p`), never a relative reference, and
// keeps what it parses as written (no default-port removal or case folding, unlike WHATWG's URL).

export interface ParsedUrl {
  scheme: string;
  /** Host with its port, IPv6 in brackets, as written. */
  host: string;
  path: string;
  query: string;
}

/** RFC 3986 appendix B, without the fragment: a request URI has none (a `#` is part of the query or path). */
const PARTS = /^(?:([^:/?]+):)?(?:\/\/([^/?]*))?([^?]*)(?:\?(.*))?$/s;
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*$/;
const BAD_ESCAPE = /%(?![0-9A-Fa-f]{2})/;
const CONTROL = /[\x00-\x20\x7f]/;

/** The URL, or why Go's ParseRequestURI refuses it. */
export function parseUrl(text: string): ParsedUrl | { error: string } {
  if (CONTROL.test(text)) return { error: 'invalid URL: control character or space in URL' };
  const m = PARTS.exec(text);
  if (!m) return { error: 'invalid URL' };
  const [, scheme = '', authority, path, query = ''] = m;
  if (!scheme && !text.startsWith('/')) return { error: 'URL must be an absolute URI or an absolute path' };
  if (scheme && !SCHEME.test(scheme)) return { error: 'invalid URL: missing protocol scheme' };
  if (BAD_ESCAPE.test(path) || BAD_ESCAPE.test(query)) return { error: 'invalid URL escape' };
  const host = (authority ?? '').replace(/^.*@/, '');
  if (!validPort(host)) return { error: `invalid port in host "${host}"` };
  return { scheme, host, path, query };
}

function validPort(host: string): boolean {
  const port = portOf(host);
  return port === '' || /^\d+$/.test(port);
}

/** The port of a host, '' when it has none. */
export function portOf(host: string): string {
  const end = host.startsWith('[') ? host.indexOf(']') + 1 : host.lastIndexOf(':') === -1 ? host.length : host.lastIndexOf(':');
  return host.slice(end).replace(/^:/, '');
}

/** The host without its port, and an IPv6 literal without brackets. */
export function hostnameOf(host: string): string {
  if (host.startsWith('[')) return host.slice(1, Math.max(1, host.indexOf(']')));
  const colon = host.lastIndexOf(':');
  return colon === -1 ? host : host.slice(0, colon);
}

/** The query as Go's url.ParseQuery reads it: `+` is a space, escapes decoded, each key with its values in order. */
export function queryValues(query: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of query.split(/[&;]/)) {
    if (!part) continue;
    const [key, value = ''] = splitOnce(part, '=').map(decodeQueryPart);
    if (key === undefined || value === undefined) continue;
    out.set(key, [...(out.get(key) ?? []), value]);
  }
  return out;
}

function splitOnce(s: string, sep: string): string[] {
  const i = s.indexOf(sep);
  return i === -1 ? [s] : [s.slice(0, i), s.slice(i + 1)];
}

function decodeQueryPart(s: string): string | undefined {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}
