import { defineRule } from '../../rule';
import { instructionsOf } from '../../parse/dockerfileIndex';
import { instructionArguments } from '../../parse/dockerfile';

export default defineRule({
  meta: {
    id: 'DF017',
    name: 'no-copy-whole-stage',
    appliesTo: 'dockerfile',
    scope: 'instruction',
    title: 'COPY --from copies a whole filesystem',
    severity: 'warning',
    threat: 'exposed-secrets',
    principle: 'attack-surface',
    rationale:
      '`COPY --from=build / /` brings everything the build stage had into the final image: compilers, package managers, caches, and any credential the build touched. It undoes the point of a multi-stage build.',
    remediation: 'Copy only the artifacts the application needs: `COPY --from=build /src/app /app/`.',
    references: [{ standard: 'cwe', id: 538 }],
    aliases: [{ tool: 'hadolint', id: 'DL3067' }],
    messages: { wholeFilesystem: 'COPY --from={{stage}} copies the whole filesystem of {{stage}}.' },
    examples: {
      bad: 'FROM golang:1.23 AS build\nRUN go build -o /app\nFROM scratch\nCOPY --from=build / /\nUSER 65532\n',
      good: 'FROM golang:1.23 AS build\nRUN go build -o /app\nFROM scratch\nCOPY --from=build /app /app\nUSER 65532\n',
    },
    since: '0.1.0',
  },
  check({ dockerfile, report }) {
    const copies = instructionsOf(dockerfile, ['COPY']);
    for (let n = 0; n < copies.length; n++) {
      const ins = copies[n];
      if (ins.keyword !== 'COPY') continue;
      const from = ins.fromFlag?.value;
      if (!from) continue;
      const root = instructionArguments(ins)
        .slice(0, -1)
        .find((a) => /^\/(\.|\*)?$/.test(a.value));
      if (root) report({ messageId: 'wholeFilesystem', data: { stage: from }, range: root.range });
    }
  },
});
