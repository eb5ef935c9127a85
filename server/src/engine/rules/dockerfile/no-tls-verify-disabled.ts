import { defineRule } from '../../rule';
import { instructionsOf } from '../../parse/dockerfileIndex';
import { parsedRuns } from '../../parse/dockerfile';
import { removePropertyEdit } from '../../edits/dockerfile';
import { allCommands, commandName, type SimpleCommand } from '../../parse/shell';
import { findOptions, type OptionSpec } from './options';

/** Variables that switch TLS verification off for a whole runtime or tool, and the values that do it. */
const SWITCHES: Record<string, (value: string) => boolean> = {
  PYTHONHTTPSVERIFY: (v) => v === '0',
  NODE_TLS_REJECT_UNAUTHORIZED: (v) => v === '0',
  GIT_SSL_NO_VERIFY: () => true,
  NPM_CONFIG_STRICT_SSL: (v) => /^(false|0|no)$/i.test(v),
  YARN_STRICT_SSL: (v) => /^(false|0|no)$/i.test(v),
  PIP_TRUSTED_HOST: (v) => v !== '',
  CURL_INSECURE: (v) => /^(1|true|yes)$/i.test(v),
};

const switchFor = (name: string) => SWITCHES[name.toUpperCase()];

const YUM_TOOLS = new Set(['yum', 'dnf', 'microdnf', 'tdnf', 'yum-config-manager', 'dnf-config-manager']);

/** A yum/dnf invocation, or text written into a repository or yum/dnf configuration file. */
function writesRepoConfig(cmd: SimpleCommand, name: string | undefined): boolean {
  if (name && YUM_TOOLS.has(name)) return true;
  // A plain loop: this runs for every command of every RUN.
  const { words } = cmd;
  for (let i = 0; i < words.length; i++) {
    const value = words[i].value;
    if (value === '>' || value === '>>') return /\.repo$|(yum|dnf)\.conf$/.test(words[i + 1]?.value ?? '');
  }
  return false;
}

