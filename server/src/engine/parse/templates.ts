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
    // The run of expressions separated by blanks only, from `open`.
    const run: Array<[number, number]> = [];
    let after = open;
    for (;;) {
      const close = text.indexOf('}}', after + 2);
      if (close < 0) break;
      run.push([after, close + 2]);
      after = close + 2;
      while (after < text.length && isBlank(text[after])) after++;
      if (!text.startsWith('{{', after)) break;
    }
    if (run.length === 0) break;
    const alone: boolean = !lineHasContent && (after === text.length || text[after] === '\n' || text[after] === '#');
    out.push(text.slice(copied, open));
    let at = open;
    for (const [s, e] of run) {
      out.push(text.slice(at, s), text.slice(s, e).replace(/[^\n\r]/g, alone ? ' ' : TEMPLATE_MASK));
      at = e;
    }
    copied = scanned = at;
    // What follows on the run's last line comes after something that is not blank (unless it was alone).
    lineHasContent = !alone;
  }
  out.push(text.slice(copied));
  return out.join('');
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
