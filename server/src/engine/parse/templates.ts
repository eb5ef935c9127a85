// Helm/Go template expressions (`{{ … }}`) hidden from the YAML parser, offsets kept.

/** Same-length stand-in for `{{ … }}` so offsets stay true; never a valid value of any rule. */
export const TEMPLATE_MASK = '\u2060';

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
 * Replaces Go-template expressions (`{{` up to the first `}}`) with same-length masks. A line holding
 * only expressions (`{{ if }}`, `{{ end }}`, `{{- include ... }}`, `{{ with .x -}}{{ toYaml . }}{{ end }}`),
 * optionally followed by a `# comment`, becomes blank so it cannot break the YAML structure. One pass:
 * whether a line holds anything else before an expression is carried along rather than rescanned, and
 * an unclosed `{{` ends the search (no later one can close either).
 */
export function maskTemplates(text: string): string {
  const out: string[] = [];
  let copied = 0;
  // True when the current line holds something other than blanks and expressions before the scan position.
  let lineHasContent = false;
  let scanned = 0;
  for (let open = text.indexOf('{{'); open >= 0; open = text.indexOf('{{', copied)) {
    for (; scanned < open; scanned++) {
      const ch = text[scanned];
      if (ch === '\n') lineHasContent = false;
      else if (!isBlank(ch)) lineHasContent = true;
    }
    // The run of expressions separated by blanks only, from `open`, to `end`; `after` is past its trailing blanks.
    const end = runEnd(text, open);
    if (end < 0) break;
    let after = end;
    while (after < text.length && isBlank(text[after])) after++;
    const alone: boolean = !lineHasContent && (after === text.length || text[after] === '\n' || text[after] === '#');
    out.push(text.slice(copied, open), maskRun(text, open, end, alone ? ' ' : TEMPLATE_MASK));
    copied = scanned = end;
    // What follows on the run's last line comes after something that is not blank (unless it was alone).
    lineHasContent = !alone;
  }
  out.push(text.slice(copied));
  return out.join('');
}

/** The end of the run of expressions starting at `open` and separated by blanks only; -1 when its first `{{` is not closed. */
function runEnd(text: string, open: number): number {
  let end = -1;
  for (let at = open; text.startsWith('{{', at);) {
    const close = text.indexOf('}}', at + 2);
    if (close < 0) break;
    end = at = close + 2;
    while (at < text.length && isBlank(text[at])) at++;
  }
  return end;
}

/**
 * The run of expressions in text[from, to) with every character inside an expression but line breaks
 * replaced by `fill`, the blanks between expressions kept: one string per run, built without a regular
 * expression or a string per character (a line of 160,000 `{{a}}` took 2.5× the time of 80,000).
 */
function maskRun(text: string, from: number, to: number, fill: string): string {
  let masked = '';
  for (let at = from; at < to;) {
    const close = text.indexOf('}}', at + 2) + 2;
    masked += maskedExpression(text, at, close, fill);
    // The blanks up to the next expression, as written.
    let next = close;
    while (next < to && !text.startsWith('{{', next)) next++;
    masked += text.slice(close, next);
    at = next;
  }
  return masked;
}

/** text[start, end) with `fill` for every character but line breaks. */
function maskedExpression(text: string, start: number, end: number, fill: string): string {
  let lineBreaks = false;
  for (let i = start; i < end && !lineBreaks; i++) lineBreaks = text[i] === '\n' || text[i] === '\r';
  if (!lineBreaks) return filled(fill, end - start);
  let masked = '';
  for (let i = start; i < end; i++) masked += text[i] === '\n' || text[i] === '\r' ? text[i] : fill;
  return masked;
}

/** Short fills by fill and length: most expressions are a few words long. */
const FILLS = new Map<string, string[]>();

function filled(fill: string, length: number): string {
  if (length >= 256) return fill.repeat(length);
  let byLength = FILLS.get(fill);
  if (!byLength) FILLS.set(fill, (byLength = []));
  return (byLength[length] ??= fill.repeat(length));
}

/** Places compared before a masked value is called ambiguous (bounds the work on hostile input). */
const MAX_COMPARED = 100;

/** The last text masked for `readable`: findings of one file ask about the same text. */
let lastMasked: { text: string; masked: string } | undefined;

/**
 * A value read from the masked copy of `text`, as the user wrote it: where it holds masks, the text
 * under them (`{{ .Values.secretName }}`), found where the masked copy holds the value; `{{ … }}` when
 * places that read differently mask alike.
 */
export function readable(text: string, value: string): string {
  if (!value.includes(TEMPLATE_MASK)) return value;
  if (lastMasked?.text !== text) lastMasked = { text, masked: maskTemplates(text) };
  const { masked } = lastMasked;
  const at = masked.indexOf(value);
  const original = at < 0 ? undefined : text.slice(at, at + value.length);
  // Two places that mask alike but read differently: which one the value came from is not known.
  let next = at;
  for (let seen = 0; original !== undefined && (next = masked.indexOf(value, next + 1)) >= 0; seen++) {
    if (seen === MAX_COMPARED || text.slice(next, next + value.length) !== original) return value.replace(/\u2060+/g, '{{ … }}');
  }
  return original ?? value.replace(/\u2060+/g, '{{ … }}');
}
