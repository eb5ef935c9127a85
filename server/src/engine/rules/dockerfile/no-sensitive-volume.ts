import { defineRule } from '../../rule';
import { instructionsOf } from '../../parse/dockerfileIndex';
import { instructionArguments } from '../../parse/dockerfile';
import { isRuntimeSocket } from '../../policy/hostPaths';

/** System directories a WORKDIR must not live under: files written there reach kernel or boot interfaces. */
const SYSTEM_WORKDIR = /^\/(proc|boot|dev|sys|initrd|lost\+found)(\/|$)/;

export default defineRule({
  meta: {
    id: 'DF016',
    name: 'no-sensitive-volume',
    appliesTo: 'dockerfile',
    scope: 'instruction',
    title: 'VOLUME or WORKDIR on a system path',
    severity: 'warning',
    threat: 'container-escape',
    principle: 'least-privilege',
    rationale:
      "A `VOLUME` declared on the Docker socket, `/dev`, `/proc` or `/sys` invites whoever runs the image to bind the host's own into it, which hands the container the host. A `WORKDIR` under `/proc`, `/sys`, `/dev` or `/boot` makes the application write into kernel and device interfaces.",
    remediation: 'Declare volumes only for application data (`/data`, `/var/lib/app`), and use an application directory such as `/app` as WORKDIR.',
    references: [
      { standard: 'cis-docker', section: '5.5', title: 'Ensure sensitive host system directories are not mounted on containers' },
      { standard: 'cwe', id: 668 },
    ],
    aliases: [
      { tool: 'trivy', id: 'AVD-DS-0030' },
      { tool: 'semgrep', id: 'dockerfile-dockerd-socket-mount' },
    ],
    messages: {
      volume: 'VOLUME {{path}} invites mounting a host system path into the container.',
      workdir: 'WORKDIR {{path}} is a kernel or device directory.',
    },
    examples: { bad: 'FROM debian:12\nVOLUME /var/run/docker.sock\nUSER 10001\n', good: 'FROM debian:12\nVOLUME /data\nUSER 10001\n' },
    since: '0.1.0',
    related: ['DC002', 'K8S005'],
  },
  check({ dockerfile, report }) {
    for (const ins of instructionsOf(dockerfile, ['VOLUME', 'WORKDIR'])) {
      const keyword = ins.keyword;
      if (keyword === 'VOLUME') {
        for (const { value: path, range } of instructionArguments(ins)) {
          if (isRuntimeSocket(path) || /^\/(dev|proc|sys)(\/|$)/.test(path) || path === '/') report({ messageId: 'volume', data: { path }, range });
        }
      } else if (keyword === 'WORKDIR') {
        const path = ins.argumentsText?.trim() ?? '';
        if (SYSTEM_WORKDIR.test(path)) report({ messageId: 'workdir', data: { path }, range: ins.argumentsRange! });
      }
    }
  },
});
