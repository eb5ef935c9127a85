import { defineRule } from '../../rule';
import { mutableTag } from '../../policy/images';
import { containerImages } from './containerImages';

export default defineRule({
  meta: {
    id: 'K8S062',
    name: 'pin-image-tag',
    appliesTo: 'kubernetes',
    scope: 'document',
    title: 'Image uses latest or no tag',
    severity: 'warning',
    threat: 'supply-chain',
    principle: 'defence-in-depth',
    rationale:
      'An untagged or `latest` image is whatever the registry serves when a node pulls: two replicas can run different code, a rollback cannot return to the previous build, and a pushed malicious image reaches production on the next reschedule.',
    remediation: 'Reference a version tag (`nginx:1.27.3`) or, better, a digest (`nginx@sha256:…`) and update it deliberately (Renovate, Dependabot).',
    references: [{ standard: 'cwe', id: 829 }],
    aliases: [
      { tool: 'kube-linter', id: 'latest-tag' },
      { tool: 'checkov', id: 'CKV_K8S_14' },
      { tool: 'trivy', id: 'AVD-KSV-0013' },
      { tool: 'polaris', id: 'tagNotSpecified' },
    ],
    messages: {
      untagged: 'Image "{{image}}" of container "{{container}}" has no tag: it means latest.',
      latest: 'Image "{{image}}" of container "{{container}}" uses the mutable latest tag.',
    },
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27.3\n',
    },
    since: '0.2.0',
    related: ['DF002', 'DC013', 'K8S063'],
  },
  check({ k8s, report }) {
    for (const { container, image, ref, range } of containerImages(k8s)) {
      const why = mutableTag(ref);
      if (why) report({ messageId: why, data: { image, container: container.name }, range });
    }
  },
});
