import { defineRule } from '../../rule';
import { yamlRemovePair } from '../../edits/yaml';
import { isScalar } from '../../parse/yaml';
import { nonRootFinalUser } from '../../workspace/builds';
import { builtServices, dockerfileLabel, inDockerfile, oncePerNode, ownPair } from './builds';

const ROOT = /^(root|0)(:.*)?$/i;

export default defineRule({
  meta: {
    id: 'XF003',
    name: 'compose-user-override',
    appliesTo: 'compose',
    title: 'Compose runs as root a service whose Dockerfile does not',
    severity: 'warning',
    threat: 'container-escape',
    principle: 'least-privilege',
    rationale:
      'The Dockerfile this service builds ends with a non-root `USER`, and `user: root` in the Compose file silently throws that hardening away at run time: every process runs as UID 0 again, so a writable mount, an extra capability or a kernel bug becomes host compromise.',
    remediation: "Delete the `user:` override so the image's own user applies; if a step needs root, do it at build time in the Dockerfile.",
    references: [
      { standard: 'cis-docker', section: '4.1', title: 'Ensure that a user for the container has been created' },
      { standard: 'cwe', id: 250 },
    ],
    aliases: [],
    messages: { override: 'user: {{user}} undoes `USER {{imageUser}}` of {{dockerfile}}: service "{{service}}" runs as root.' },
    fix: { applicability: 'unsafe', title: 'Delete the user override', review: "the service runs as the image's user; files it writes must be writable by that user" },
    examples: {
      bad: 'services:\n  api:\n    build: ./api\n    user: root\n',
      good: 'services:\n  api:\n    build: ./api\n',
      workspace: { 'api/Dockerfile': 'FROM node:22-alpine\nUSER node\nCMD ["node", "server.js"]\n' },
    },
    since: '0.2.0',
    related: ['DC011', 'DF001'],
  },
  check(ctx) {
    const first = oncePerNode();
    for (const { service, build } of builtServices(ctx)) {
      const doc = service.doc;
      const pair = doc.pair(service.node, 'user');
      const value = doc.deref(pair?.value);
      if (!pair || !isScalar(value) || !ROOT.test(String(value.value ?? '').trim()) || !first(pair)) continue;
      const imageUser = nonRootFinalUser(build.dockerfile);
      if (!imageUser) continue;
      ctx.report({
        messageId: 'override',
        data: { user: String(value.value), imageUser: imageUser.user, dockerfile: dockerfileLabel(ctx, build), service: service.name },
        range: doc.rangeOf(value),
        fix: ownPair(service, pair) ? [yamlRemovePair(doc, service.node, pair)] : undefined,
        related: [inDockerfile(build, imageUser.range, `The image runs as ${imageUser.user}`)],
      });
    }
  },
});