/** The arguments after the command (`name`) joined in lower case: how npm and git configuration is read. */
const joinedArguments = (cmd: SimpleCommand, name: { index: number } | undefined) =>
  cmd.words
    .slice((name?.index ?? 0) + 1)
    .map((w) => w.value.toLowerCase())
    .join(' ');
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;
const TRUSTED_HOST: OptionSpec = { commands: new Set(['pip', 'pip3', 'pipx', 'uv', 'python', 'python3']), long: ['--trusted-host'], takesValue: true };
const unquote = (v: string) => v.replace(/^(["'])(.*)\1$/, '$2');

export default defineRule({
  meta: {
    id: 'DF012',
    name: 'no-tls-verify-disabled',
    appliesTo: 'dockerfile',
    scope: 'instruction',
    title: 'TLS verification turned off for a tool or runtime',
    severity: 'error',
    threat: 'supply-chain',
    principle: 'defence-in-depth',
    rationale:
      'Switches like `PYTHONHTTPSVERIFY=0`, `NODE_TLS_REJECT_UNAUTHORIZED=0`, `GIT_SSL_NO_VERIFY`, `pip --trusted-host` or npm `strict-ssl false` make every connection of that tool accept any certificate. During the build that lets a network attacker replace packages; set in `ENV`, it stays on for the application at run time too, so its own outbound calls (payment APIs, identity providers) can be intercepted.',
    remediation:
      "Remove the switch. For a private index or registry with its own CA, install the CA certificate into the image's trust store, or point the tool at it (`PIP_CERT`, `NODE_EXTRA_CA_CERTS`, `npm config set cafile`, `git config http.sslCAInfo`).",
    references: [{ standard: 'cwe', id: 295 }],
    aliases: [
      { tool: 'checkov', id: 'CKV2_DOCKER_4' },
      { tool: 'checkov', id: 'CKV2_DOCKER_5' },
      { tool: 'checkov', id: 'CKV2_DOCKER_6' },
      { tool: 'checkov', id: 'CKV2_DOCKER_12' },
      { tool: 'checkov', id: 'CKV2_DOCKER_13' },
      { tool: 'checkov', id: 'CKV2_DOCKER_14' },
      { tool: 'checkov', id: 'CKV2_DOCKER_15' },
      { tool: 'checkov', id: 'CKV2_DOCKER_16' },
    ],
    messages: {
      variable: '{{name}} turns off TLS verification.',
      option: '{{command}} {{option}} turns off TLS verification.',
      config: '{{command}} is configured to skip TLS verification.',
    },
    fix: { applicability: 'safe', title: 'Remove the TLS switch' },
    examples: {
      bad: 'FROM python:3.12-slim\nENV PYTHONHTTPSVERIFY=0\nUSER 10001\n',
      good: 'FROM python:3.12-slim\nUSER 10001\n',
    },
    since: '0.1.0',
    related: ['DF009'],
  },
  check({ dockerfile, src, report }) {
    const declarations = instructionsOf(dockerfile, ['ENV', 'ARG']);
    for (let d = 0; d < declarations.length; d++) {
      const ins = declarations[d];
      const keyword = ins.keyword;
      if (keyword !== 'ENV' && keyword !== 'ARG') continue;
      for (const property of ins.properties) {
        const test = switchFor(property.name);
        const value = property.value;
        if (!test || value === undefined || !test(value)) continue;
        report({ messageId: 'variable', data: { name: property.name }, range: property.range, fix: [removePropertyEdit(src, ins, property)] });
      }
    }
    const runs = parsedRuns(dockerfile, src);
    for (let r = 0; r < runs.length; r++) {
      const run = runs[r];
      const commands = allCommands(run.script);
      for (let c = 0; c < commands.length; c++) {
        const cmd = commands[c];
        // `VAR=0 cmd` and `export VAR=0`: the assignment word goes, the command stays.
        const exporting = cmd.words[0]?.value === 'export';
        // Without `export`, only the assignments before the command set variables (a plain loop: this
        // runs for every command of every RUN).
        for (let i = 0; i < cmd.words.length; i++) {
          const word = cmd.words[i];
          const m = ASSIGNMENT.exec(word.value);
          if (!m && !exporting) break;
          if (!m || (exporting && i === 0) || !switchFor(m[1])?.(unquote(m[2]))) continue;
          const removable = !exporting && i + 1 < cmd.words.length;
          report({
            messageId: 'variable',
            data: { name: m[1] },
            range: run.rangeOf(word.start, word.end),
            ...(removable ? { fix: [{ range: run.rangeOf(word.start, cmd.words[i + 1].start), newText: '' }] } : {}),
          });
        }
        const name = commandName(cmd);
        if ((name?.name === 'npm' || name?.name === 'yarn' || name?.name === 'pnpm') && /^config set strict-ssl (false|0)\b/.test(joinedArguments(cmd, name))) {
          report({ messageId: 'config', data: { command: name.name }, range: run.rangeOf(cmd.words[0].start, cmd.words[cmd.words.length - 1].end) });
        } else if (name?.name === 'git' && /\bhttp\.sslverify (false|0)\b/.test(joinedArguments(cmd, name))) {
          report({ messageId: 'config', data: { command: 'git' }, range: run.rangeOf(cmd.words[0].start, cmd.words[cmd.words.length - 1].end) });
        } else if (writesRepoConfig(cmd, name?.name) && cmd.words.some((w) => /(^|\.)sslverify\s*=\s*(0|false|no)\b/i.test(w.value.replace(/^--setopt=/, '')))) {
          report({ messageId: 'config', data: { command: name?.name ?? 'yum' }, range: run.rangeOf(cmd.words[0].start, cmd.words[cmd.words.length - 1].end) });
        }
      }
    }
    for (const hit of findOptions(dockerfile, src, TRUSTED_HOST)) {
      report({ messageId: 'option', data: { command: hit.command, option: hit.option }, range: hit.range, fix: [hit.removal] });
    }
  },
});
