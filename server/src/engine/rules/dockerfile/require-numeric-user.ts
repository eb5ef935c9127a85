import { defineRule } from '../../rule';
import { replace } from '../../edits/text';
import { parsedRuns } from '../../parse/dockerfile';
import { allCommands, commandName } from '../../parse/shell';

const USER_TOOLS = new Set(['useradd', 'adduser']);

export default defineRule({
  meta: {
    id: 'DF024',
    name: 'require-numeric-user',
    appliesTo: 'dockerfile',
    title: 'USER names an account instead of a numeric UID',
    severity: 'info',
    threat: 'image-misconfiguration',
    principle: 'least-privilege',
    rationale:
      "Kubernetes can only enforce `runAsNonRoot: true` when the image's user is numeric: with `USER app` the kubelet cannot tell whether `app` is UID 0 and refuses to start the pod (or the check is skipped by tools that trust names). A numeric `USER 10001` can be verified everywhere.",
    remediation: 'Use the numeric UID (and GID) the account was created with: `USER 10001:10001`.',
    references: [{ standard: 'pss', level: 'restricted', control: 'Running as Non-root' }],
    aliases: [{ tool: 'hadolint', id: 'DL3066' }],
    messages: { named: 'USER {{user}} is a name; Kubernetes runAsNonRoot cannot verify it.' },
    fix: { applicability: 'safe', title: 'Use UID {{uid}}' },
    examples: {
      bad: 'FROM alpine:3.20\nRUN adduser -D -u 10001 app\nUSER app\n',
      good: 'FROM alpine:3.20\nRUN adduser -D -u 10001 app\nUSER 10001\n',
    },
    since: '0.1.0',
    related: ['DF001', 'K8S003'],
  },
  check({ dockerfile, src, report }) {
    const stage = dockerfile.finalStage;
    const user = stage?.users[stage.users.length - 1];
    const value = user?.argumentsText?.trim() ?? '';
    const name = value.split(':')[0];
    if (!user || !name || /^\d+$/.test(name) || name.includes('$') || /^(root|containeradministrator|containeruser)$/i.test(name)) return;
    // The UID the file itself gives that account (`useradd -u 10001 app`, `adduser -u 10001 app`).
    let uid: string | undefined;
    for (const run of parsedRuns(dockerfile, src)) {
      for (const cmd of allCommands(run.script)) {
        const tool = commandName(cmd);
        if (!tool || !USER_TOOLS.has(tool.name)) continue;
        const words = cmd.words.slice(tool.index + 1).map((w) => w.value);
        if (words[words.length - 1] !== name) continue;
        const i = words.findIndex((w) => w === '-u' || w === '--uid');
        const inline = words.find((w) => w.startsWith('--uid='));
        uid = i >= 0 ? words[i + 1] : inline?.slice(6);
      }
    }
    const range = user.argumentsRange!;
    const fixable = uid !== undefined && /^\d+$/.test(uid) && !value.includes(':');
    report({ messageId: 'named', data: { user: value, ...(fixable ? { uid: uid! } : {}) }, range, ...(fixable ? { fix: [replace(range, uid!)] } : {}) });
  },
});
