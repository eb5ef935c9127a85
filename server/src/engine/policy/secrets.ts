// One secret detector for every format (Dockerfile ARG/ENV, Compose environment, .env files, Kubernetes
// env, ConfigMaps, Secrets, kubeconfigs). Three signals, in this order of trust:
//   1. a known token format in the value (AWS, GitHub, Slack, a private key block, user:pass@ URLs, …),
//      whatever the name;
//   2. a name that says "credential" with a literal value (placeholders and references never count);
//   3. entropy, only to break the tie when the name is ambiguous (`*_KEY`, `*_AUTH`, `*_DSN`).
// Values never leave this module except through `redact`.

// ---------------------------------------------------------------- names

/**
 * Name tokens that on their own make a credential: BuildKit's whole-token list plus hadolint's explicit
 * names (catalog §4), Polaris's `bearer`, and the usual two-token spellings (`api_key` → `apikey`).
 */
const STRONG_TOKENS = new Set([
  'password',
  'passwd',
  'passphrase',
  'pwd',
  'pword',
  'pw',
  'pass',
  'secret',
  'secrets',
  'token',
  'apikey',
  'credential',
  'credentials',
  'creds',
  'privatekey',
  'accesskey',
  'secretkey',
  'clientsecret',
  'authtoken',
  'authkey',
  'apitoken',
  'accesstoken',
  'masterkey',
  'bearer',
  'jwt',
  'htpasswd',
  'pat',
  'sas',
]);
/**
 * Glued spellings (`MYSQLPASSWORD`, `NGROK_AUTHTOKEN`) are caught by suffix; only long, unambiguous words,
 * so `KEYBOARD`, `PASSTHROUGH` or `BYPASS` stay harmless.
 */
const STRONG_SUFFIXES = ['password', 'passwd', 'passphrase', 'secret', 'token', 'apikey', 'privatekey', 'accesskey', 'secretkey'];
/**
 * Tokens that name a credential only sometimes: `CACHE_KEY: sessions` is not one, `ENCRYPTION_KEY:
 * 8f2a…` is. A literal under such a name counts only when the value itself looks secret (entropy).
 */
const WEAK_TOKENS = new Set(['key', 'auth', 'dsn', 'salt', 'hmac', 'connectionstring', 'signingkey', 'license', 'licensekey']);
/** Anywhere in a `*_KEY` name, these say the value is public by design (a GPG key id, a KMS key reference). */
const PUBLIC_MODIFIERS = new Set([
  'public',
  'pub',
  'gpg',
  'pgp',
  'gnupg',
  'kms',
  'fingerprint',
  'fingerprints',
  'keyring',
  'keyserver',
  'keyservers',
  'checksum',
  'sha',
  'sha1',
  'sha256',
  'sha512',
  'md5',
  'cert',
  'certificate',
]);
/**
 * After the credential word, these make the name about the secret rather than the secret itself:
 * `DB_PASSWORD_FILE`, `TOKEN_TTL`, `SECRET_NAME`, `AUTH_ENABLED`. Before it they are only qualifiers
 * (`USER_PASSWORD`, `ADMIN_TOKEN`), so position matters.
 */
const ABOUT_TOKENS = new Set([
  'file',
  'files',
  'path',
  'dir',
  'directory',
  'mount',
  'id',
  'ids',
  'name',
  'names',
  'user',
  'username',
  'login',
  'email',
  'url',
  'uri',
  'urls',
  'host',
  'hostname',
  'port',
  'endpoint',
  'server',
  'addr',
  'address',
  'region',
  'length',
  'len',
  'size',
  'type',
  'kind',
  'format',
  'encoding',
  'version',
  'enabled',
  'enable',
  'disabled',
  'disable',
  'required',
  'optional',
  'allow',
  'allowed',
  'skip',
  'verify',
  'header',
  'ttl',
  'expiry',
  'expires',
  'expiration',
  'lifetime',
  'timeout',
  'duration',
  'interval',
  'rotation',
  'algorithm',
  'alg',
  'mode',
  'method',
  'scheme',
  'policy',
  'issuer',
  'audience',
  'scope',
  'scopes',
  'provider',
  'backend',
  'realm',
  'strategy',
  'prefix',
  'suffix',
  'hint',
  'reset',
  'count',
  'min',
  'max',
  'limit',
  'ref',
  'arn',
  'env',
  'var',
  'source',
  'template',
  'label',
  'selector',
  'field',
  'generator',
  'manager',
  'store',
  'sort',
  'partition',
  'column',
  'pattern',
  'regex',
]);

