// One secret detector for every format: secret-looking names with literal values, and known token
// formats in any value. Placeholders and references (${VAR}, $(cmd), valueFrom) are never findings.

/** Whole `_`/`-`/`.`-separated name tokens that mark a credential (BuildKit's approach, plus hadolint's list). */
const SECRET_TOKENS = new Set([
  'password', 'passwd', 'pwd', 'pword', 'pass', 'secret', 'secrets', 'token', 'apikey', 'api_key', 'auth', 'credential',
  'credentials', 'key', 'privatekey', 'private_key', 'accesskey', 'access_key', 'clientsecret', 'client_secret', 'jwt',
  'dsn', 'connectionstring',
]);
/** Names containing these are about a secret, not the secret itself. */
const NOT_SECRET_TOKENS = new Set(['file', 'path', 'public', 'pub', 'gpg', 'pgp', 'gnupg', 'fingerprint', 'fingerprints', 'ids', 'keyring', 'keyserver', 'checksum', 'sha', 'sha256', 'sha512', 'version', 'id', 'name', 'user', 'username', 'url', 'host', 'port', 'length', 'len', 'size', 'type', 'dir', 'enabled', 'required', 'header', 'ttl', 'expiry', 'algorithm', 'mode', 'method', 'scheme']);

/** Splits `DB_PASSWORD`, `dbPassword`, `db.password`, `db-password` into lower-case tokens. */
export function nameTokens(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

export function isSecretName(name: string): boolean {
  const tokens = nameTokens(name);
  if (tokens.length === 0) return false;
  if (tokens.some((t) => NOT_SECRET_TOKENS.has(t))) return false;
  const joined = tokens.join('_');
  if (SECRET_TOKENS.has(joined)) return true;
  for (let i = 0; i < tokens.length; i++) {
    if (SECRET_TOKENS.has(tokens[i])) return true;
    if (i + 1 < tokens.length && SECRET_TOKENS.has(tokens[i] + tokens[i + 1])) return true;
    if (i + 1 < tokens.length && SECRET_TOKENS.has(`${tokens[i]}_${tokens[i + 1]}`)) return true;
  }
  return false;
}

/** A value that only refers to a secret kept elsewhere, or is obviously not one. */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (v === '') return true;
  if (/^\$\{?[A-Za-z_][A-Za-z0-9_]*(:?[-?+=][^}]*)?\}?$/.test(v)) return true; // ${VAR}, $VAR, ${VAR:-x}
  if (/^\$\(.*\)$/.test(v)) return true; // $(cat /run/secrets/x)
  if (/^<[^>]*>$|^\{\{.*\}\}$|^%\(.*\)s?$/.test(v)) return true; // <your-token>, {{ .Values.x }}
  if (/^(x+|\*+|\.+|-+|_+)$/i.test(v)) return true;
  if (/^(true|false|yes|no|on|off|null|none|nil|~|0|1)$/i.test(v)) return true;
  if (/^(invalid|unset|undefined|not[-_]?set|disabled|empty|n\/a)$/i.test(v)) return true; // sentinels that say "no secret here"
  if (/^(\/|\.\/|~\/)[^\s]*$/.test(v)) return true; // a path: /run/secrets/db
  if (/^(your|my|some|example|sample|dummy|fake|placeholder|replace|todo|tbd|redacted|insert|enter|put|set|add)[-_ ]/i.test(v)) return true;
  return false;
}

/** Weak literal passwords are findings, not placeholders: they are exactly what attackers try first. */
export const WEAK_PASSWORDS = new Set(['changeme', 'change_me', 'admin', 'password', 'passw0rd', 'secret', 'root', 'toor', '123456', '12345678', 'qwerty', 'letmein', 'test', 'default', 'pass']);

const TOKEN_FORMATS: Array<{ name: string; re: RegExp }> = [
  { name: 'AWS access key', re: /\b(AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/ },
  { name: 'GitHub token', re: /\b(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{60,})\b/ },
  { name: 'GitLab token', re: /\bglpat-[A-Za-z0-9_-]{20,}\b/ },
  { name: 'Slack token', re: /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/ },
  { name: 'Stripe key', re: /\b[sr]k_(live|test)_[A-Za-z0-9]{20,}\b/ },
  { name: 'Google API key', re: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  { name: 'private key', re: /-----BEGIN ((RSA|EC|DSA|OPENSSH|PGP|ENCRYPTED) )?PRIVATE KEY( BLOCK)?-----/ },
  { name: 'JSON web token', re: /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\b/ },
  { name: 'credentials in URL', re: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/]+:([^\s@/$]{3,})@[^\s]+/i },
];

export interface TokenMatch { format: string; index: number; text: string }

/** The first known token format a value contains, with where it stands. */
export function findToken(value: string): TokenMatch | undefined {
  for (const { name, re } of TOKEN_FORMATS) {
    const m = re.exec(value);
    if (!m) continue;
    if (name === 'credentials in URL' && isPlaceholder(m[1])) continue;
    return { format: name, index: m.index, text: m[0] };
  }
  return undefined;
}

/** The kind of token a value contains, if it matches a known format. */
export function knownTokenFormat(value: string): string | undefined {
  return findToken(value)?.format;
}

export interface SecretMatch { reason: 'name' | 'format' | 'weak'; format?: string }

/**
 * Whether `name = value` is a plaintext secret. A known token format wins regardless of the name;
 * otherwise the name must look like a secret and the value must be a literal.
 */
export function detectSecret(name: string, value: string | undefined): SecretMatch | undefined {
  if (value === undefined) return undefined;
  const format = knownTokenFormat(value);
  if (format) return { reason: 'format', format };
  if (!isSecretName(name) || isPlaceholder(value)) return undefined;
  if (WEAK_PASSWORDS.has(value.trim().toLowerCase())) return { reason: 'weak' };
  return { reason: 'name' };
}

/** What outputs show instead of a secret: a short prefix and the length, never the value. */
export function redact(value: string): string {
  const v = value.trim();
  const prefix = v.length >= 12 ? v.slice(0, 3) : '';
  return `${prefix}… (${v.length} chars, redacted)`;
}
