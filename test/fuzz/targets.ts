// What the fuzzer feeds the engine, by name: one target per generator, the cross-file workspace,
// and mutations of real (corpus) and generated files.
import fc from 'fast-check';
import { dockerfile } from './gen/dockerfile';
import { compose } from './gen/compose';
import { helmTemplate, manifests } from './gen/kubernetes';
import { workspaceCase } from './gen/workspace';
import { applyMutations, mutation, type MutationScale } from './mutate';
import type { CorpusFile } from './corpus';
import type { FuzzCase } from './oracle';

export interface Target {
  name: string;
  arbitrary: fc.Arbitrary<FuzzCase>;
}

/** The settings rules read, varied so every branch of the Pod Security and registry rules runs. */
const settings: fc.Arbitrary<FuzzCase['config']> = fc
  .option(
    fc.record({
      podSecurityLevel: fc.constantFrom('restricted' as const, 'baseline' as const),
      podSecurityVersion: fc.constantFrom('latest', 'v1.23', 'v1.0', 'v1.99', '1.30'),
      trustedRegistries: fc.constantFrom<string[]>([], ['registry.example.com'], ['docker.io', 'ghcr.io/org'], ['']),
    }),
    { freq: 3 },
  )
  .map((c) => c ?? undefined);

const single = (names: string[], text: fc.Arbitrary<string>): fc.Arbitrary<FuzzCase> =>
  fc.tuple(fc.constantFrom(...names), text, settings).map(([document, t, config]) => ({ document, files: { [document]: t }, ...(config ? { config } : {}) }));

const DOCKERFILE_NAMES = ['Dockerfile', 'api/Containerfile', 'build/app.dockerfile', 'Dockerfile.prod'];
const COMPOSE_NAMES = ['compose.yaml', 'docker-compose.override.yml', 'deploy/compose.prod.yaml'];
const MANIFEST_NAMES = ['k8s/app.yaml', 'deploy.yml', 'manifests/all.yaml'];

/** An overlay over a generated base: patch files, an inline patch and JSON 6902 operations from generated manifests (issue 11). */
const kustomizeOverlay: fc.Arbitrary<FuzzCase> = fc
  .tuple(manifests, manifests, manifests, fc.constantFrom('images: [{name: nginx, newTag: latest}]\n', 'namespace: prod\nnamePrefix: p-\nreplicas: [{name: web, count: 2}]\n', 'resources: [.]\n', ''))
  .map(([base, patch, inline, extra]) => {
    const block = inline.replace(/\n/g, '\n      ');
    const overlay = `resources:\n  - ../base\npatches:\n  - path: patch.yaml\n  - patch: |-\n      ${block}\n  - target: {kind: Deployment}\n    path: ops.yaml\n${extra}`;
    return {
      document: 'overlay/kustomization.yaml',
      files: {
        'overlay/kustomization.yaml': overlay,
        'overlay/patch.yaml': patch,
        'overlay/ops.yaml': `- op: add\n  path: /spec/template/spec/hostPID\n  value: true\n- op: replace\n  path: /spec/x/0\n  value: ${JSON.stringify(inline.slice(0, 40))}\n`,
        'base/kustomization.yaml': 'resources: [all.yaml]\n',
        'base/all.yaml': base,
      },
    };
  });

/** Generated files of every kind, as mutation starting points when there is no corpus. */
const generatedFile: fc.Arbitrary<{ document: string; text: string }> = fc.oneof(
  dockerfile.map((text) => ({ document: 'Dockerfile', text })),
  compose.map((text) => ({ document: 'compose.yaml', text })),
  manifests.map((text) => ({ document: 'k8s/app.yaml', text })),
);

export function targets(scale: MutationScale, corpus: CorpusFile[] | undefined): Target[] {
  const mutations = fc.array(mutation(scale), { minLength: 1, maxLength: 5 });
  const donors = (i: number) => (corpus?.length ? corpus[i % corpus.length].text : '');
  const out: Target[] = [
    { name: 'dockerfile', arbitrary: single(DOCKERFILE_NAMES, dockerfile) },
    { name: 'compose', arbitrary: single(COMPOSE_NAMES, compose) },
    { name: 'kubernetes', arbitrary: single(MANIFEST_NAMES, manifests) },
    { name: 'helm', arbitrary: single(['chart/templates/deployment.yaml'], helmTemplate) },
    { name: 'kustomize', arbitrary: kustomizeOverlay },
    { name: 'workspace', arbitrary: fc.tuple(workspaceCase, settings).map(([c, config]) => (config ? { ...c, config } : c)) },
    {
      name: 'mutated-generated',
      arbitrary: fc.tuple(generatedFile, mutations).map(([f, ms]) => ({ document: f.document, files: { [f.document]: applyMutations(f.text, ms, donors, scale) } })),
    },
  ];
  if (corpus?.length) {
    out.push({
      name: 'mutated-corpus',
      arbitrary: fc
        .tuple(fc.nat(corpus.length - 1), mutations)
        .map(([i, ms]) => ({ document: corpus[i].document, files: { [corpus[i].document]: applyMutations(corpus[i].text, ms, donors, scale) } })),
    });
  }
  return out;
}
