// Text bound for a terminal carries file names and messages that quote files: a terminal acts on control
// characters instead of printing them (ESC sequences retitle the window or rewrite earlier lines, a newline
// forges a finding) and bidi controls reorder what is shown. They are printed as escapes instead.

/** C0 (newlines, ESC), DEL, C1, and the bidi embeddings/overrides (U+202A–202E) and isolates (U+2066–2069). */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** `s` with every control character written as `\xNN` (Latin-1 range) or `\uNNNN`. */
export function escapeControlChars(s: string): string {
  return s.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
