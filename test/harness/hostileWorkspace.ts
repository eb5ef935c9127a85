// A workspace that tries to make Bulkhead read, quote or rewrite files outside it: references by `..` and
// absolute paths in every field that names a file, symbolic links out (a directory, a file, a .dockerignore),
// a link loop, Git metadata above it, and file names that look like URI escapes. Everything outside holds
// canary tokens that must never appear in any output, and must stay byte-identical.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeTree } from './tempTree';

const DIGEST = '@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

/** Tokens that exist only in files outside the workspace. */
export const CANARY = ['CANARY_ENV_NAME', 'canaryuser', '4444', 'CANARY_IGNORE', 'CANARY_GIT', 'CANARY_COMPOSE'];

export interface HostileWorkspace {
  /** The parent of the workspace and of `outside/`: everything under it but `ws/` is outside. */
  top: string;
  ws: string;
  outside: string;
  /** Where each outside reference is written: workspace file → the text of the reference as written. */
  references: Record<string, string[]>;
  /** Every file outside the workspace with its bytes, for a before/after comparison. */
  snapshotOutside(): Record<string, string>;
  /** Whether an absolute path lies under `top` but outside `ws` (reached lexically or through a link). */
  isOutside(p: string): boolean;
  remove(): void;
}

export function hostileWorkspace(): HostileWorkspace {
  const top = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-hostile-')));
  const ws = path.join(top, 'ws');
  const outside = path.join(top, 'outside');
  const write = (rel: string, text: string) => writeTree(top, { [rel]: text });
  // Outside: what a followed reference would read (and a fix would rewrite).
  write('.git/HEAD', 'ref: refs/heads/main\n');
  write('.gitignore', '# CANARY_GIT\n');
  write('outside/secret.env', 'CANARY_ENV_NAME=hunter2hunter2hunter2\nAPI_KEY=AKIAIOSFODNN7EXAMPLE\n');
  write('outside/Dockerfile', 'FROM alpine:3.20\nUSER canaryuser\nEXPOSE 4444\nHEALTHCHECK CMD wget -q localhost:4444\n');
  write('outside/Dockerfile.real', 'FROM alpine\nADD app.py /app/\n');
  write('outside/dockerignore', '# CANARY_IGNORE\nnode_modules\n');
  write('outside/sub/compose.yaml', 'services:\n  CANARY_COMPOSE:\n    image: x\n    privileged: true\n');
  write('outside/.env', 'CANARY_ENV_NAME=x\n');

  // Inside: the references.
  const compose = [
    'services:',
    '  short:',
    `    image: x/short:1${DIGEST}`,
    '    env_file: ../outside/secret.env',
    '  long:',
    `    image: x/long:1${DIGEST}`,
    '    env_file:',
    '      - ./../outside/secret.env',
    `      - path: ${outside}/secret.env`,
    '        required: false',
    '  context:',
    `    image: x/context:1${DIGEST}`,
    '    build:',
    '      context: ../outside',
    '    user: root',
    '    ports: ["127.0.0.1:9999:9999"]',
    '  dockerfile:',
    `    image: x/dockerfile:1${DIGEST}`,
    '    build:',
    '      context: .',
    `      dockerfile: ${outside}/Dockerfile`,
    '    healthcheck:',
    '      disable: true',
    '  linked:',
    `    image: x/linked:1${DIGEST}`,
    '    build: linked',
    '    user: root',
    '  inside:',
    `    image: x/inside:1${DIGEST}`,
    '    env_file: db.env',
    '',
  ].join('\n');
  write('ws/compose.yaml', compose);
  write('ws/db.env', 'POSTGRES_PASSWORD=changeme\n');
  write('ws/skaffold.yaml', 'apiVersion: skaffold/v4beta11\nkind: Config\nbuild:\n  artifacts:\n    - image: shop/worker\n      context: ../outside\n');
  write(
    'ws/pod.yaml',
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: apps\nspec:\n  securityContext:\n    runAsNonRoot: true\n  containers:\n    - name: w\n      image: shop/worker:1\n`,
  );
  write('ws/app/Dockerfile', `FROM alpine:3.20${DIGEST}\nCOPY . /app/\nCOPY linked/conf /etc/app/\nUSER 10001\n`);
  write('ws/app/.env', 'API_KEY=inside\n');
  write('ws/svc/Dockerfile', `FROM alpine:3.20${DIGEST}\nCOPY linked/ /etc/app/\nUSER 10001\n`);
  write('ws/50%off.txt', 'not a container file\n');
  write('ws/Dockerfile%2Ebak', 'FROM alpine\n');
  fs.symlinkSync('../outside', path.join(ws, 'linked'));
  fs.symlinkSync('../outside/Dockerfile.real', path.join(ws, 'Dockerfile'));
  fs.symlinkSync('.', path.join(ws, 'loop'));
  fs.symlinkSync('../../outside', path.join(ws, 'app', 'linked'));
  fs.symlinkSync('../../outside/dockerignore', path.join(ws, 'app', '.dockerignore'));
  fs.symlinkSync('../../outside', path.join(ws, 'svc', 'linked'));

  const within = (dir: string, p: string) => p === dir || p.startsWith(dir + path.sep);
  return {
    top,
    ws,
    outside,
    references: {
      'compose.yaml': ['../outside/secret.env', './../outside/secret.env', `${outside}/secret.env`, '../outside', `${outside}/Dockerfile`, 'linked'],
      'app/Dockerfile': ['.dockerignore'],
      'svc/Dockerfile': ['linked/'],
      'pod.yaml': [`the Dockerfile of shop/worker:1 (${outside}/Dockerfile)`],
    },
    snapshotOutside: () => snapshot(top, ws),
    isOutside: (p) => {
      const abs = path.resolve(ws, p);
      const real = realOrSelf(abs);
      return (within(top, abs) && !within(ws, abs)) || (within(top, real) && !within(ws, real));
    },
    remove: () => fs.rmSync(top, { recursive: true, force: true }),
  };
}

function realOrSelf(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
}

/** Every file under `dir` except `skip`, by relative path, links listed as links (never followed). */
function snapshot(dir: string, skip: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (full === skip) continue;
      if (entry.isDirectory()) walk(full);
      else out[path.relative(dir, full)] = entry.isSymbolicLink() ? `-> ${fs.readlinkSync(full)}` : fs.readFileSync(full, 'latin1');
    }
  };
  walk(dir);
  return out;
}
