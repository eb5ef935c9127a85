import { defineRule } from '../../rule';
import { replace } from '../../edits/text';
import { instructionArguments } from '../../parse/dockerfile';

/** Archives ADD unpacks; replacing ADD by COPY would change what lands in the image. */
const ARCHIVE = /\.(tar|tgz|tar\.gz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tzst|gz|bz2|xz|zst)$/i;
const REMOTE = /^(https?|git|ssh):\/\/|^git@|\.git(#.*)?$/i;

/** `$X` and `${X}` replaced by their defaults; undefined when one has none (or uses a modifier such as `${X:-y}`). */
function expandDefaults(value: string, defaults: Map<string, string | undefined>): string | undefined {
  let unknown = false;
  const expanded = value.replace(/\$(?:\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*))|\$\{[^}]*\}?/g, (whole, braced?: string, bare?: string) => {
    const known = defaults.get(braced ?? bare ?? '');
    if (known === undefined || known.includes('$')) unknown = true;
    return known ?? whole;
  });
  return unknown ? undefined : expanded;
}

export default defineRule({
  meta: {
    id: 'DF006',
    name: 'prefer-copy-over-add',
    appliesTo: 'dockerfile',
    title: 'ADD used for local files',
    severity: 'warning',
    threat: 'supply-chain',
    principle: 'attack-surface',
    rationale:
      '`ADD` silently unpacks archives and fetches URLs. For plain local files it does what `COPY` does, but a later change of the source (a renamed file that now ends in `.tar`) changes what lands in the image without anyone noticing. `COPY` does exactly one thing.',
    remediation: 'Use `COPY` for local files and directories. Keep `ADD` only to unpack a local archive, or to fetch a URL with `--checksum`.',
    references: [{ standard: 'cis-docker', section: '4.9', title: 'Ensure that COPY is used instead of ADD in Dockerfiles' }],
    aliases: [
      { tool: 'hadolint', id: 'DL3020' },
      { tool: 'checkov', id: 'CKV_DOCKER_4' },
      { tool: 'trivy', id: 'AVD-DS-0005' },
    ],
    messages: { addLocal: 'ADD copies local files here; use COPY.' },
    fix: { applicability: 'safe', title: 'Replace ADD with COPY' },
    examples: { bad: 'FROM alpine:3.20\nADD app.py /app/\nUSER 10001\n', good: 'FROM alpine:3.20\nCOPY app.py /app/\nUSER 10001\n' },
    since: '0.1.0',
    related: ['DF005'],
  },
  check({ dockerfile, report }) {
    // ARG and ENV defaults seen so far (the last one wins), to read `ADD $SRC /app/` as the builder would;
    // read when an ADD needs them (most files have none, and a file of ENVs would read every one).
    const defaults = new Map<string, string | undefined>();
    const { instructions } = dockerfile;
    let read = 0; // instructions whose defaults are in `defaults`
    for (let index = 0; index < instructions.length; index++) {
      const ins = instructions[index];
      if (ins.keyword !== 'ADD') continue;
      for (; read < index; read++) {
        const before = instructions[read];
        if (before.keyword === 'ARG' || before.keyword === 'ENV') for (const p of before.properties) defaults.set(p.name, p.value);
      }
      if (ins.rawArguments?.includes('<<')) continue; // heredoc bodies are not local files
      const sources = instructionArguments(ins)
        .map((a) => expandDefaults(a.value, defaults))
        .slice(0, -1);
      // A variable without a default could be a URL or an archive: what ADD does then is unknown.
      if (sources.length === 0 || sources.some((s) => s === undefined || ARCHIVE.test(s) || REMOTE.test(s))) continue;
      const keyword = ins.keywordRange;
      report({ messageId: 'addLocal', range: keyword, fix: [replace(keyword, ins.name === 'ADD' ? 'COPY' : 'copy')] });
    }
  },
});
