import { defineRule } from '../../rule';
import { instructionsOf } from '../../parse/dockerfileIndex';
import { parsedRuns, runScript, ParsedRun } from '../../parse/dockerfile';
import { allCommands, parseShell } from '../../parse/shell';
import { commandSecrets } from '../../policy/commandSecrets';
import { redact } from '../../policy/secrets';

/** Instructions whose arguments run as a command line. */
const COMMAND_KEYWORDS = new Set(['CMD', 'ENTRYPOINT']);

export default defineRule({
  meta: {
    id: 'DF037',
    name: 'no-secret-in-command',
    appliesTo: 'dockerfile',
    scope: 'instruction',
    title: 'Credential passed on a command line',
    severity: 'error',
    threat: 'exposed-secrets',
    principle: 'defence-in-depth',
    rationale:
      'A password given as a command-line argument (`--requirepass x`, `--password=x`, `mysql -psecret`) or as a variable in front of a command (`PGPASSWORD=x psql`) is written in the Dockerfile, kept in the image history (`docker history` shows every RUN) or its configuration (`docker inspect` shows CMD and ENTRYPOINT), and visible to every process of the host in `ps` while it runs.',
    remediation:
      'Read the credential at run time from a file or the environment the orchestrator provides (`--requirepass "$(cat /run/secrets/redis)"`, `MYSQL_PWD` from a secret, an option file); during the build use a BuildKit secret: `RUN --mount=type=secret,id=db,env=PGPASSWORD psql …`. Rotate the value: it is in the repository history.',
    references: [
      { standard: 'cis-docker', section: '4.10', title: 'Ensure secrets are not stored in Dockerfiles' },
      { standard: 'cwe', id: 214 },
      { standard: 'cwe', id: 798 },
    ],
    aliases: [],
    messages: {
      secret: '{{flag}} passes a credential on the command line ({{redacted}}): it is kept in the image and shown by ps.',
      weak: '{{flag}} passes a well-known weak password on the command line ({{redacted}}).',
    },
    examples: {
      bad: 'FROM redis:7.4\nUSER 10001\nCMD ["redis-server", "--requirepass", "s3cr3t-Pa55w0rd"]\n',
      good: 'FROM redis:7.4\nUSER 10001\nCMD ["sh", "-c", "exec redis-server --requirepass \\"$(cat /run/secrets/redis)\\""]\n',
    },
    since: '0.3.0',
    related: ['DF020', 'DF003'],
  },
  check({ dockerfile, src, report }) {
    const runs = [...parsedRuns(dockerfile, src)];
    for (const ins of instructionsOf(dockerfile, ['CMD', 'ENTRYPOINT', 'ONBUILD'])) {
      const target = ins.keyword === 'ONBUILD' ? ins.trigger : ins;
      if (!target || !COMMAND_KEYWORDS.has(target.keyword)) continue;
      const script = runScript(target, src, dockerfile.escapeChar);
      if (script) runs.push(new ParsedRun(target, dockerfile.stageOf.get(ins), parseShell(script.text), src, script.offsets));
    }
    for (let r = 0; r < runs.length; r++) {
      const run = runs[r];
      const commands = allCommands(run.script);
      for (let c = 0; c < commands.length; c++) {
        const cmd = commands[c];
        const secrets = commandSecrets(cmd.words);
        for (let k = 0; k < secrets.length; k++) {
          const found = secrets[k];
          // A known token format is DF020's, which reads every line.
          if (found.reason === 'format') continue;
          report({ messageId: found.weak ? 'weak' : 'secret', data: { flag: found.flag, redacted: redact(found.value) }, range: run.rangeOf(found.start, found.end) });
        }
      }
    }
  },
});
