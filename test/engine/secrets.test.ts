// The shared secret detector on its own: names, placeholders, weak defaults, token formats, redaction,
// and its precision and recall on a labelled set of values drawn from the corpus and written by hand.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { detectSecret, findToken, isPlaceholder, TOKEN_FORMAT_NAMES, looksRandom, redact, scanText, secretNameStrength } from '../../server/src/engine/policy/secrets';

const REPO = path.resolve(__dirname, '..', '..', '..');
const LABELLED = path.join(REPO, 'test', 'fixtures', 'secrets', 'labelled.tsv');
/** Keeps token-shaped values in the fixture from matching any scanner; removed before evaluation. */
const MARKER = '\u27EAFAKE \u27EB';

interface Row {
  label: 'secret' | 'harmless';
  key: string;
  value: string;
  raw: string;
  source: string;
  line: number;
}

function readLabelled(): Row[] {
  const rows: Row[] = [];
  fs.readFileSync(LABELLED, 'utf8')
    .split('\n')
    .forEach((text, i) => {
      if (text === '' || text.startsWith('#')) return;
      const cells = text.split('\t');
      assert.equal(cells.length, 4, `labelled.tsv:${i + 1}: expected label, key, value, source`);
      const [label, key, raw, source] = cells;
      assert.ok(label === 'secret' || label === 'harmless', `labelled.tsv:${i + 1}: unknown label ${label}`);
      rows.push({ label, key, raw, value: raw.split(MARKER).join('').replace(/\\n/g, '\n'), source, line: i + 1 });
    });
  return rows;
}

