import { defineRule } from '../../rule';
import { yamlRemovePair } from '../../edits/yaml';
import { isScalar, isSeq } from '../../parse/yaml';
import type { ComposeService } from '../../parse/compose';
import { activeHealthcheck } from '../../workspace/builds';
import { builtServices, dockerfileLabel, inDockerfile, ownPair } from './builds';

/** `disable: true`, or `test: ["NONE"]` / `test: NONE`: Compose's two ways to turn the check off. */
function disablesHealthcheck(service: ComposeService): boolean {
  const doc = service.doc;
  if (doc.scalar(service.node, 'healthcheck', 'disable') === true) return true;
  const test = doc.get(service.node, 'healthcheck', 'test');
  if (isScalar(test)) return String(test.value).trim().toUpperCase() === 'NONE';
  return isSeq(test) && doc.items(test).length > 0 && isScalar(doc.items(test)[0]) && String((doc.items(test)[0] as { value: unknown }).value).toUpperCase() === 'NONE';
}

export default defineRule({
  meta: {
    id: 'XF006',
    name: 'compose-healthcheck-disabled',
    appliesTo: 'compose',
    title: "Compose disables the image's HEALTHCHECK",
    severity: 'warning',
    threat: 'container-misconfiguration',
    principle: 'defence-in-depth',
    rationale:
      'The Dockerfile defines a `HEALTHCHECK`; disabling it in Compose means a hung or compromised process is never marked unhealthy, so `depends_on: condition: service_healthy`, restarts and monitoring keep trusting it.',
    remediation: "Delete the override so the image's check runs, or replace it with a better `healthcheck.test` rather than none.",
    references: [{ standard: 'cis-docker', section: '4.6', title: 'Ensure that HEALTHCHECK instructions have been added to container images' }],
    aliases: [],
    messages: { disabled: 'Service "{{service}}" disables the HEALTHCHECK of {{dockerfile}}.' },
    fix: { applicability: 'unsafe', title: 'Delete the healthcheck override', review: "the image's HEALTHCHECK applies again; check it suits this service" },
    examples: {
      bad: 'services:\n  api:\n    build: ./api\n    healthcheck:\n      disable: true\n',
      good: 'services:\n  api:\n    build: ./api\n',
      workspace: { 'api/Dockerfile': 'FROM node:22-alpine\nHEALTHCHECK CMD wget -qO- http://localhost:8080/health || exit 1\nUSER node\nCMD ["node", "server.js"]\n' },
    },
    since: '0.2.0',
    related: ['DF031'],
  },
  check(ctx) {
    for (const { service, build } of builtServices(ctx)) {
      if (!disablesHealthcheck(service)) continue;
      const check = activeHealthcheck(build.dockerfile);
      const pair = service.doc.pair(service.node, 'healthcheck');
      if (!check || !pair) continue;
      ctx.report({
        messageId: 'disabled',
        data: { service: service.name, dockerfile: dockerfileLabel(ctx, build) },
        range: service.doc.rangeOf(pair.key as never),
        fix: ownPair(service, pair) ? [yamlRemovePair(service.doc, service.node, pair)] : undefined,
        related: [inDockerfile(build, check.range, "The image's HEALTHCHECK")],
      });
    }
  },
});
