import { defineRule } from '../../rule';
import { parsedRuns } from '../../parse/dockerfile';
import { allCommands } from '../../parse/shell';
import { packageCommand } from '../../parse/packages';

/** Packages that only a build needs: compilers, build systems, VCS clients, debuggers. */
const BUILD_TOOLS =
  /^(build-essential|build-base|gcc|g\+\+|gcc-c\+\+|clang|make|cmake|autoconf|automake|libtool|pkg-config|pkgconf|git|golang|go|rustc|cargo|gdb|strace|binutils|musl-dev|libc6?-dev|python3?-dev|.*-devel)(=.*)?$/;

export default defineRule({
  meta: {
    id: 'DF028',
    name: 'no-build-tools-in-final-stage',
    appliesTo: 'dockerfile',
    title: 'Build tools installed in the final stage',
    severity: 'info',
    threat: 'image-misconfiguration',
    principle: 'attack-surface',
    rationale:
      'Compilers, build systems, `git` and debuggers in the image that runs let an intruder build and fetch their own tools on the spot, and every one of them is more code with its own vulnerabilities. A multi-stage build exists to leave them behind.',
    remediation: 'Install build tools in a build stage and copy only the artifacts into the final stage (`COPY --from=build /out/app /app`).',
    references: [{ standard: 'cis-docker', section: '4.3', title: 'Ensure that unnecessary packages are not installed in the container' }],
    aliases: [],
    messages: { buildTool: 'The final stage installs {{package}}, a build tool the running image does not need.' },
    examples: {
      bad: 'FROM golang:1.23 AS build\nRUN go build -o /app\nFROM debian:12\nRUN apt-get install -y --no-install-recommends gcc\nCOPY --from=build /app /app\nUSER 10001\n',
      good: 'FROM golang:1.23 AS build\nRUN go build -o /app\nFROM debian:12-slim\nCOPY --from=build /app /app\nUSER 10001\n',
    },
    since: '0.1.0',
  },
  check({ dockerfile, src, report }) {
    const final = dockerfile.finalStage;
    if (!final || dockerfile.stages.length < 2) return; // single-stage builds cannot avoid their tools this way
    const runs = parsedRuns(dockerfile, src);
    for (let r = 0; r < runs.length; r++) {
      const run = runs[r];
      if (run.stage !== final) continue;
      const commands = allCommands(run.script);
      for (let c = 0; c < commands.length; c++) {
        const cmd = commands[c];
        const p = packageCommand(cmd);
        if (!p || !['apt', 'apk', 'yum', 'zypper'].includes(p.manager) || !['install', 'add'].includes(p.action?.value ?? '')) continue;
        // `apk add --virtual .build-deps …` marks packages that the same RUN deletes again.
        if (p.options.some((o) => o.value.startsWith('--virtual') || o.value === '-t')) continue;
        for (const w of p.operands) {
          if (BUILD_TOOLS.test(w.value)) report({ messageId: 'buildTool', data: { package: w.value.replace(/=.*/, '') }, range: run.rangeOf(w.start, w.end) });
        }
      }
    }
  },
});
