// Workspaces for the cross-file rules: a Compose file, Dockerfiles its `build:` entries reach,
// `.dockerignore`, env files, Git ignore files, Skaffold and Kubernetes manifests at the paths the
// other generators refer to; one of them is the document under analysis.
import fc from 'fast-check';
import { compose } from './compose';
import { dockerfile } from './dockerfile';
import { manifests } from './kubernetes';
import { hostileText, secretName, secretValue } from './common';
import type { FuzzCase } from '../oracle';

const lines = (arb: fc.Arbitrary<string>, max: number) => fc.array(arb, { maxLength: max }).map((ls) => `${ls.join('\n')}\n`);

const dockerignore = lines(
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc.constantFrom(
        '*',
        '!src',
        '!src/**',
        '**/*.md',
        '.env',
        '*.env',
        'config/',
        '.git',
        '# comment',
        '',
        '!.env',
        'id_rsa',
        '*.pem',
        'node_modules',
        '../x',
        'a/**/b',
        '/secrets',
        'secrets/',
        '!secrets/public.pem',
        '**',
      ),
    },
    { weight: 1, arbitrary: fc.constantFrom('!', '/', '[', '\\', '[a-', '***', '!!x', ' .env ', '\r') },
    { weight: 1, arbitrary: hostileText },
  ),
  6,
);

const envFile = lines(
  fc.oneof(
    fc.tuple(secretName, secretValue, fc.constantFrom('', 'export ', '  ')).map(([n, v, p]) => `${p}${n}=${v}`),
    fc.tuple(secretName, secretValue, fc.constantFrom('"', "'")).map(([n, v, q]) => `${n}=${q}${v}${q} # trailing`),
    fc.constantFrom('# comment', '', 'not a pair', '=value', 'A==b', 'export'),
    hostileText,
  ),
  5,
);

const gitignore = lines(fc.constantFrom('/db.env', '*.env', '!db.env', '.env', 'secrets/', '', '# c', '!', '\\#x'), 3);

const skaffold = fc
  .constantFrom('api', 'web', '.', '..', '')
  .map((context) => `apiVersion: skaffold/v4beta1\nkind: Config\nbuild:\n  artifacts:\n    - image: app\n      context: ${context || '""'}\n      docker:\n        dockerfile: Dockerfile\n`);

/** Workspace paths and what may be written there; each is present or not. */
const SLOTS: Array<[string, fc.Arbitrary<string>]> = [
  ['compose.yaml', compose],
  ['api/docker-compose.yml', compose],
  ['Dockerfile', dockerfile],
  ['Dockerfile.dev', dockerfile],
  ['api/Dockerfile', dockerfile],
  ['web/Dockerfile', dockerfile],
  ['.dockerignore', dockerignore],
  ['api/.dockerignore', dockerignore],
  ['Dockerfile.dockerignore', dockerignore],
  ['.env', envFile],
  ['db.env', envFile],
  ['secrets/app.env', envFile],
  ['.git/HEAD', fc.constant('ref: refs/heads/main\n')],
  ['.gitignore', gitignore],
  ['secrets/.gitignore', gitignore],
  ['k8s/app.yaml', manifests],
  ['k8s/namespace.yaml', manifests],
  ['skaffold.yaml', skaffold],
];
const DOCUMENTS = SLOTS.map(([path]) => path).filter((p) => /(Dockerfile[^/]*|\.ya?ml)$/.test(p) && !p.endsWith('.dockerignore'));

export const workspaceCase: fc.Arbitrary<FuzzCase> = fc.tuple(fc.constantFrom(...DOCUMENTS), fc.tuple(...SLOTS.map(([, arb]) => fc.option(arb, { freq: 2 })))).chain(([document, texts]) => {
  const files: Record<string, string> = {};
  SLOTS.forEach(([path], i) => {
    if (texts[i] !== null) files[path] = texts[i]!;
  });
  const slot = SLOTS.find(([path]) => path === document)!;
  // The document always exists; generate it when its slot came out empty.
  return (files[document] !== undefined ? fc.constant(files[document]) : slot[1]).map((text) => ({ document, files: { ...files, [document]: text } }));
});
