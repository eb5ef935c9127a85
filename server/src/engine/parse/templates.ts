// Helm/Go template expressions (`{{ … }}`) hidden from the YAML parser, offsets kept.

/** Same-length stand-in for `{{ … }}` so offsets stay true; never a valid value of any rule. */
const TEMPLATE_MASK = '\u2060';

export function hasTemplates(text: string): boolean {
  return text.includes('{{');
}

/** Whitespace other than a line feed, as String.prototype.trim sees it. */
function isBlank(ch: string): boolean {
  const code = ch.charCodeAt(0);
  if (code < 128) return code === 32 || (code >= 9 && code <= 13 && code !== 10);
  return /\s/.test(ch);
}

/**
 * Replaces Go-template expressions (`{{` up to the first `}}`) with same-length masks. An expression
 * alone on its line(s) ({{ if }}, {{ end }}, {{- include ... }}) becomes blank so it cannot break the
 * YAML structure. One pass: whether a line holds anything else before an expression is carried along
 * rather than rescanned, and an unclosed `{{` ends the search (no later one can close either).
 */
export function maskTemplates(text: string): string {
  const out: string[] = [];
  let copied = 0;
  // True when the current line holds something other than blanks before `copied` (or before the scan position).
  let lineHasContent = false;
  let scanned = 0;
  for (let open = text.indexOf('{{'); open >= 0; open = text.indexOf('{{', copied)) {
    const close = text.indexOf('}}', open + 2);
    if (close < 0) break;
    const end = close + 2;
    for (; scanned < open; scanned++) {
      const ch = text[scanned];
      if (ch === '\n') lineHasContent = false;
      else if (!isBlank(ch)) lineHasContent = true;
    }
    let after = end;
    while (after < text.length && isBlank(text[after])) after++;
    const alone = !lineHasContent && (after === text.length || text[after] === '\n');
    out.push(text.slice(copied, open), text.slice(open, end).replace(/[^\n\r]/g, alone ? ' ' : TEMPLATE_MASK));
    copied = scanned = end;
    // What follows on the expression's last line comes after something that is not blank.
    lineHasContent = true;
  }
  out.push(text.slice(copied));
  return out.join('');
}
