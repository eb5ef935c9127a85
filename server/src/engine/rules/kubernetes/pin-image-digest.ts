import { defineRule } from '../../rule';
import { containerImages } from './containerImages';

export default defineRule({
  meta: {
    id: 'K8S063',
    name: 'pin-image-digest',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'Image is not pinned by digest',
    severity: 'info',
    threat: 'supply-chain',
    principle: 'defence-in-depth',
    rationale:
      'Tags are mutable: whoever can push to the repository (or a compromised registry account) can move `1.27` to a different image, and nodes pull it at the next schedule. Only a digest names exactly the content that was reviewed and scanned.',
    remediation:
      'Append the digest to the reference (`nginx:1.27.3@sha256:…`, from `crane digest` or `docker buildx imagetools inspect`) and let Renovate or Dependabot update tag and digest together.',
    references: [{ standard: 'cwe', id: 494 }],
    aliases: [{ tool: 'checkov', id: 'CKV_K8S_43' }],
    messages: { noDigest: 'Image "{{image}}" of container "{{container}}" is not pinned by digest.' },
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27.3\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27.3@sha256:0f04e4f646a3f14bf31d8bc8d885b6c951fdcf42589d06845f64d18aec6a3c4d\n',
    },
    since: '0.2.0',
    related: ['DF030', 'K8S062'],
  },
  check({ k8s, report }) {
    for (const { container, image, ref, range } of containerImages(k8s)) {
      if (!ref.digest) report({ messageId: 'noDigest', data: { image, container: container.name }, range });
    }
  },
});
