import { defineRule } from '../../rule';
import { instructionsOf } from '../../parse/dockerfileIndex';
import { instructionArguments } from '../../parse/dockerfile';

/** File names that hold private keys or credentials (public keys and CA certificates excluded). */
const SECRET_NAMES = new Set(['id_rsa', 'id_dsa', 'id_ecdsa', 'id_ed25519', '.env', '.npmrc', '.pypirc', '.netrc', '.git-credentials', 'kubeconfig']);
const SECRET_SUFFIXES = ['-key.pem', '.key', '.p12', '.pfx', '.kubeconfig'];
/** Credential files known by their directory too, and directories that are all credentials (`.ssh/`). */
const SECRET_PATHS = ['.aws/credentials', '.docker/config.json'];
const SECRET_DIRS = new Set(['.ssh', '.aws']);

const SLASH = 47;
/** Whether `path` is `tail` or ends with `/tail` (compared in place: asked of every COPY source). */
const endsWithPath = (path: string, tail: string) => path.endsWith(tail) && (path.length === tail.length || path.charCodeAt(path.length - tail.length - 1) === SLASH);

/** Whether a COPY source names a credential file, by plain string tests (linear in the path, whatever it holds). */
function isSecretFile(file: string): boolean {
  const path = file.toLowerCase();
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dir = path.endsWith('/') ? path.slice(0, -1) : path;
  return (
    SECRET_NAMES.has(base) ||
    base.startsWith('.env.') ||
    SECRET_SUFFIXES.some((suffix) => base.endsWith(suffix)) ||
    (base.endsWith('.pem') && base.includes('private')) ||
    SECRET_PATHS.some((tail) => endsWithPath(path, tail)) ||
    SECRET_DIRS.has(dir.slice(dir.lastIndexOf('/') + 1))
  );
}
const EXAMPLE = /\.(example|sample|template|dist)$|\.pub$/i;

export default defineRule({
  meta: {
    id: 'DF013',
    name: 'no-secret-file-copied',
    appliesTo: 'dockerfile',
    scope: 'instruction',
    title: 'Credential file copied into the image',
    severity: 'error',
    threat: 'exposed-secrets',
    principle: 'defence-in-depth',
    rationale:
      'Every layer of an image is readable by anyone who can pull it, and deleting a file in a later layer does not remove it from the earlier one. A private key, `.env`, `.npmrc` or cloud credential copied in ships to every registry, cache and laptop the image reaches.',
    remediation:
      'Use a BuildKit secret for build-time credentials (`RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci`), mount runtime credentials when the container starts, and list these files in `.dockerignore`.',
    references: [
      { standard: 'cis-docker', section: '4.10', title: 'Ensure secrets are not stored in Dockerfiles' },
      { standard: 'cwe', id: 538 },
    ],
    aliases: [{ tool: 'trivy', id: 'AVD-DS-0031' }],
    fix: { applicability: 'display-only', title: 'Mount {{file}} as a BuildKit secret (RUN --mount=type=secret,id=…,target=…) instead of copying it' },
    messages: { secretFile: '{{instruction}} copies {{file}}, which holds credentials, into an image layer.' },
    examples: {
      bad: 'FROM node:22-alpine\nCOPY .npmrc package.json ./\nRUN npm ci\nUSER 10001\n',
      good: 'FROM node:22-alpine\nCOPY package.json ./\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\nUSER 10001\n',
    },
    since: '0.1.0',
    related: ['DF003'],
  },
  check({ dockerfile, report }) {
    const copies = instructionsOf(dockerfile, ['COPY', 'ADD']);
    for (let n = 0; n < copies.length; n++) {
      const ins = copies[n];
      const keyword = ins.keyword;
      if (keyword !== 'COPY' && keyword !== 'ADD') continue;
      if (ins.rawArguments?.trimStart().startsWith('<<')) continue;
      const args = instructionArguments(ins);
      // A key copied to a `.pub` or keyring destination is a public signing key (`COPY repo.key /x/key.pub`).
      if (/\.pub$|keyrings?\/|\.gpg$/i.test(args[args.length - 1]?.value ?? '')) continue;
      // Every argument but the destination (the last).
      for (let a = 0; a < args.length - 1; a++) {
        const { value: file, range } = args[a];
        if (isSecretFile(file) && !EXAMPLE.test(file)) report({ messageId: 'secretFile', data: { instruction: keyword, file }, range, fix: [] });
      }
    }
  },
});
