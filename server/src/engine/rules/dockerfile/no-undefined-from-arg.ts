import { defineRule } from '../../rule';
import { imageVariables } from '../../parse/dockerfile';

export default defineRule({
  meta: {
    id: 'DF026',
    name: 'no-undefined-from-arg',
    appliesTo: 'dockerfile',
    title: 'FROM uses a build argument without a default',
    severity: 'warning',
    threat: 'supply-chain',
    principle: 'defence-in-depth',
    rationale:
      'A `FROM ${BASE}` whose ARG is undeclared or has no default builds from whatever the caller passes, and from an empty or invalid name when nobody passes anything. What the image is built on then depends on the CI job, not on the reviewed file.',
    remediation: 'Declare the argument before the first FROM with a pinned default: `ARG BASE=node:22.11-alpine3.20` then `FROM ${BASE}`.',
    references: [{ standard: 'cis-docker', section: '4.2', title: 'Ensure that containers use only trusted base images' }],
    aliases: [
      { tool: 'buildkit', id: 'UndefinedArgInFrom' },
      { tool: 'buildkit', id: 'InvalidDefaultArgInFrom' },
    ],
    messages: {
      undeclared: 'FROM uses ${{name}}, which no ARG before the first FROM declares.',
      noDefault: 'FROM uses ${{name}}, whose ARG has no default.',
    },
    fix: { applicability: 'display-only', title: 'Declare ARG {{name}}=<image:tag> before the first FROM' },
    examples: { bad: 'ARG BASE\nFROM ${BASE}\nUSER 10001\n', good: 'ARG BASE=alpine:3.20\nFROM ${BASE}\nUSER 10001\n' },
    since: '0.1.0',
    related: ['DF002'],
  },
  check({ dockerfile, report }) {
    const globals = new Map<string, string | undefined>();
    for (const ins of dockerfile.preamble) {
      if (ins.keyword !== 'ARG') continue;
      for (const p of ins.properties) globals.set(p.name, p.value);
    }
    // Platform arguments BuildKit always provides.
    const automatic = /^(BUILDPLATFORM|TARGETPLATFORM|BUILDOS|BUILDARCH|BUILDVARIANT|TARGETOS|TARGETARCH|TARGETVARIANT)$/;
    for (const stage of dockerfile.stages) {
      const range = stage.from.imageRange;
      const raw = stage.from.image ?? '';
      if (!range) continue;
      for (const { name, modifier } of imageVariables(raw, '-+?')) {
        if (automatic.test(name) || (modifier && /^:?-./.test(modifier))) continue; // ${X:-default} carries its own default
        if (!globals.has(name)) report({ messageId: 'undeclared', data: { name }, range, fix: [] });
        else if (!globals.get(name)) report({ messageId: 'noDefault', data: { name }, range, fix: [] });
      }
    }
  },
});
