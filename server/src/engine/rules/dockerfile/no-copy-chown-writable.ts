import { defineRule } from '../../rule';
import { instructionsOf } from '../../parse/dockerfileIndex';

export default defineRule({
  meta: {
    id: 'DF036',
    name: 'no-copy-chown-writable',
    appliesTo: 'dockerfile',
    scope: 'instruction',
    title: 'Application files owned by the runtime user',
    severity: 'info',
    enabledByDefault: false,
    threat: 'image-misconfiguration',
    principle: 'least-privilege',
    rationale:
      '`COPY --chown=app` makes the code writable by the user the application runs as: a compromised process can then rewrite its own code or configuration so the change survives restarts. Off by default: many images need a few writable directories, which this rule cannot tell apart.',
    remediation:
      'Leave application files owned by root and readable by all (the default), and give the runtime user only the directories it must write (`RUN mkdir /data && chown 10001 /data`), or a volume / tmpfs.',
    references: [{ standard: 'cwe', id: 732 }],
    aliases: [],
    messages: { chown: 'COPY --chown={{owner}} makes the copied files writable by that user.' },
    examples: { bad: 'FROM node:22\nCOPY --chown=10001:10001 . /app\nUSER 10001\n', good: 'FROM node:22\nCOPY . /app\nUSER 10001\n' },
    since: '0.1.0',
  },
  check({ dockerfile, report }) {
    for (const ins of instructionsOf(dockerfile, ['COPY', 'ADD'])) {
      if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') continue;
      const flag = ins.flags.find((f) => f.name === 'chown');
      const owner = flag?.value;
      if (flag && owner && !/^(root|0)(:(root|0))?$/.test(owner)) report({ messageId: 'chown', data: { owner }, range: flag.range });
    }
  },
});
