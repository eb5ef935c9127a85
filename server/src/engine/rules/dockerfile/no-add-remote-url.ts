import { defineRule } from '../../rule';
import { instructionsOf } from '../../parse/dockerfileIndex';
import { instructionArguments } from '../../parse/dockerfile';

const URL_ARG = /^(https?):\/\//i;
const GIT_ARG = /^(git@|git:\/\/|https?:\/\/[^?#]*\.git([?#].*)?$|ssh:\/\/)/i;
/** A git source pinned to a full commit id (`#<sha>`, `?ref=<sha>`, `?checksum=<sha>`) cannot change under you. */
const GIT_PINNED = /#[0-9a-f]{40}(:|$)|[?&](ref|commit|checksum)=[0-9a-f]{40}([&#]|$)/i;

export default defineRule({
  meta: {
    id: 'DF005',
    name: 'no-add-remote-url',
    appliesTo: 'dockerfile',
    scope: 'instruction',
    title: 'ADD downloads a file without verifying it',
    severity: 'warning',
    threat: 'supply-chain',
    principle: 'defence-in-depth',
    rationale:
      '`ADD <url>` copies whatever the server returns into the image, with no integrity check: a compromised or replaced download ships in your image. Over plain `http://` anyone on the network path can substitute it.',
    remediation:
      'Pin the content: `ADD --checksum=sha256:<digest> https://…` (Dockerfile 1.6+), or download in a `RUN` and verify the checksum or signature before use. Pin git sources to a full commit id (`ADD https://github.com/org/repo.git#<40-char sha> /src`).',
    references: [
      { standard: 'cis-docker', section: '4.9', title: 'Ensure that COPY is used instead of ADD in Dockerfiles' },
      { standard: 'cwe', id: 494 },
    ],
    aliases: [
      { tool: 'checkov', id: 'CKV_DOCKER_4' },
      { tool: 'trivy', id: 'AVD-DS-0005' },
    ],
    messages: {
      unverifiedUrl: 'ADD downloads {{url}} without a checksum.',
      plainHttp: 'ADD downloads {{url}} over plain HTTP without a checksum.',
      unpinnedGit: 'ADD clones {{url}} without pinning a commit.',
    },
    fix: { applicability: 'display-only', title: 'Add --checksum=sha256:<digest> to ADD' },
    examples: {
      bad: 'FROM alpine:3.20\nADD https://example.com/tool.tar.gz /opt/\nUSER 10001\n',
      good: 'FROM alpine:3.20\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/tool.tar.gz /opt/\nUSER 10001\n',
    },
    since: '0.1.0',
    related: ['DF006'],
  },
  check({ dockerfile, report }) {
    for (const ins of instructionsOf(dockerfile, ['ADD'])) {
      if (ins.keyword !== 'ADD') continue;
      const checksum = ins.flags.some((f) => f.name === 'checksum' && !!f.value);
      for (const { value: url, range } of instructionArguments(ins).slice(0, -1)) {
        if (GIT_ARG.test(url)) {
          // For a git source, --checksum is the commit the checkout must resolve to.
          if (!checksum && !GIT_PINNED.test(url)) report({ messageId: 'unpinnedGit', data: { url }, range, fix: [] });
        } else if (URL_ARG.test(url) && !checksum) {
          report({ messageId: url.toLowerCase().startsWith('http:') ? 'plainHttp' : 'unverifiedUrl', data: { url }, range, fix: [] });
        }
      }
    }
  },
});
