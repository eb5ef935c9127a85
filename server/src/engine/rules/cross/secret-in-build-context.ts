import { defineRule } from '../../rule';
import { appendToFile } from '../../edits/files';
import { buildContextOf, copiesFile, type CopySource } from './context';

/** Files and directories that hold credentials. Templates (`.env.example`) and public keys are not. */
const CREDENTIAL_FILE = [
  /(^|\/)\.env(\.(?!example$|sample$|template$|dist$|defaults$)[^/]+)?$/,
  /(^|\/)id_(rsa|dsa|ecdsa|ed25519)$/,
  /\.(pem|key|p12|pfx|jks|keystore)$/,
  /(^|\/)\.(npmrc|pypirc|netrc|git-credentials|pgpass)$/,
  /(^|\/)(kubeconfig|\.kube\/config)$/,
  /\.tfstate(\.backup)?$/,
  /(^|\/)\.docker\/config\.json$/,
];
/** Directories whose every file counts: cloud and SSH credentials, and Git history (old secrets live on in it). */
const CREDENTIAL_DIR = /^(?:.*\/)?(\.aws|\.ssh|\.gnupg|\.git)(?=\/)/;
/** Paths listed per finding before "and N more". */
const SHOWN = 4;

/** The entry to add to `.dockerignore` for a credential path: its directory for the directory kinds. */
function ignoreEntry(file: string): string | undefined {
  const dir = CREDENTIAL_DIR.exec(file);
  if (dir) return dir[0];
  return CREDENTIAL_FILE.some((re) => re.test(file)) ? file : undefined;
}

export default defineRule({
  meta: {
    id: 'XF002',
    name: 'secret-in-build-context',
    appliesTo: 'dockerfile',
    title: 'Credentials copied from the build context',
    severity: 'error',
    threat: 'exposed-secrets',
    principle: 'defence-in-depth',
    rationale:
      'Files such as `.env`, private keys, `.npmrc`, cloud credentials, kubeconfigs, Terraform state and `.git/` that `.dockerignore` does not exclude are sent to the builder, and a `COPY . .` (or a copy of their directory) bakes them into a layer that anyone who can pull the image can read, even if a later step deletes them.',
    remediation:
      "List them in `.dockerignore` (the fix appends them, creating the file when needed), and pass build-time credentials with `RUN --mount=type=secret` instead. Rotate any credential that was already pushed in an image. The rule assumes the build context is the Dockerfile's directory.",
    references: [
      { standard: 'cis-docker', section: '4.10', title: 'Ensure secrets are not stored in Dockerfiles' },
      { standard: 'cwe', id: 538 },
    ],
    aliases: [{ tool: 'trivy', id: 'AVD-DS-0031' }],
    messages: { copied: '{{keyword}} copies credential files into the image: {{files}}. Exclude them in .dockerignore.' },
    fix: { applicability: 'unsafe', title: 'Add {{count}} path(s) to .dockerignore', review: 'the build can no longer copy these files; pass what it needs as a BuildKit secret' },
    examples: {
      bad: 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\n',
      good: 'FROM node:22-alpine\nWORKDIR /app\nCOPY src/ ./src/\n',
      workspace: { '.env': 'API_KEY=abc\n', 'src/index.js': 'console.log(1)\n' },
    },
    since: '0.2.0',
    related: ['XF001', 'DF013'],
  },
  check(ctx) {
    const context = buildContextOf(ctx);
    const files = context?.facts.listFiles(context.dir);
    if (!context || !files) return;
    const exposed = files.filter((f) => ignoreEntry(f) !== undefined && !context.ignore.ignores(f));
    if (exposed.length === 0) return;
    const byInstruction = new Map<CopySource['instruction'], Set<string>>();
    for (const source of context.sources) {
      const copied = exposed.filter((f) => copiesFile(source.path, f));
      if (copied.length === 0) continue;
      const set = byInstruction.get(source.instruction) ?? new Set<string>();
      for (const f of copied) set.add(ignoreEntry(f)!);
      byInstruction.set(source.instruction, set);
    }
    for (const [instruction, entries] of byInstruction) {
      const list = [...entries].sort();
      const files = list.slice(0, SHOWN).join(', ') + (list.length > SHOWN ? ` and ${list.length - SHOWN} more` : '');
      ctx.report({
        messageId: 'copied',
        data: { keyword: instruction.keyword, files, count: list.length },
        range: instruction.range,
        fix: [],
        fileEdits: [appendToFile(context.ignore.path, context.ignore.text, ['# Credentials kept out of the build context', ...list.map((e) => `/${e}`)])],
      });
    }
  },
});
