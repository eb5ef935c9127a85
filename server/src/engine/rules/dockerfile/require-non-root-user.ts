import { defineRule } from '../../rule';
import { replace } from '../../edits/text';
import { insertInstructions } from '../../edits/dockerfile';
import { rootStage, type Instruction, type Stage } from '../../parse/dockerfile';
import { imageFamily, type ImageFamily } from '../../policy/images';
import { defaultUser, isRootUser, userInEffect, userValue } from '../../policy/users';

/** The lines that create and switch to a non-root account, in the tools of the image's family. */
function userLines(family: ImageFamily, image: string): string[] {
  const minimal = /minimal|micro/i.test(image);
  switch (family) {
    case 'debian':
      return ['RUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid 10001 --no-create-home --shell /usr/sbin/nologin app', 'USER 10001:10001'];
    case 'rhel':
      return minimal ? ['USER 10001:10001'] : ['RUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid 10001 --no-create-home --shell /sbin/nologin app', 'USER 10001:10001'];
    case 'alpine':
      return ['RUN addgroup -S -g 10001 app && adduser -S -D -H -u 10001 -G app -s /sbin/nologin app', 'USER 10001:10001'];
    case 'distroless':
    case 'scratch':
      return ['USER 65532:65532'];
    case 'windows':
      return ['USER ContainerUser'];
    default:
      return ['USER 10001:10001'];
  }
}

/** Where a new USER goes: before the stage's first CMD/ENTRYPOINT at or after `from`, else after the stage. */
function insertionLine(stage: Stage, after?: Instruction): number {
  const start = after ? stage.instructions.indexOf(after) + 1 : 0;
  for (let i = start; i < stage.instructions.length; i++) {
    const entry = stage.instructions[i];
    if (entry.keyword === 'CMD' || entry.keyword === 'ENTRYPOINT') return entry.startLine;
  }
  const last = stage.instructions[stage.instructions.length - 1] ?? stage.from;
  return last.endLine + 1;
}

export default defineRule({
  meta: {
    id: 'DF001',
    name: 'require-non-root-user',
    appliesTo: 'dockerfile',
    title: 'Container runs as root',
    severity: 'warning',
    threat: 'container-escape',
    principle: 'least-privilege',
    rationale:
      'Without a `USER`, or with `USER root` last, every process in the container runs as UID 0. A compromised dependency then owns the container outright and is one kernel bug, writable mount or added capability away from the host: root in the container is root on the host unless user namespaces remap it. Kubernetes `runAsNonRoot` can only verify a numeric UID.',
    remediation:
      "End the final stage with `USER <uid>:<gid>` using a numeric, non-zero id (create the account with the image's own tools if the application needs a passwd entry). Switch back to root only for the build steps that need it, before the final `USER`.",
    references: [
      { standard: 'cis-docker', section: '4.1', title: 'Ensure that a user for the container has been created' },
      { standard: 'pss', level: 'restricted', control: 'Running as Non-root' },
      { standard: 'cwe', id: 250 },
    ],
    aliases: [
      { tool: 'hadolint', id: 'DL3002' },
      { tool: 'checkov', id: 'CKV_DOCKER_3' },
      { tool: 'checkov', id: 'CKV_DOCKER_8' },
      { tool: 'trivy', id: 'AVD-DS-0002' },
      { tool: 'semgrep', id: 'missing-user' },
      { tool: 'semgrep', id: 'last-user-is-root' },
    ],
    messages: {
      noUser: 'The final stage sets no USER, so the container runs as root.',
      rootUser: 'The last USER of the final stage is {{user}}, so the container runs as root.',
    },
    fix: { applicability: 'unsafe', title: 'Run as a non-root user', review: 'files the process writes at run time must be writable by that user, and ports below 1024 need a capability' },
    examples: {
      bad: 'FROM node:22-alpine\nCOPY . /app\nCMD ["node", "/app/server.js"]\n',
      good: 'FROM node:22-alpine\nCOPY . /app\nUSER 10001:10001\nCMD ["node", "/app/server.js"]\n',
    },
    since: '0.1.0',
  },
  check({ dockerfile, src, report }) {
    const stage = dockerfile.finalStage;
    if (!stage) return;
    const base = rootStage(stage).image;
    const family = imageFamily(base);
    const user = userInEffect(stage);
    if (!user) {
      if (defaultUser(base) === 'non-root') return;
      const fix = insertInstructions(dockerfile, src, insertionLine(stage), userLines(family, base));
      report({
        messageId: 'noUser',
        range: stage.from.range,
        ...(fix ? { fix } : {}),
        fixTitle: `Run as ${family === 'windows' ? 'ContainerUser' : family === 'distroless' || family === 'scratch' ? 'UID 65532' : 'UID 10001'}`,
      });
      return;
    }
    const value = userValue(user);
    if (!isRootUser(value)) return;
    const args = user.argumentsRange!;
    const nonRoot = family === 'windows' || /containeradministrator/i.test(value) ? 'ContainerUser' : family === 'distroless' || family === 'scratch' ? '65532:65532' : '10001:10001';
    // Steps after `USER root` may need root: keep it for them and switch away before the container
    // starts. With nothing run in between, the USER line itself changes.
    const owner = stage.instructions.includes(user) ? stage : undefined;
    const line = owner ? insertionLine(owner, user) : insertionLine(stage);
    const runsBetween = stage.instructions.some((i) => i.keyword === 'RUN' && i.startLine > args.start.line && i.startLine < line);
    const fix = owner && !runsBetween ? [replace(args, nonRoot)] : insertInstructions(dockerfile, src, line, [`USER ${nonRoot}`]);
    report({
      messageId: 'rootUser',
      data: { user: value },
      range: args,
      ...(fix ? { fix } : {}),
      fixTitle: `Switch to ${nonRoot} before the container starts`,
    });
  },
});
