import { defineRule } from '../../rule';
import { isMap, isScalar, type Node, type YamlDocument } from '../../parse/yaml';
import { detectSecret } from '../../policy/secrets';
import type { RelatedInfo } from '../../model';
import { oncePerNode } from './builds';
import { serviceValue } from '../../parse/compose';
import { gitIgnoreEdit } from '../../edits/files';

/** `KEY=value` lines of an env file (`export` prefix, quotes and trailing comments as Compose reads them). */
export function envFileEntries(text: string): Array<{ name: string; value: string; line: number; length: number }> {
  const out: Array<{ name: string; value: string; line: number; length: number }> = [];
  text.split(/\r?\n/).forEach((raw, line) => {
    const m = /^\s*(?:export\s+)?([A-Za-z_][\w.-]*)\s*=\s*(.*)$/.exec(raw);
    if (!m) return;
    let value = m[2];
    const quoted = /^(["'])(.*)\1\s*(#.*)?$/.exec(value);
    value = quoted ? quoted[2] : value.replace(/\s+#.*$/, '').trim();
    out.push({ name: m[1], value, line, length: raw.length });
  });
  return out;
}

/** The paths a service's `env_file:` names: a string, a list of strings, or a list of `{path, required}`. */
function envFileRefs(doc: YamlDocument, value: Node | undefined): Array<{ path: string; node: Node }> {
  const entries = isScalar(value) ? [value] : doc.items(value);
  const out: Array<{ path: string; node: Node }> = [];
  for (const entry of entries) {
    const node = isMap(entry) ? doc.get(entry, 'path') : entry;
    const path = isScalar(node) ? node.value : undefined;
    if (node && typeof path === 'string' && path && !path.includes('$')) out.push({ path, node });
  }
  return out;
}

/** Names listed per finding before "and N more". */
const SHOWN = 3;

export default defineRule({
  meta: {
    id: 'XF007',
    name: 'env-file-secret',
    appliesTo: 'compose',
    title: 'Plaintext secret in an env_file',
    severity: 'error',
    threat: 'exposed-secrets',
    principle: 'defence-in-depth',
    rationale:
      "Values in an `env_file:` end up in every container's environment, visible to `docker inspect`, crash reports, child processes and anyone who can read the file or the repository it is committed to. Credentials there are as exposed as in `environment:` itself, and worse when Git does not ignore the file: one `git add .` publishes them.",
    remediation:
      'Move each credential to a top-level `secrets:` entry mounted as a file (read it through a `*_FILE` variable), keep the env file out of version control, and rotate values that were committed.',
    references: [
      { standard: 'cwe', id: 798 },
      { standard: 'cwe', id: 312 },
    ],
    aliases: [],
    messages: {
      secrets: '{{file}} holds plaintext secrets: {{names}}.',
      tracked: '{{file}} holds plaintext secrets and Git does not ignore it: {{names}}.',
    },
    fix: { applicability: 'unsafe', title: 'Add {{file}} to .gitignore', review: 'the file stays on disk but is no longer committed; share it through a secret store' },
    examples: {
      bad: 'services:\n  db:\n    image: postgres:16\n    env_file: db.env\n',
      good: 'services:\n  db:\n    image: postgres:16\n    env_file: app.env\n',
      workspace: { 'db.env': 'POSTGRES_USER=app\nPOSTGRES_PASSWORD=changeme\n', 'app.env': 'LOG_LEVEL=info\nPOSTGRES_PASSWORD_FILE=/run/secrets/db\n' },
    },
    since: '0.2.0',
    related: ['DC005'],
  },
  check(ctx) {
    const facts = ctx.workspace;
    if (!facts) return;
    const first = oncePerNode();
    for (const service of ctx.compose.services) {
      for (const ref of envFileRefs(service.doc, serviceValue(ctx.compose, service, 'env_file'))) {
        if (!first(ref.node)) continue;
        const path = facts.resolve(ref.path);
        const range = service.doc.rangeOf(ref.node);
        if (!facts.canFollow(path, ref.path, range)) continue;
        const text = facts.read(path);
        if (text === undefined) continue;
        const found = envFileEntries(text).filter((e) => detectSecret(e.name, e.value));
        if (found.length === 0) continue;
        const names =
          found
            .slice(0, SHOWN)
            .map((e) => `${e.name} (line ${e.line + 1})`)
            .join(', ') + (found.length > SHOWN ? ` and ${found.length - SHOWN} more` : '');
        const related: RelatedInfo[] = found.map((e) => ({
          path,
          range: { start: { line: e.line, character: 0 }, end: { line: e.line, character: e.name.length } },
          message: `${e.name} is a plaintext secret`,
        }));
        // A secret file Git would commit is the worse case: say so, and offer to ignore it.
        const git = facts.gitIgnored(path);
        const tracked = git !== undefined && !git.ignored;
        const fileEdits = tracked ? [gitIgnoreEdit(git.nearest, [path])] : undefined;
        ctx.report({ messageId: tracked ? 'tracked' : 'secrets', data: { file: ref.path, names }, range, related, ...(fileEdits ? { fix: [], fileEdits } : {}) });
      }
    }
  },
});
