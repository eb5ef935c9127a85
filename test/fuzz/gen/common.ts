// Building blocks shared by the Dockerfile, Compose and Kubernetes generators: the values security
// rules look at (images, users, ports, paths, secrets) in their normal and their hostile spellings.
import fc from 'fast-check';

/** Token-shaped values are assembled at run time so the repository holds no secret-looking literal. */
const token = (...parts: string[]) => parts.join('');

/** Values secret detectors react to: weak passwords, provider tokens, private key headers, and near misses. */
export const secretValue: fc.Arbitrary<string> = fc.constantFrom(
  'changeme',
  'password',
  'hunter2',
  'admin',
  '',
  token('AKIA', 'IOSFODNN7', 'EXAMPLE'),
  token('ghp_', 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'),
  token('sk_', 'live_', 'a1B2c3D4e5F6g7H8i9J0k1L2'),
  token('xoxb-', '1234567890-', 'abcdefABCDEF'),
  token('-----BEGIN ', 'RSA PRIVATE KEY-----'),
  token('eyJhbGciOiJIUzI1NiJ9', '.eyJzdWIiOiIxIn0', '.c2lnbmF0dXJl'),
  '${DB_PASSWORD}',
  '${SECRET:-default}',
  '$(cat /run/secrets/db)',
  '/run/secrets/db',
  'K7gNU3sdo+OL0wNhqoVWhr3g6s1xYv72ol/pe/Unols=',
  'true',
  '0',
  'null',
  '~',
);

export const secretName: fc.Arbitrary<string> = fc.constantFrom(
  'PASSWORD',
  'DB_PASSWORD',
  'POSTGRES_PASSWORD',
  'MYSQL_ROOT_PASSWORD',
  'API_KEY',
  'AWS_SECRET_ACCESS_KEY',
  'GITHUB_TOKEN',
  'SECRET_KEY',
  'PASSWORD_FILE',
  'TOKEN_TTL',
  'SECRET_NAME',
  'AUTH_ENABLED',
  'NPM_TOKEN',
  'PRIVATE_KEY',
  'password',
  'Db-Password',
  'SSH_KEY',
  'DEBUG',
  'NODE_ENV',
  'FLASK_DEBUG',
  'HOME',
  'PATH',
);

const registry = fc.constantFrom('', 'docker.io/', 'registry.example.com/', 'ghcr.io/org/', 'localhost:5000/', 'gcr.io/p/', 'quay.io/', 'REGISTRY.example.com:443/', '${REGISTRY}/');
const repository = fc.constantFrom(
  'nginx',
  'alpine',
  'ubuntu',
  'node',
  'python',
  'golang',
  'postgres',
  'redis',
  'busybox',
  'scratch',
  'library/debian',
  'app',
  'a/b/c',
  'builder',
  '${IMAGE}',
  '$BASE',
  'UPPER',
);
const reference = fc.constantFrom('', ':latest', ':1.27', ':3.20', ':22-alpine', ':${TAG}', `@sha256:${'a'.repeat(64)}`, `:1.2@sha256:${'0'.repeat(64)}`, ':', '@', '@sha256:', ':-');

/** Image references: registry, repository, tag or digest, variables, and broken spellings. */
export const imageRef: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(registry, repository, reference).map(([r, n, t]) => `${r}${n}${t}`) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '::', '/', 'a:b:c:d', 'http://example.com/x', 'nginx latest', '-') },
);

export const userSpec: fc.Arbitrary<string> = fc.constantFrom(
  'root',
  '0',
  '0:0',
  'root:root',
  '1000',
  '1000:1000',
  '10001',
  'app',
  'app:app',
  'nobody',
  '65534',
  'node',
  '${UID}',
  '$USER:$GROUP',
  'ROOT',
  ' 0',
  '-1',
  '4294967296',
  'app:0',
  '',
  '0x0',
);

export const port: fc.Arbitrary<string> = fc.constantFrom('22', '80', '443', '8080', '2375', '2376', '5432', '6379', '9229', '0', '65535', '65536', '-1', '80-90', '8000-8010/udp', 'http', '${PORT}');

/** Host paths mounts and volumes name, from harmless to a full host takeover. */
export const hostPath: fc.Arbitrary<string> = fc.constantFrom(
  '/',
  '/etc',
  '/var/run/docker.sock',
  '/run/containerd/containerd.sock',
  '/proc',
  '/sys',
  '/dev',
  '/root',
  '/home/user',
  '/var/lib/kubelet',
  '/var/log',
  './data',
  'data',
  '../secrets',
  '~/.ssh',
  '/etc/../etc/shadow',
  '//',
  '/tmp',
  '${HOST_DIR}',
  'C:\\Windows',
);

export const capability: fc.Arbitrary<string> = fc.constantFrom(
  'ALL',
  'all',
  'SYS_ADMIN',
  'CAP_SYS_ADMIN',
  'NET_ADMIN',
  'NET_RAW',
  'SYS_PTRACE',
  'SYS_MODULE',
  'DAC_READ_SEARCH',
  'CHOWN',
  'NET_BIND_SERVICE',
  'BPF',
  'sys_admin',
  '',
);

export const safeWord: fc.Arbitrary<string> = fc.constantFrom('app', 'web', 'api', 'db', 'worker', 'cache', 'proxy', 'job', 'x', 'a-b', 'a_b', 'a.b');

/** Short text with the characters parsers trip on: quotes, escapes, control and non-BMP characters. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 12, unit: 'binary-ascii' }),
  fc.string({ maxLength: 6, unit: 'binary' }),
  fc.constantFrom('"', "'", '\\', '`', '$', '${', '$(', '{{', '}}', '#', ': ', '- ', '&a', '*a', '!!str', '%', '@', '|', '>', '\t', '\r', '\u2028', '\u0085', '\ufeff', '\ufffd', '\u{1F433}'),
);

/** Mostly `arb`, sometimes hostile text: a field keeps its shape but not its content. */
export const orHostile = (arb: fc.Arbitrary<string>): fc.Arbitrary<string> => fc.oneof({ weight: 9, arbitrary: arb }, { weight: 1, arbitrary: hostileText });

/** A suppression comment body as users and peers write it, valid or not. */
export const suppressionComment = (ruleIds: readonly string[]): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.constantFrom('bulkhead-ignore', 'bulkhead-ignore-file', 'hadolint ignore=', 'hadolint global ignore=', 'checkov:skip=', 'check=skip='),
      fc.array(fc.constantFrom(...ruleIds, 'DL3008', 'CKV_DOCKER_3', 'CKV_K8S_20', 'NOPE999', 'all', ''), { minLength: 1, maxLength: 3 }),
      fc.constantFrom('', ' -- reviewed', ' --', ' -- '),
    )
    .map(([directive, ids, reason]) => `# ${directive}${directive.endsWith('=') ? '' : ' '}${ids.join(',')}${reason}`);
