import { defineRule } from '../../rule';
import { buildContextOf, isGlob } from './context';
import { baseName } from '../../detect';

export default defineRule({
  meta: {
    id: 'XF001',
    name: 'copy-ignored-file',
    appliesTo: 'dockerfile',
    title: 'COPY source excluded by .dockerignore',
    severity: 'warning',
    threat: 'build-compromise',
    principle: 'defence-in-depth',
    rationale:
      'A path `.dockerignore` excludes never reaches the builder: `COPY` of it fails the build, or with a wildcard silently copies nothing, and people then "fix" it by deleting the ignore entry that kept secrets out of the context.',
    remediation:
      "Copy a path the context keeps, or narrow the `.dockerignore` entry (an exception line `!path` re-includes one file) after checking it holds no credentials. The rule assumes the build context is the Dockerfile's directory, as with `docker build .`.",
    references: [{ standard: 'cis-docker', section: '4.10', title: 'Ensure secrets are not stored in Dockerfiles' }],
    aliases: [{ tool: 'buildkit', id: 'CopyIgnoredFile' }],
    messages: { ignored: '`{{source}}` is excluded by {{ignoreFile}}, so {{keyword}} fails or copies nothing.' },
    examples: {
      bad: 'FROM alpine:3.20\nCOPY config/app.yaml /etc/app/\n',
      good: 'FROM alpine:3.20\nCOPY src/ /app/\n',
      workspace: { '.dockerignore': 'config/\n' },
    },
    since: '0.2.0',
    related: ['XF002'],
  },
  check(ctx) {
    const context = buildContextOf(ctx);
    if (!context?.ignore.text) return;
    const ignoreFile = baseName(context.ignore.path);
    for (const source of context.sources) {
      // A wildcard may still match kept files; only literal paths are certain.
      if (source.path === '' || isGlob(source.path) || !context.ignore.ignores(source.path)) continue;
      ctx.report({ messageId: 'ignored', data: { source: source.value, ignoreFile, keyword: source.instruction.keyword }, range: source.range });
    }
  },
});
