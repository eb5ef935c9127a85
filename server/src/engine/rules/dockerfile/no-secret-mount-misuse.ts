import { defineRule } from '../../rule';
import { parsedRuns } from '../../parse/dockerfile';
import { allCommands, commandName } from '../../parse/shell';

/** Commands that write their input somewhere: used on a secret file they persist it in the layer. */
const COPIERS = new Set(['cp', 'mv', 'install', 'rsync', 'tee', 'dd']);

export default defineRule({
  meta: {
    id: 'DF029',
    name: 'no-secret-mount-misuse',
    appliesTo: 'dockerfile',
    scope: 'instruction',
    title: 'Secret mount copied into the image',
    severity: 'warning',
    threat: 'exposed-secrets',
    principle: 'defence-in-depth',
    rationale:
      'A BuildKit secret mount keeps a credential out of the image only while it stays in the mount. Copying it (`cp /run/secrets/npmrc ~/.npmrc`) or redirecting it into a file writes it into the layer, exactly what the mount was meant to prevent.',
    remediation:
      'Use the secret where it is mounted: point the tool at it (`NPM_CONFIG_USERCONFIG=/run/secrets/npmrc`), mount it at the path the tool reads (`--mount=type=secret,id=npmrc,target=/root/.npmrc`), or pass it as an environment variable (`env=`).',
    references: [{ standard: 'cwe', id: 538 }],
    aliases: [],
    messages: { persisted: '{{command}} writes the secret mounted at {{path}} into the image layer.' },
    examples: {
      bad: 'FROM node:22\nRUN --mount=type=secret,id=npmrc cp /run/secrets/npmrc /root/.npmrc && npm ci\nUSER 10001\n',
      good: 'FROM node:22\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\nUSER 10001\n',
    },
    since: '0.1.0',
    related: ['DF003', 'DF013'],
  },
  check({ dockerfile, src, report }) {
    const runs = parsedRuns(dockerfile, src);
    for (let r = 0; r < runs.length; r++) {
      const run = runs[r];
      const paths: string[] = [];
      for (const flag of run.instruction.flags) {
        const value = flag.value ?? '';
        if (flag.name !== 'mount' || !/(^|,)type=secret(,|$)/.test(value)) continue;
        const options = Object.fromEntries(value.split(',').map((kv) => kv.split('=') as [string, string]));
        const target = options.target ?? options.dst ?? options.destination;
        if (target) paths.push(target);
        else if (options.id && !options.env) paths.push(`/run/secrets/${options.id}`);
      }
      if (paths.length === 0) continue;
      const touches = (v: string) => paths.find((p) => v === p || v.startsWith(`${p}/`));
      for (const cmd of allCommands(run.script)) {
        const name = commandName(cmd);
        if (!name) continue;
        const words = cmd.words.slice(name.index + 1);
        const secretWord = words.find((w) => touches(w.value));
        if (!secretWord) continue;
        // `cp /run/secrets/x dest`, or `cat /run/secrets/x > file` (a redirect is a word starting with >).
        const redirected = cmd.words.some((w) => /^>>?/.test(w.value));
        if (COPIERS.has(name.name) || (name.name === 'cat' && redirected)) {
          report({ messageId: 'persisted', data: { command: name.name, path: touches(secretWord.value)! }, range: run.rangeOf(cmd.words[0].start, cmd.words[cmd.words.length - 1].end) });
        }
      }
    }
  },
});
