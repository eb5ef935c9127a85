import { defineRule } from '../../rule';
import { replace } from '../../edits/text';
import { instructionArguments } from '../../parse/dockerfile';

/** Archives ADD unpacks; replacing ADD by COPY would change what lands in the image. */
const ARCHIVE = /\.(tar|tgz|tar\.gz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tzst|gz|bz2|xz|zst)$/i;
const REMOTE = /^(https?|git|ssh):\/\/|^git@|\.git(#.*)?$/i;

export default defineRule({
  meta: {
    id: 'DF006', name: 'prefer-copy-over-add', appliesTo: 'dockerfile',
    title: 'ADD used for local files', severity: 'warning',
    threat: 'supply-chain', principle: 'attack-surface',
    rationale: '`ADD` silently unpacks archives and fetches URLs. For plain local files it does what `COPY` does, but a later change of the source (a renamed file that now ends in `.tar`) changes what lands in the image without anyone noticing. `COPY` does exactly one thing.',
    remediation: 'Use `COPY` for local files and directories. Keep `ADD` only to unpack a local archive, or to fetch a URL with `--checksum`.',
    references: [
      { standard: 'cis-docker', section: '4.9', title: 'Ensure that COPY is used instead of ADD in Dockerfiles' },
    ],
    aliases: [
      { tool: 'hadolint', id: 'DL3020' }, { tool: 'checkov', id: 'CKV_DOCKER_4' }, { tool: 'trivy', id: 'AVD-DS-0005' },
    ],
    messages: { addLocal: 'ADD copies local files here; use COPY.' },
    fix: { applicability: 'safe', title: 'Replace ADD with COPY' },
    examples: { bad: 'FROM alpine:3.20\nADD app.py /app/\nUSER 10001\n', good: 'FROM alpine:3.20\nCOPY app.py /app/\nUSER 10001\n' },
    since: '0.1.0', related: ['DF005'],
  },
  check({ dockerfile, report }) {
    for (const ins of dockerfile.instructions) {
      if (ins.keyword !== 'ADD') continue;
      const sources = instructionArguments(ins).map((a) => a.value).slice(0, -1);
      if (ins.rawArguments?.includes('<<')) continue; // heredoc bodies are not local files
      if (sources.length === 0 || sources.some((s) => ARCHIVE.test(s) || REMOTE.test(s) || s.includes('$'))) continue;
      const keyword = ins.keywordRange;
      report({ messageId: 'addLocal', range: keyword, fix: [replace(keyword, ins.name === 'ADD' ? 'COPY' : 'copy')] });
    }
  },
});
