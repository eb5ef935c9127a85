import { defineRule } from '../../rule';
import { portMappings } from '../../parse/compose';
import { exposedPorts } from '../../workspace/builds';
import { builtServices, dockerfileLabel } from './builds';

export default defineRule({
  meta: {
    id: 'XF005',
    name: 'compose-port-not-exposed',
    appliesTo: 'compose',
    title: 'Published port the Dockerfile does not expose',
    severity: 'info',
    threat: 'insecure-network',
    principle: 'attack-surface',
    rationale:
      'The Dockerfile documents the ports the application serves with `EXPOSE`. A Compose file publishing a different container port either reaches nothing (a typo) or opens a port nobody reviewed as part of the image: a debug listener, an admin console, a metrics endpoint.',
    remediation: "Publish only ports the image exposes, or add the port to the Dockerfile's `EXPOSE` once it is meant to be served.",
    references: [{ standard: 'cis-docker', section: '5.9', title: 'Ensure that only needed ports are open on the container' }],
    aliases: [],
    messages: { notExposed: 'Service "{{service}}" publishes container port {{port}}, which {{dockerfile}} does not EXPOSE ({{exposed}}).' },
    examples: {
      bad: 'services:\n  api:\n    build: ./api\n    ports:\n      - "127.0.0.1:9229:9229"\n',
      good: 'services:\n  api:\n    build: ./api\n    ports:\n      - "127.0.0.1:8080:8080"\n',
      workspace: { 'api/Dockerfile': 'FROM node:22-alpine\nEXPOSE 8080\nUSER node\nCMD ["node", "server.js"]\n' },
    },
    since: '0.2.0',
    related: ['XF004', 'DC009'],
  },
  check(ctx) {
    for (const { service, build } of builtServices(ctx)) {
      const exposed = exposedPorts(build.dockerfile);
      // No EXPOSE at all says nothing about intent: only a declared list can be contradicted.
      if (!exposed) continue;
      for (const port of portMappings(service.doc, service.doc.get(service.node, 'ports'))) {
        const target = port.target?.trim();
        if (!target || !/^\d+$/.test(target) || target === '22' || exposed.has(target)) continue;
        ctx.report({
          messageId: 'notExposed',
          data: { service: service.name, port: target, dockerfile: dockerfileLabel(ctx, build), exposed: [...exposed].join(', ') },
          range: service.doc.rangeOf(port.item),
        });
      }
    }
  },
});
