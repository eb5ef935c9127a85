// Base64 decoding without Node's Buffer: the engine compiles against ECMAScript alone (its tsconfig has
// no Node types), and runs wherever JavaScript does.

/**
 * A Web-platform global that every runtime the engine runs in has (Node, browsers, workers). ECMAScript's
 * lib does not declare it, so it is declared here, only as far as this module uses it.
 */
declare const TextDecoder: new () => { decode(bytes: Uint8Array): string };

/** Each character's 6-bit value: the standard alphabet, and the URL-safe `-` and `_` (Node reads both). */
const SEXTETS = new Map<string, number>([...[...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].map((c, i): [string, number] => [c, i]), ['-', 62], ['_', 63]]);

/**
 * The UTF-8 text a base64 string encodes (malformed UTF-8 becomes U+FFFD), as Node's
 * `Buffer.from(text, 'base64').toString('utf8')` reads it: decoding stops at the first `=`, a trailing
 * group too short for a byte is dropped, and characters outside the alphabet are skipped.
 */
export function decodeBase64Text(text: string): string {
  const bytes: number[] = [];
  let bits = 0;
  let buffered = 0;
  for (const char of text) {
    if (char === '=') break;
    const value = SEXTETS.get(char);
    if (value === undefined) continue;
    buffered = ((buffered << 6) | value) & 0xffffff; // at most 14 bits are ever pending
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffered >> bits) & 0xff);
    }
  }
  return new TextDecoder().decode(Uint8Array.from(bytes));
}
