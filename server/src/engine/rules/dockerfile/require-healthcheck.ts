import { defineRule } from '../../rule';

export default defineRule({
  meta: {
    id: 'DF031',
    name: 'require-healthcheck',
    appliesTo: 'dockerfile',
    title: 'Image has no HEALTHCHECK',
    severity: 'info',
    enabledByDefault: false,
    threat: 'container-misconfiguration',
    principle: 'defence-in-depth',
    rationale:
      'Without a health check, Docker and Compose keep routing to a container whose process is alive but hung or compromised into a broken state. Off by default: Kubernetes ignores HEALTHCHECK and uses its own probes, so it matters only for images run by Docker or Compose.',
    remediation:
      'Add `HEALTHCHECK --interval=30s --timeout=3s CMD ["/app/healthcheck"]` (a small binary or script in the image; avoid installing curl only for this), or `HEALTHCHECK NONE` to state that none is wanted.',
    references: [{ standard: 'cis-docker', section: '4.6', title: 'Ensure that HEALTHCHECK instructions have been added to container images' }],
    aliases: [
      { tool: 'hadolint', id: 'DL3057' },
      { tool: 'checkov', id: 'CKV_DOCKER_2' },
      { tool: 'trivy', id: 'AVD-DS-0026' },
    ],
    fix: { applicability: 'display-only', title: 'Add HEALTHCHECK --interval=30s --timeout=3s CMD ["<probe>"]' },
    messages: { missing: 'The final stage has no HEALTHCHECK.' },
    examples: {
      bad: 'FROM alpine:3.20\nUSER 10001\nCMD ["/app"]\n',
      good: 'FROM alpine:3.20\nUSER 10001\nHEALTHCHECK CMD ["/app", "--health"]\nCMD ["/app"]\n',
    },
    since: '0.1.0',
  },
  check({ dockerfile, report }) {
    const final = dockerfile.finalStage;
    if (!final) return;
    for (let s: typeof final | undefined = final; s; s = s.parent) if (s.instructions.some((i) => i.keyword === 'HEALTHCHECK')) return;
    report({ messageId: 'missing', range: final.from.range, fix: [] });
  },
});
