import { defineRule } from '../../rule';
import { buildContextOf } from './context';
import { baseName } from '../../detect';
import type { InvalidIgnoreLine, InvalidReason } from '../../parse/dockerIgnore';

const WHY: Record<InvalidReason, string> = {
  syntax: 'not a pattern Go can read',
  backwardRange: 'a range that runs backwards',
  loneExclamation: 'a `!` with no pattern',
  tooLong: 'longer than the 64 KiB BuildKit reads in a line',
};
/** Lines named per finding before "and N more", and characters shown of each. */
const SHOWN = 3;
const SHOWN_CHARS = 40;

function describe({ line, text, reason }: InvalidIgnoreLine): string {
  const shown = text.length > SHOWN_CHARS ? `${text.slice(0, SHOWN_CHARS)}…` : text;
  return `line ${line} \`${shown}\` (${WHY[reason]})`;
}

export default defineRule({
  meta: {
    id: 'XF011',
    name: 'invalid-dockerignore-pattern',
    appliesTo: 'dockerfile',
    title: 'Invalid .dockerignore pattern',
    severity: 'error',
    threat: 'exposed-secrets',
    principle: 'defence-in-depth',
    rationale:
      'BuildKit stops the build on a `.dockerignore` line it cannot read as a pattern: an unclosed `[`, a backward range such as `[z-a]`, a trailing `\\`, a lone `!`, a line over 64 KiB. What the line was meant to keep out of the build context is then unknown, so Bulkhead counts it as excluding nothing when XF001 and XF002 judge the context; and the quick way to get the build going again, deleting lines until it passes, can drop the entries that kept credentials out.',
    remediation:
      'Correct the line: close the `[` class, write ranges low to high (`[a-z]`), escape a literal `[`, `*`, `?` or `\\` with `\\`, or give the `!` a pattern. Then check that the file still excludes what it did.',
    references: [],
    aliases: [],
    messages: { invalid: '{{ignoreFile}} has lines BuildKit rejects, so the build fails when it reads the context: {{lines}}.' },
    examples: {
      bad: 'FROM alpine:3.20\nCOPY . /app/\n',
      good: 'FROM alpine:3.20\nCOPY --from=ghcr.io/example/app:1.0 /app /app/\n',
      workspace: { '.dockerignore': '.env\n[z-a].log\n' },
    },
    since: '0.2.0',
    related: ['XF001', 'XF002'],
  },
  check(ctx) {
    const context = buildContextOf(ctx);
    const invalid = context?.ignore.invalid ?? [];
    // Reported where the build first reads the context: a build that never does is not stopped.
    if (!context || invalid.length === 0 || context.sources.length === 0) return;
    const lines = invalid.slice(0, SHOWN).map(describe).join(', ') + (invalid.length > SHOWN ? ` and ${invalid.length - SHOWN} more` : '');
    ctx.report({ messageId: 'invalid', data: { ignoreFile: baseName(context.ignore.path), lines }, range: context.sources[0].range });
  },
});