/** Splits `DB_PASSWORD`, `dbPassword`, `db.password`, `db-password` into lower-case tokens. */
export function nameTokens(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

export type NameStrength = 'strong' | 'weak';

/**
 * Names judged so far (null: not a credential). Names repeat across a file and a workspace (`PATH`, a
 * command's options, every container's env), and judging one costs two regular-expression passes and
 * a split; the table is emptied when full, and long names are not kept.
 */
const judgedNames = new Map<string, NameStrength | null>();
const MAX_JUDGED_NAMES = 10_000;
const MAX_JUDGED_NAME = 200;

/**
 * How surely a name designates a credential: 'strong' (`DB_PASSWORD`, `API_KEY`, `AWS_SECRET_ACCESS_KEY`),
 * 'weak' (`ENCRYPTION_KEY`, `BASIC_AUTH`: the value decides), or undefined.
 */
export function secretNameStrength(name: string): NameStrength | undefined {
  const known = judgedNames.get(name);
  if (known !== undefined) return known ?? undefined;
  const strength = judgeName(name);
  if (name.length <= MAX_JUDGED_NAME) {
    if (judgedNames.size >= MAX_JUDGED_NAMES) judgedNames.clear();
    judgedNames.set(name, strength ?? null);
  }
  return strength;
}

function judgeName(name: string): NameStrength | undefined {
  const tokens = nameTokens(name);
  if (tokens.length === 0) return undefined;
  let last = -1;
  let strength: NameStrength | undefined;
  let accessKey = false;
  let onlyKeys = true;
  const mark = (index: number, s: NameStrength, word: string) => {
    last = Math.max(last, index);
    if (strength !== 'strong') strength = s;
    if (!word.endsWith('key')) onlyKeys = false;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const pair = i + 1 < tokens.length ? t + tokens[i + 1] : '';
    if (STRONG_TOKENS.has(t) || STRONG_SUFFIXES.some((s) => t.length > s.length && t.endsWith(s))) mark(i, 'strong', t);
    else if (WEAK_TOKENS.has(t)) mark(i, 'weak', t);
    if (STRONG_TOKENS.has(pair)) mark(i + 1, 'strong', pair);
    else if (WEAK_TOKENS.has(pair)) mark(i + 1, 'weak', pair);
    if (pair === 'accesskey') accessKey = true;
  }
  if (!strength) return undefined;
  // `GPG_KEY`, `PUBLIC_KEY`: a key that is public by design. `GPG_PASSPHRASE` still protects one.
  if (onlyKeys && tokens.some((t) => PUBLIC_MODIFIERS.has(t))) return undefined;
  // An AWS-style access key id is half of a credential pair: the one `*_ID` that is kept secret.
  const about = tokens.slice(last + 1).filter((t) => ABOUT_TOKENS.has(t) && !(accessKey && t === 'id'));
  return about.length ? undefined : strength;
}

/** Whether a name designates a credential at all (strongly or ambiguously): ARGs have no value to judge. */
export function isSecretName(name: string): boolean {
  return secretNameStrength(name) !== undefined;
}

// ---------------------------------------------------------------- values

/** A value that only refers to a secret kept elsewhere, or says "nothing here". Never a finding. */
export function isPlaceholder(value: string): boolean {
  const v = stripQuotes(value.trim());
  if (v === '') return true;
  if (/^\$\{?[A-Za-z_][A-Za-z0-9_]*(:?[-?+=][^}]*)?\}?$/.test(v)) return true; // ${VAR}, $VAR, ${VAR:-x}
  if (/\$\{|\$\(|\{\{|#\{|`/.test(v)) return true; // interpolated or computed anywhere: ${X}, $(cat f), {{ .Values.x }}, #{Octopus}#
  if (/^(%[A-Za-z_][\w.]*%|@[A-Za-z_][\w.]*@|__[A-Za-z][\w]*__|%\(.*\)s?)$/.test(v)) return true; // token-substitution markers
  if (/^<[^<>]*>$|^\[[^\]]*\]$/.test(v)) return true; // <your-token>, [REDACTED]
  if (/^(x+|\*+|\.+|-+|_+|\u2022+|#+|0+|\?+)$/i.test(v)) return true; // xxx, ****, bullets (\u2022), 000000
  if (/^x{3,}([-_ ]x{3,})+$/i.test(v)) return true; // XXXX-XXXX
  if (/^(true|false|yes|no|on|off|null|none|nil|~|y|n)$/i.test(v)) return true;
  if (/^(invalid|unset|undefined|not[-_ ]?set|disabled|empty|n\/a|na|tbd|todo|fixme|redacted|hidden|masked|placeholder|secret_here|replaceme)$/i.test(v)) return true;
  if (/^(your|replace|insert|enter|put|todo|tbd|fixme|redacted|placeholder|dummy|fake)([-_ .]|$)/i.test(v)) return true; // your-token, REPLACE_ME
  if (/[-_ ](here|goes[-_ ]here|placeholder)$/i.test(v)) return true; // token-goes-here, api_key_here
  // An upper-case identifier (`GOOGLE_API_KEY_VAL`, `REPLACE_WITH_TOKEN`) is a substitution target, not a value.
  if (/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(v) && /[A-Z]{3}/.test(v) && !WEAK_PASSWORDS.has(v.toLowerCase())) return true;
  if (/^(\/|\.\.?\/|~\/|[A-Za-z]:\\)[^\s]*$/.test(v)) return true; // a path: /run/secrets/db
  return false;
}

/** Weak literal passwords are findings, not placeholders: they are exactly what attackers try first. */
export const WEAK_PASSWORDS = new Set([
  'changeme',
  'change_me',
  'change-me',
  'changeit',
  'admin',
  'administrator',
  'password',
  'passw0rd',
  'p@ssw0rd',
  'p@ssword',
  'password1',
  'password123',
  'secret',
  'secret123',
  'root',
  'toor',
  '123456',
  '1234567',
  '12345678',
  '123456789',
  '1234',
  '12345',
  'qwerty',
  'letmein',
  'welcome',
  'test',
  'test123',
  'default',
  'pass',
  'guest',
  'postgres',
  'mysql',
  'example',
  'minioadmin',
  'admin123',
  'abc123',
  'master',
  'demo',
]);

/** A weak default, compared case-insensitively. */
export function isWeakPassword(value: string): boolean {
  return WEAK_PASSWORDS.has(stripQuotes(value.trim()).toLowerCase());
}

/** Values that can sit under a secret-looking name without being one: numbers, hosts, files, public keys, references. */
export function isBenignValue(value: string): boolean {
  const v = stripQuotes(value.trim());
  if (/^[-+]?\d+(\.\d+)*$/.test(v)) return true; // 3600, 1.2.3
  if (/^\d+(\.\d+)?(ms|s|m|h|d|w|y|k|ki|mi|gi|kb|mb|gb|b)$/i.test(v)) return true; // 30s, 512Mi
  if (/^v?\d+(\.\d+)+([-+][\w.]+)?$/.test(v)) return true; // v5.1.1
  if (/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(v)) return true; // a date
  if (/^(ENC\(.+\)|ENC\[[A-Z0-9_]+,.+\]|\$ANSIBLE_VAULT;)/.test(v)) return true; // encrypted for committing (jasypt, sops, Ansible Vault)
  if (/^[a-z][a-z0-9+.-]*:\/\/\S*$/i.test(v)) return true; // a URL (credentials in it are a token format, found before)
  if (/^[\w.+-]+@[\w-]+(\.[\w-]+)+$/.test(v)) return true; // an email address
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}(:\d+)?$/.test(v) && !/\d{4,}/.test(v)) return true; // keyserver.ubuntu.com
  if (/^[a-z0-9.-]+:\d{2,5}$/.test(v)) return true; // redis:6379
  if (/^[\w.-]+\.(pem|key|crt|cer|der|p12|pfx|jks|json|ya?ml|txt|conf|cfg|ini|env|asc|gpg|pub)$/i.test(v)) return true; // tls.key, creds.json
  if (/^(ssh-(rsa|ed25519|dss)|ecdsa-sha2-\S+|sk-ssh-\S+) AAAA/.test(v)) return true; // an SSH public key
  if (/^-----BEGIN (PUBLIC KEY|RSA PUBLIC KEY|CERTIFICATE|PGP PUBLIC KEY BLOCK|X509 CRL)-----/.test(v)) return true;
  if (/^pk_(live|test)_/.test(v)) return true; // Stripe publishable keys ship to browsers
  if (/^(arn:aws[\w-]*:|vault:|ref\+|@Microsoft\.KeyVault\(|projects\/[^/]+\/secrets\/)/.test(v)) return true; // a secret-manager reference
  return false;
}

/** Shannon entropy in bits per character. */
export function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/**
 * The tiebreaker for ambiguous names: does the value itself look like a credential? Random-looking
 * strings (mixed character classes and high entropy, long hex or base64), `user:password` pairs, and
 * values that call themselves secret do; plain words, slugs and identifiers do not.
 */
export function looksRandom(value: string): boolean {
  const v = stripQuotes(value.trim());
  if (/\s/.test(v) || v.length < 8) return false;
  if (/^[^:/@]+:[^:/@]{4,}$/.test(v) && !/:\d+$/.test(v)) return true; // user:password (htpasswd, basic auth)
  // A value that calls itself a secret (`dev-secret-123`), unless it is only the word: `key: password`
  // names the key of a Secret to read (Argo's secretKeySelector), it is not the password.
  if (/secret|passw|pwd|token|api[-_]?key|private/i.test(v) && /[0-9A-Z]/.test(v)) return true;
  if (/^[0-9a-f]{24,}$/i.test(v)) return true;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(v)).length;
  // Slugs and relative paths of words and numbers (user-cache-2, uploads/avatar.png) are names, not keys.
  if (/^[a-z0-9._/-]+$/.test(v) && v.split(/[-_./]/).every((part) => /^([a-z]*|\d*)$/.test(part))) return false;
  return v.length >= 12 && classes >= 2 && entropy(v) >= 3.2;
}

function stripQuotes(v: string): string {
  return /^(["']).*\1$/s.test(v) && v.length >= 2 ? v.slice(1, -1) : v;
}

// ---------------------------------------------------------------- token formats

interface TokenFormat {
  name: string;
  re: RegExp;
  /** The capture group holding the credential, checked against placeholders (and weak passwords). */
  group?: number;
}

/** Specific formats first: a GCP key file also holds a private key block, a Slack webhook is also a URL. */
const TOKEN_FORMATS: TokenFormat[] = [
  { name: 'GCP service-account key', re: /"private_key"\s*:\s*"-----BEGIN|"private_key_id"\s*:\s*"[0-9a-f]{40}"/ },
  { name: 'private key', re: /-----BEGIN ((RSA|EC|DSA|OPENSSH|PGP|ENCRYPTED|SSH2 ENCRYPTED) )?PRIVATE KEY( BLOCK)?-----/ },
  { name: 'AWS access key', re: /\b(AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[0-9A-Z]{16}\b/ },
  { name: 'AWS secret access key', re: /aws_?secret_?(access_?)?key["']?\s*[:=]\s*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/i, group: 2 },
  { name: 'GitHub token', re: /\b(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{50,})\b/ },
  { name: 'GitLab token', re: /\b(glpat|gldt|glrt|glptt|glcbt|gloas|glft|glimt|glsoat)-[A-Za-z0-9_-]{20,}\b|\bGR1348941[A-Za-z0-9_-]{20,}\b/ },
  { name: 'Bitbucket token', re: /\b(ATBB|ATCTT3|ATATT3)[A-Za-z0-9_=.+/-]{24,}/ },
  { name: 'Slack webhook', re: /https:\/\/hooks\.slack\.com\/(services|workflows|triggers)\/[A-Za-z0-9+/]{20,}/ },
  { name: 'Discord webhook', re: /https:\/\/(ptb\.|canary\.)?discord(app)?\.com\/api\/webhooks\/\d+\/[A-Za-z0-9_-]{20,}/ },
  { name: 'Slack token', re: /\bxox[abposre]-[A-Za-z0-9-]{10,}\b|\bxapp-\d-[A-Z0-9]+-\d+-[a-z0-9]+\b/ },
  { name: 'Stripe key', re: /\b([sr]k_(live|test)_[A-Za-z0-9]{20,}|whsec_[A-Za-z0-9]{24,})\b/ },
  { name: 'Twilio API key', re: /\bSK[0-9a-f]{32}\b/ },
  { name: 'SendGrid key', re: /\bSG\.[A-Za-z0-9_-]{20,24}\.[A-Za-z0-9_-]{39,50}\b/ },
  { name: 'npm token', re: /\bnpm_[A-Za-z0-9]{36}\b|_auth(Token)?\s*=\s*["']?([^\s"']{8,})/, group: 2 },
  { name: 'PyPI token', re: /\bpypi-AgE[A-Za-z0-9_-]{50,}/ },
  { name: 'OpenAI key', re: /\bsk-(proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}|\bsk-proj-[A-Za-z0-9_-]{40,}|\bsk-ant-(api|admin)\d{2}-[A-Za-z0-9_-]{40,}/ },
  { name: 'Tailscale key', re: /\btskey-(auth|api|client|webhook)-[A-Za-z0-9]+-[A-Za-z0-9]{10,}/ },
  { name: 'Google API key', re: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  { name: 'Azure storage key', re: /\b(AccountKey|SharedAccessKey)\s*=\s*([A-Za-z0-9+/]{20,}={0,2})/i, group: 2 },
  { name: 'Azure SAS token', re: /[?&]sig=([A-Za-z0-9%+/]{20,}={0,2})/, group: 1 },
  { name: 'JSON web token', re: /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\b/ },
  { name: 'bearer token', re: /\bBearer\s+([A-Za-z0-9._~+/-]{20,}=*)/, group: 1 },
  // `Basic` alone is a common word: only after `Authorization:` or as the whole value.
  { name: 'basic auth header', re: /[Aa]uthorization:\s*Basic\s+([A-Za-z0-9+/]{8,}={0,2})|^Basic\s+([A-Za-z0-9+/]{8,}={0,2})$/, group: 0 },
  { name: 'password in connection string', re: /(?:^|;)\s*(?:password|pwd)\s*=\s*([^;"'\s]{3,})\s*;|;\s*(?:password|pwd)\s*=\s*([^;"'\s]{3,})/i, group: 0 },
  { name: 'credentials in URL', re: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/]*:([^\s@/$]{3,})@[^\s]+/i, group: 1 },
  { name: 'token in URL', re: /[?&](access_token|api_key|apikey|token|private_token|client_secret|password|secret)=([^&\s#"']{8,})/i, group: 2 },
];

/** Every format's name, for the test that has a sample of each. */
export const TOKEN_FORMAT_NAMES: readonly string[] = TOKEN_FORMATS.map((f) => f.name);

export interface TokenMatch {
  format: string;
  index: number;
  text: string;
  /** The credential part is a well-known weak password (`amqp://guest:guest@…`). */
  weak?: boolean;
}

/**
 * What every match of some TOKEN_FORMATS pattern contains (a literal part of each, case-insensitive, so
 * it matches a superset), tested once before the formats are tried one by one: nearly every value holds
 * no token, and one scan is cheaper than twenty-seven. A new format adds its literal part here
 * (test/engine/secrets.test.ts has a sample of every format).
 */
const MAY_HOLD_TOKEN =
  /private.key|akia|asia|abia|acca|a3t|aws_?secret|gh[pousr]_|github_pat_|\bgl[a-z]{2,4}-|gr1348941|atbb|atctt3|atatt3|:\/\/|xox[abposre]-|xapp-|k_(?:live|test)_|whsec_|sk[0-9a-f]{32}|sg\.|npm_|_auth|pypi-|sk-|tskey-|aiza|accountkey|sharedaccesskey|[?&][a-z_]+=|eyj|bearer|basic|password|pwd/gi;

/**
 * Where the first text at or after `from` that may belong to a token starts, or -1: a line of `text`
 * can hold a token (findToken finds one only there) when this finds a place in it from its start. One
 * search over a file instead of one per line.
 */
export function nextTokenCandidate(text: string, from: number): number {
  // None of MAY_HOLD_TOKEN's alternatives matches a line break: every match lies within one line.
  MAY_HOLD_TOKEN.lastIndex = from;
  return MAY_HOLD_TOKEN.exec(text)?.index ?? -1;
}

/** The first known token format a value contains, with where it stands. */
export function findToken(value: string): TokenMatch | undefined {
  MAY_HOLD_TOKEN.lastIndex = 0; // global (nextTokenCandidate searches on from a place): a test starts where it is told
  if (!MAY_HOLD_TOKEN.test(value)) return undefined;
  for (let f = 0; f < TOKEN_FORMATS.length; f++) {
    const { name, re, group } = TOKEN_FORMATS[f];
    const m = re.exec(value);
    if (!m) continue;
    // Group 0 means "whichever alternative matched"; an alternative without the group (`npm_…`) has nothing to vet.
    const secret = group === undefined ? undefined : group === 0 ? m.slice(1).find((g) => g !== undefined) : m[group];
    if (secret !== undefined && isPlaceholder(secret)) continue;
    return { format: name, index: m.index, text: m[0], ...(secret !== undefined && isWeakPassword(secret) ? { weak: true } : {}) };
  }
  return undefined;
}

/** The kind of token a value contains, if it matches a known format. */
export function knownTokenFormat(value: string): string | undefined {
  return findToken(value)?.format;
}

// ---------------------------------------------------------------- the detector

export interface SecretMatch {
  /** format: a known token format; weak: a well-known weak password; name: a literal under a credential name. */
  reason: 'name' | 'format' | 'weak';
  format?: string;
  /** Also true for a format whose credential part is weak (`amqp://guest:guest@…`). */
  weak?: boolean;
}

/**
 * Whether `name = value` is a plaintext secret. A known token format wins regardless of the name;
 * otherwise the name must designate a credential and the value must be a literal: never a
 * placeholder or reference, and not a number, path, URL, host or public key. An ambiguous name
 * (`*_KEY`) needs a random-looking value as well.
 */
export function detectSecret(name: string, value: string | undefined): SecretMatch | undefined {
  if (value === undefined) return undefined;
  const v = stripQuotes(value.trim());
  const token = findToken(v);
  if (token) return { reason: 'format', format: token.format, ...(token.weak ? { weak: true } : {}) };
  const strength = secretNameStrength(name);
  if (!strength || isPlaceholder(v)) return undefined;
  if (strength === 'strong' && isWeakPassword(v)) return { reason: 'weak', weak: true };
  if (isBenignValue(v)) return undefined;
  // The name alone cannot tell an AWS secret from any other; its 40-character shape can.
  const tokens = nameTokens(name);
  if (tokens.includes('aws') && tokens.includes('secret') && /^[A-Za-z0-9/+]{40}$/.test(v)) return { reason: 'format', format: 'AWS secret access key' };
  if (strength === 'weak' && !looksRandom(v)) return undefined;
  return { reason: 'name' };
}

export interface TextSecret extends SecretMatch {
  /** 0-based line within the text. */
  line: number;
  /** The assignment's name, or the format for a token found in free text. */
  name: string;
}

/** `name: value`, `name = value`, `"name": "value",`, `export NAME=value`: one assignment per line of a config file. */
const ASSIGNMENT = /^\s*(?:-\s+)?(?:export\s+)?["']?([A-Za-z_][\w.-]*)["']?\s*(?::|=|\s+(?=["']))\s*(.*?)\s*,?\s*$/;

/**
 * Secrets in a multi-line text (a ConfigMap entry holding a config file, a .properties or .ini body):
 * token formats anywhere, and `name: value` assignments judged like a variable.
 */
export function scanText(text: string): TextSecret[] {
  const out: TextSecret[] = [];
  text.split(/\r?\n/).forEach((lineText, line) => {
    if (/^\s*[#;]|^\s*\/\//.test(lineText)) return; // comments document, they do not configure
    const token = findToken(lineText);
    if (token) {
      out.push({ line, name: token.format, reason: 'format', format: token.format, ...(token.weak ? { weak: true } : {}) });
      return;
    }
    const m = ASSIGNMENT.exec(lineText);
    if (!m || /^[|>[{]/.test(m[2])) return;
    const match = detectSecret(m[1], m[2]);
    if (match) out.push({ line, name: m[1], ...match });
  });
  return out;
}

/** What outputs show instead of a secret: at most a 3-character prefix (only for long values) and the length, never the value. */
export function redact(value: string): string {
  const v = value.trim();
  const prefix = v.length >= 12 ? v.slice(0, 3) : '';
  return `${prefix}… (${v.length} chars, redacted)`;
}
