import { defineRule } from '../../rule';
import { instructionsOf } from '../../parse/dockerfileIndex';
import { findToken, nextTokenCandidate, redact } from '../../policy/secrets';

export default defineRule({
  meta: {
    id: 'DF020',
    name: 'no-secret-literal',
    appliesTo: 'dockerfile',
    title: 'Credential written in the Dockerfile',
    severity: 'error',
    threat: 'exposed-secrets',
    principle: 'defence-in-depth',
    rationale:
      'A token, private key or `user:password@` URL written anywhere in a Dockerfile (a RUN command, a label, a heredoc that becomes a file) is in the repository history and in the image layers or metadata. Anyone with read access to either can use it until it is rotated.',
    remediation: 'Remove the value, rotate the credential (it is compromised), and pass it at build time as a BuildKit secret (`RUN --mount=type=secret,id=…`) or at run time from the orchestrator.',
    references: [
      { standard: 'cis-docker', section: '4.10', title: 'Ensure secrets are not stored in Dockerfiles' },
      { standard: 'cwe', id: 798 },
    ],
    aliases: [],
    messages: { literal: 'This line holds a {{format}} ({{redacted}}); it is readable by anyone with the Dockerfile or the image.' },
    examples: {
      bad: 'FROM alpine:3.20\nRUN git clone https://deploy:s3cr3t-Pa55@git.example.com/acme/app.git\nUSER 10001\n',
      good: 'FROM alpine:3.20\nRUN --mount=type=secret,id=gh,env=GH_TOKEN git clone "https://x-access-token:${GH_TOKEN}@github.com/acme/app.git"\nUSER 10001\n',
    },
    since: '0.1.0',
    related: ['DF003', 'DC005'],
  },
  check({ dockerfile, src, report }) {
    // ARG/ENV values are DF003's; everything else (RUN, LABEL, heredoc bodies, comments) is scanned here.
    const skip = new Uint8Array(src.lineCount);
    for (const ins of instructionsOf(dockerfile, ['ARG', 'ENV'])) {
      if (ins.keyword !== 'ARG' && ins.keyword !== 'ENV') continue;
      skip.fill(1, ins.startLine, ins.endLine + 1);
    }
    // Only the lines where a token may start are read (one search over the file finds them).
    for (let at = nextTokenCandidate(src.text, 0); at !== -1;) {
      const line = src.lineAt(at);
      const token = skip[line] ? undefined : findToken(src.lineText(line));
      if (token) {
        report({
          messageId: 'literal',
          data: { format: token.format, redacted: redact(token.text) },
          range: { start: { line, character: token.index }, end: { line, character: token.index + token.text.length } },
        });
      }
      if (line + 1 >= src.lineCount) break;
      at = nextTokenCandidate(src.text, src.offsetAt({ line: line + 1, character: 0 }));
    }
  },
});