// Fake tokens for the unit tests, assembled from parts so no source line looks like a credential.
const j = (...parts: string[]) => parts.join('');
const FAKE = {
  aws: j('AKIA', 'Q3ZJ7W2N5K8L1M4P'),
  github: j('ghp_', 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8'),
  gitlab: j('glpat-', 'x1Y2z3A4b5C6d7E8f9G0'),
  slack: j('xoxb-', '112233445566-665544332211-AbCdEfGhIjKlMnOpQrStUvWx'),
  slackHook: j('https://hooks.slack.com/services/', 'T0ABCDEFG/B0HIJKLMN/', 'aBcDeFgHiJkLmNoPqRsTuVwX'),
  stripe: j('sk_', 'live_', 'a1B2c3D4e5F6g7H8i9J0k1L2'),
  sendgrid: j('SG.', 'abcdefghijklmnopqrstuv', '.', 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopq'),
  npm: j('npm_', 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'),
  pypi: j('pypi-AgEIcHlwaS5vcmc', 'x'.repeat(10), 'A1b2C3d4E5'.repeat(5)),
  privateKey: j('-----BEGIN ', 'RSA PRIVATE KEY-----'),
  jwt: j('eyJ', 'hbGciOiJIUzI1NiJ9', '.eyJ', 'zdWIiOiIxMjM0NTY3ODkwIn0', '.', 'dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'),
  azure: j('DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=', 'A1b2C3d4E5'.repeat(8), 'Zz==;EndpointSuffix=core.windows.net'),
  twilio: j('SK', '0123456789abcdef'.repeat(2)),
};

test('every known token format is recognised, whatever the name', () => {
  const expected: Record<keyof typeof FAKE, string> = {
    aws: 'AWS access key',
    github: 'GitHub token',
    gitlab: 'GitLab token',
    slack: 'Slack token',
    slackHook: 'Slack webhook',
    stripe: 'Stripe key',
    sendgrid: 'SendGrid key',
    npm: 'npm token',
    pypi: 'PyPI token',
    privateKey: 'private key',
    jwt: 'JSON web token',
    azure: 'Azure storage key',
    twilio: 'Twilio API key',
  };
  for (const [kind, value] of Object.entries(FAKE) as Array<[keyof typeof FAKE, string]>) {
    assert.equal(findToken(value)?.format, expected[kind], kind);
    assert.deepEqual(detectSecret('HARMLESS_NAME', value), { reason: 'format', format: expected[kind] }, kind);
  }
  assert.equal(findToken('postgres://app:pa55word-x@db/app')?.format, 'credentials in URL');
  assert.equal(findToken('redis://:pa55word-x@cache:6379')?.format, 'credentials in URL');
  assert.deepEqual(detectSecret('AMQP_URL', 'amqp://guest:guest@rabbitmq:5672/'), { reason: 'format', format: 'credentials in URL', weak: true });
});

/** One sample of every format FAKE leaves out: with FAKE, every format (findToken's prefilter must let each through). */
const MORE: Record<string, string> = {
  'GCP service-account key': j('"private_key', '_id": "', 'a1b2c3d4e5'.repeat(4), '"'),
  'AWS secret access key': j('aws_secret', '_access_key = ', 'A1b2C3d4E5'.repeat(4)),
  'Bitbucket token': j('ATBB', 'A1b2C3d4E5'.repeat(3)),
  'Discord webhook': j('https://discord.com/api/', 'webhooks/123456789/', 'A1b2C3d4E5'.repeat(3)),
  'OpenAI key': j('sk-', 'proj-', 'A1b2C3d4E5'.repeat(5)),
  'Tailscale key': j('tskey-', 'auth-', 'kAbc123-', 'A1b2C3d4E5'.repeat(2)),
  'Google API key': j('AIza', 'A1b2C3d4E5'.repeat(3), 'A1b2C'),
  'Azure SAS token': j('https://acme.blob.core.windows.net/c?sv=2022&', 'sig=', 'A1b2C3d4E5'.repeat(3)),
  'bearer token': j('Authorization: ', 'Bearer ', 'A1b2C3d4E5'.repeat(3)),
  'basic auth header': j('Authorization: ', 'Basic ', 'QWxhZGRpbjpvcGVuIHNlc2FtZQ=='),
  'password in connection string': j('Server=db;', 'Password=', 'Pa55-word-9x;'),
  'token in URL': j('https://api.example.com/v1?', 'access_token=', 'A1b2C3d4E5'.repeat(2)),
  'credentials in URL': j('postgres://app:', 'pa55word-x@db/app'),
};

test('a sample of every token format is found, in upper and lower case where the format allows', () => {
  const found = new Set([...Object.values(FAKE), ...Object.values(MORE)].map((v) => findToken(v)?.format));
  assert.deepEqual(
    TOKEN_FORMAT_NAMES.filter((name) => !found.has(name)),
    [],
  );
  for (const [format, value] of Object.entries(MORE)) assert.equal(findToken(value)?.format, format, value);
  assert.equal(findToken(j('AWS_SECRET', '_ACCESS_KEY=', 'A1b2C3d4E5'.repeat(4)))?.format, 'AWS secret access key');
  assert.equal(findToken(j('PASSWORD', '=Pa55-word-9x;'))?.format, 'password in connection string');
});

test('interpolated or placeholder credentials inside a format are not findings', () => {
  for (const value of [
    'postgres://app:${DB_PASSWORD}@db/app',
    'https://x:<token>@git.example.com/a.git',
    'https://user:xxx@host/',
    'Server=db;Password=${PW};',
    'https://api.example.com/?token=REPLACE_ME',
  ]) {
    assert.equal(findToken(value), undefined, value);
  }
});

test('names: whole tokens, position of the qualifier, and ambiguous names', () => {
  for (const name of [
    'DB_PASSWORD',
    'dbPassword',
    'db.password',
    'MYSQLPASSWORD',
    'NGROK_AUTHTOKEN',
    'API_KEY',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_ACCESS_KEY_ID',
    'USER_PASSWORD',
    'GPG_PASSPHRASE',
    'ADMIN_PW',
    'CLIENT_SECRET',
  ]) {
    assert.equal(secretNameStrength(name), 'strong', name);
  }
  for (const name of ['ENCRYPTION_KEY', 'BASIC_AUTH', 'SENTRY_DSN', 'WORDPRESS_AUTH_SALT', 'LICENSE_KEY']) assert.equal(secretNameStrength(name), 'weak', name);
  for (const name of [
    'DB_PASSWORD_FILE',
    'TOKEN_TTL',
    'SECRET_NAME',
    'AUTH_ENABLED',
    'PUBLIC_KEY',
    'GPG_KEY',
    'KMS_KEY_ID',
    'CLIENT_ID',
    'KEYBOARD',
    'PASS_SCHEME',
    'OAUTH_PROVIDER',
    'AUTHORS',
    'TOKENIZERS_PARALLELISM',
    'PASSWORD_RESET_URL',
  ]) {
    assert.equal(secretNameStrength(name), undefined, name);
  }
});

test('placeholders are never findings, under any name', () => {
  const placeholders = [
    '<your-token>',
    'xxx',
    'XXXX-XXXX',
    'REPLACE_ME',
    '${DB_PASSWORD}',
    '$DB_PASSWORD',
    '${DB_PASSWORD:?required}',
    '$(cat /run/secrets/db)',
    '{{ .Values.x }}',
    '',
    '  ',
    '****',
    '[REDACTED]',
    'your_api_key_here',
    '__TOKEN__',
    '#{Token}#',
    'GOOGLE_API_KEY_VAL',
    '/run/secrets/db',
  ];
  for (const value of placeholders) {
    assert.ok(isPlaceholder(value), JSON.stringify(value));
    assert.equal(detectSecret('DB_PASSWORD', value), undefined, JSON.stringify(value));
  }
});

test('weak literal passwords are findings that say so; other literals are plain findings', () => {
  for (const value of ['changeme', 'admin', 'password', 'secret', '123456', 'CHANGEME']) assert.deepEqual(detectSecret('DB_PASSWORD', value), { reason: 'weak', weak: true }, value);
  assert.deepEqual(detectSecret('DB_PASSWORD', 's3cr3t-Pa55'), { reason: 'name' });
  // Under an ambiguous name a weak word is only a word.
  assert.equal(detectSecret('CACHE_KEY', 'test'), undefined);
});

test('what a secret-looking name may hold without being a secret', () => {
  const benign: Array<[string, string]> = [
    ['PASSWORD_MIN_LENGTH', '12'],
    ['TOKEN_EXPIRY', '86400'],
    ['AUTH_TIMEOUT', '30s'],
    ['API_KEY', '4096'],
    ['DB_PASSWORD', 'true'],
    ['AUTH_URL', 'https://auth.example.com/token'],
    ['TLS_KEY', 'tls.key'],
    ['SSH_KEY', 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5 ops@example'],
    ['STRIPE_KEY', j('pk_', 'live_', 'a1B2c3D4e5F6g7H8i9J0k1L2')],
    ['DB_PASSWORD', 'arn:aws:secretsmanager:eu-west-1:1:secret:db'],
    ['DB_PASSWORD', 'ENC(nrmZtkF7T0kjG/VodDvBw93Ct8EgjCA+)'],
    ['REDIS_KEY', 'user-cache-2'],
    ['S3_KEY', 'uploads/avatar.png'],
  ];
  for (const [name, value] of benign) assert.equal(detectSecret(name, value), undefined, `${name}=${value}`);
});

test('entropy only breaks ties for ambiguous names', () => {
  assert.ok(looksRandom('8f14e45fceea167a5a36dedd4bea2543'));
  assert.ok(looksRandom('admin:Adm1nPass'));
  assert.ok(!looksRandom('sessions'));
  assert.ok(!looksRandom('my-bucket-2024'));
  assert.deepEqual(detectSecret('ENCRYPTION_KEY', '8f14e45fceea167a5a36dedd4bea2543'), { reason: 'name' });
  assert.equal(detectSecret('PARTITION_KEY', 'tenantId'), undefined);
  // `key: password` in a secretKeySelector names the key of a Secret; it is not the password.
  assert.equal(detectSecret('key', 'password'), undefined);
  assert.deepEqual(detectSecret('SIGNING_KEY', 'dev-secret-123'), { reason: 'name' });
  // A strong name needs no entropy: a low-entropy literal password is still a password.
  assert.deepEqual(detectSecret('DB_PASSWORD', 'aaaaaaaa'), { reason: 'name' });
});

test('scanText finds assignments and tokens in a config file, never in comments', () => {
  const text = ['[db]', 'host = db', 'password = hunter2hunter2', '# password = old-one-x', `notify: ${FAKE.slack}`, 'timeout: 30s'].join('\n');
  assert.deepEqual(
    scanText(text).map((h) => [h.line, h.name, h.reason]),
    [
      [2, 'password', 'name'],
      [4, 'Slack token', 'format'],
    ],
  );
});

test('redaction keeps at most a short prefix and the length, never the value', () => {
  for (const value of Object.values(FAKE).concat(['hunter2', 'changeme', 'x'])) {
    const shown = redact(value);
    assert.ok(!shown.includes(value), shown);
    assert.match(shown, new RegExp(`^.{0,4}… \\(${value.length} chars, redacted\\)$`, 'u'));
    const prefix = shown.slice(0, shown.indexOf('…'));
    assert.ok(prefix.length <= 4 && value.startsWith(prefix));
    // The prefix never gives away more than a quarter of the value.
    assert.ok(prefix.length * 4 <= value.length, shown);
  }
});

test('the labelled fixture holds no hand-made value a secret scanner would match', () => {
  // Corpus rows are public already; every hand-made token carries the marker, which breaks its format.
  for (const row of readLabelled()) {
    if (row.source.startsWith('corpus:')) continue;
    assert.equal(findToken(row.raw), undefined, `labelled.tsv:${row.line}: a hand-made token needs the marker`);
  }
});

test('precision and recall on the labelled set', (t) => {
  const rows = readLabelled();
  const secrets = rows.filter((r) => r.label === 'secret');
  const harmless = rows.filter((r) => r.label === 'harmless');
  assert.ok(secrets.length >= 120 && harmless.length >= 120, `need >= 120 of each label, have ${secrets.length}/${harmless.length}`);
  const count = (subset: Row[]) => {
    const c = { tp: 0, fp: 0, tn: 0, fn: 0 };
    const misses: string[] = [];
    for (const row of subset) {
      const found = detectSecret(row.key, row.value) !== undefined;
      if (row.label === 'secret') {
        if (found) c.tp++;
        else {
          c.fn++;
          misses.push(`FN ${row.key} (line ${row.line})`);
        }
      } else if (found) {
        c.fp++;
        misses.push(`FP ${row.key} (line ${row.line})`);
      } else c.tn++;
    }
    return { ...c, precision: c.tp / (c.tp + c.fp), recall: c.tp / (c.tp + c.fn), misses };
  };
  const all = count(rows);
  const corpus = count(rows.filter((r) => r.source.startsWith('corpus:')));
  const fmt = (c: ReturnType<typeof count>) => `TP=${c.tp} FP=${c.fp} TN=${c.tn} FN=${c.fn} precision=${c.precision.toFixed(3)} recall=${c.recall.toFixed(3)}`;
  t.diagnostic(`all rows (${rows.length}): ${fmt(all)}`);
  t.diagnostic(`corpus rows only: ${fmt(corpus)}`);
  for (const miss of all.misses) t.diagnostic(miss);
  // About 175 secrets and 225 harmless values: one miss moves recall by ~0.6 points and one false alarm
  // moves precision by ~0.6. 0.97 leaves room for the known design trade-offs (numeric passwords,
  // short values under ambiguous names) and fails on any real regression in a family of cases.
  assert.ok(all.recall >= 0.97, `recall ${all.recall}`);
  assert.ok(all.precision >= 0.97, `precision ${all.precision}`);
  // Real files must not raise false alarms: a linter that cries wolf on the corpus gets switched off.
  assert.equal(corpus.fp, 0, corpus.misses.join('; '));
});
