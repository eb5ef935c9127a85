import { defineRule } from '../../rule';
import { parsedRuns } from '../../parse/dockerfile';
import { allCommands, commandName } from '../../parse/shell';
import type { Range } from '../../model';

export default defineRule({
  meta: {
    id: 'DF035',
    name: 'no-wget-and-curl',
    appliesTo: 'dockerfile',
    title: 'Both wget and curl used',
    severity: 'info',
    enabledByDefault: false,
    threat: 'image-misconfiguration',
    principle: 'attack-surface',
    rationale:
      'Two download tools do one job: both end up in the image, twice the code to patch and two ready-made tools for an intruder to fetch payloads. Off by default: it is hygiene rather than a direct risk.',
    remediation: 'Pick one (curl or wget) for every download in the file, and drop it from the final stage if the application does not need it.',
    references: [],
    aliases: [
      { tool: 'hadolint', id: 'DL4001' },
      { tool: 'trivy', id: 'AVD-DS-0014' },
      { tool: 'semgrep', id: 'use-either-wget-or-curl' },
    ],
    messages: { both: 'This file uses {{command}} as well as {{other}}; use one download tool.' },
    examples: {
      bad: 'FROM debian:12\nRUN curl -fsSLO https://x.io/a && wget https://x.io/b\nUSER 10001\n',
      good: 'FROM debian:12\nRUN curl -fsSLO https://x.io/a && curl -fsSLO https://x.io/b\nUSER 10001\n',
    },
    since: '0.1.0',
  },
  check({ dockerfile, src, report }) {
    // Each stage is its own image: curl in a build stage and wget in the final one are not both shipped.
    const byStage = new Map<unknown, Record<'curl' | 'wget', Range[]>>();
    for (const run of parsedRuns(dockerfile, src)) {
      const uses = byStage.get(run.stage) ?? { curl: [], wget: [] };
      byStage.set(run.stage, uses);
      for (const cmd of allCommands(run.script)) {
        const name = commandName(cmd);
        if (name?.name === 'curl' || name?.name === 'wget') uses[name.name].push(run.rangeOf(cmd.words[name.index].start, cmd.words[name.index].end));
      }
    }
    for (const uses of byStage.values()) {
      if (uses.curl.length === 0 || uses.wget.length === 0) continue;
      // Report the less used tool, where it is used.
      const [minor, major] = uses.wget.length <= uses.curl.length ? (['wget', 'curl'] as const) : (['curl', 'wget'] as const);
      for (const range of uses[minor]) report({ messageId: 'both', data: { command: minor, other: major }, range });
    }
  },
});
