// Plain text placed into generated Markdown (rule pages, hovers, the README table). Messages and fix
// titles hold placeholders like `<user>` and quote file content; a renderer takes `<user>` for an HTML
// tag and hides it, and `*`, `_`, `[` … for formatting. Backtick code spans in the text are kept as
// code: inside them every character is already literal.

/** A code span `` `…` `` on one line; anything else with a backtick is an unpaired backtick. */
const CODE_SPAN = /`[^`\n]+`/g;
/** Characters a renderer may act on; `_` between letters or digits (NET_RAW) starts no emphasis, so it stays. */
const SPECIAL = /[\\`*{}[\]<>|&~#!]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g;

/** `text` escaped so that a Markdown renderer shows it as written; its code spans stay code. */
export function escapeMarkdown(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(CODE_SPAN)) {
    out += escapeOutsideCode(text.slice(last, m.index)) + m[0];
    last = m.index + m[0].length;
  }
  return out + escapeOutsideCode(text.slice(last));
}

function escapeOutsideCode(text: string): string {
  // A leading "-", "+", "=" or "1." would make a line a list item or a heading underline.
  return text.replace(SPECIAL, (c) => `\\${c}`).replace(/^([-+=]|\d+\.)/gm, (s) => s.replace(/[-+=.]$/, '\\$&'));
}

/** A GitHub table cell: a `|` ends the cell even inside a code span, and a newline ends the row. */
export function tableCell(markdown: string): string {
  return markdown.replace(/(?<!\\)\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

/**
 * Markdown written by rule authors (rationale, remediation) as plain text, for clients that render
 * plaintext: links keep their text, code spans and emphasis lose their markers.
 */
export function markdownToPlain(markdown: string): string {
  return markdown
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`([^`\n]+)`/g, '$1')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/(^|\s)\*([^*\s][^*]*)\*/g, '$1$2')
    .replace(/\\([\\`*_{}[\]<>|&~#!.+=-])/g, '$1');
}

/** The first sentence of a paragraph of prose: up to a period before a capital or the end, not an "e.g.". */
export function firstSentence(text: string): string {
  const paragraph = text
    .split(/\n\s*\n/)[0]
    .replace(/\s*\n\s*/g, ' ')
    .trim();
  const end = /(?<!\b(?:e\.g|i\.e))[.!?](?=\s+[A-Z`*("]|$)/.exec(paragraph);
  return end ? paragraph.slice(0, end.index + 1) : paragraph;
}
