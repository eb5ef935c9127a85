import { defineRule } from '../../rule';
import type { PropertyInstruction } from '../../parse/dockerfile';

export default defineRule({
  meta: {
    id: 'DF026', name: 'no-undefined-from-arg', appliesTo: 'dockerfile',
    title: 'FROM uses a build argument without a default', severity: 'warning',
    threat: 'supply-chain', principle: 'defence-in-depth',
    rationale: 'A `FROM ${BASE}` whose ARG is undeclared or has no default builds from whatever the caller passes, and from an empty or invalid name when nobody passes anything. What the image is built on then depends on the CI job, not on the reviewed file.',
    remediation: 'Declare the argument before the first FROM with a pinned default: `ARG BASE=node:22.11-alpine3.20` then `FROM ${BASE}`.',
    references: [{ standard: 'cis-docker', section: '4.2', title: 'Ensure that containers use only trusted base images' }],
    aliases: [{ tool: 'buildkit', id: 'UndefinedArgInFrom' }, { tool: 'buildkit', id: 'InvalidDefaultArgInFrom' }],
    messages: {
      undeclared: 'FROM uses ${{name}}, which no ARG before the first FROM declares.',
      noDefault: 'FROM uses ${{name}}, whose ARG has no default.',
    },
    fix: { applicability: 'display-only', title: 'Declare ARG {{name}}=<image:tag> before the first FROM' },
    examples: { bad: 'ARG BASE\nFROM ${BASE}\nUSER 10001\n', good: 'ARG BASE=alpine:3.20\nFROM ${BASE}\nUSER 10001\n' },
    since: '0.1.0', related: ['DF002'],
  },
  check({ dockerfile, report }) {
    const globals = new Map<string, string | null>();
    for (const ins of dockerfile.preamble) {
      if (ins.getKeyword() !== 'ARG') continue;
      for (const p of (ins as PropertyInstruction).getProperties()) globals.set(p.getName(), p.getValue());
    }
    // Platform arguments BuildKit always provides.
    const automatic = /^(BUILDPLATFORM|TARGETPLATFORM|BUILDOS|BUILDARCH|BUILDVARIANT|TARGETOS|TARGETARCH|TARGETVARIANT)$/;
    for (const stage of dockerfile.stages) {
      const range = stage.from.getImageRange();
      const raw = stage.from.getImage() ?? '';
      if (!range) continue;
      for (const m of raw.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)(:?[-+?][^}]*)?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g)) {
        const name = m[1] ?? m[3];
        if (automatic.test(name) || (m[2] && /^:?-./.test(m[2]))) continue; // ${X:-default} carries its own default
        if (!globals.has(name)) report({ messageId: 'undeclared', data: { name }, range, fix: [] });
        else if (globals.get(name) === null || globals.get(name) === '') report({ messageId: 'noDefault', data: { name }, range, fix: [] });
      }
    }
  },
});
