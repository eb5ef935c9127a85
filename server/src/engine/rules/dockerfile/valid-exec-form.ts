import { defineRule } from '../../rule';
import { instructionsOf } from '../../parse/dockerfileIndex';
import { replace } from '../../edits/text';
import type { Instruction } from '../../parse/dockerfile';

const EXEC_FORM = new Set(['RUN', 'CMD', 'ENTRYPOINT']);

/**
 * The elements of `[a, 'b', "c"]` split at the commas outside quotes, each as the string it was meant
 * to be; undefined when one is empty (`[a,,b]`) or a quote is not closed.
 */
function intendedElements(inner: string): string[] | undefined {
  const parts: string[] = [];
  let current = '';
  let quote = '';
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i];
    if (quote) {
      if (ch === '\\' && quote === '"' && i + 1 < inner.length) current += ch + inner[++i];
      else {
        current += ch;
        if (ch === quote) quote = '';
      }
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      current += ch;
    } else if (ch === ',') {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  if (quote) return undefined;
  parts.push(current);
  const values: string[] = [];
  for (const raw of parts.map((p) => p.trim())) {
    if (raw === '') return undefined;
    if (/^"(?:[^"\\]|\\.)*"$/.test(raw)) {
      try {
        values.push(JSON.parse(raw) as string);
      } catch {
        return undefined;
      }
    } else if (/^'[^']*'$/.test(raw)) values.push(raw.slice(1, -1));
    else values.push(raw);
  }
  return values;
}

/** What the builder accepts as exec form (it parses the text as JSON, so no trailing comma either). */
function isJsonStringArray(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) && value.every((v) => typeof v === 'string');
  } catch {
    return false;
  }
}

/**
 * Whether the joined arguments can start with `[`: they start with the first argument's first character
 * unless that is the escape character. Checked first because joining a RUN's lines costs as much as the
 * RUN is long, and most RUNs are shell form.
 */
function mayOpenBracket(ins: Instruction): boolean {
  const start = ins.argumentsStart;
  const first = start === undefined ? undefined : ins.file.text[start];
  return first === '[' || first === ins.file.escapeChar;
}

export default defineRule({
  meta: {
    id: 'DF039',
    name: 'valid-exec-form',
    appliesTo: 'dockerfile',
    scope: 'instruction',
    title: 'Exec form that is not valid JSON',
    severity: 'warning',
    threat: 'image-misconfiguration',
    principle: 'defence-in-depth',
    rationale:
      "The builder reads `CMD`, `ENTRYPOINT` and `RUN` in exec form only when the brackets hold a JSON array of double-quoted strings. `CMD [python, app.py]` or `CMD ['python', 'app.py']` is silently taken as shell form: `/bin/sh -c \"[python, app.py]\"` runs, which fails at start-up (or runs something else), needs a shell in the image, and keeps the process from receiving stop signals.",
    remediation: 'Quote every element with double quotes: `CMD ["python", "app.py"]`.',
    references: [{ standard: 'url', title: 'Dockerfile reference: shell and exec form', href: 'https://docs.docker.com/reference/dockerfile/#shell-and-exec-form' }],
    aliases: [{ tool: 'buildkit', id: 'JSONArgsRecommended' }],
    messages: { invalidJson: '{{instruction}} looks like exec form but is not a JSON array of double-quoted strings, so it runs as a shell command.' },
    fix: { applicability: 'safe', title: 'Quote the elements: {{fixed}}' },
    examples: {
      bad: 'FROM python:3.12-slim\nUSER 10001\nCMD [python, app.py]\n',
      good: 'FROM python:3.12-slim\nUSER 10001\nCMD ["python", "app.py"]\n',
    },
    since: '0.3.0',
    related: ['DF023'],
  },
  check({ dockerfile, report }) {
    const commands = instructionsOf(dockerfile, ['RUN', 'CMD', 'ENTRYPOINT', 'ONBUILD']);
    for (let n = 0; n < commands.length; n++) {
      const ins = commands[n];
      const target = ins.keyword === 'ONBUILD' ? ins.trigger : ins;
      if (!target || !EXEC_FORM.has(target.keyword) || !mayOpenBracket(target)) continue;
      const text = target.argumentsText?.trim() ?? '';
      // `RUN [ -f x ] && …` is a shell test: an exec-form attempt separates its elements with commas.
      if (!/^\[.*\]$/s.test(text) || !text.includes(',') || text.includes('\n') || isJsonStringArray(text)) continue;
      const elements = intendedElements(text.slice(1, -1));
      const fixed = elements && `[${elements.map((e) => JSON.stringify(e)).join(', ')}]`;
      const range = target.argumentsRange!;
      report({ messageId: 'invalidJson', data: { instruction: target.keyword, ...(fixed ? { fixed } : {}) }, range, ...(fixed ? { fix: [replace(range, fixed)] } : {}) });
    }
  },
});
