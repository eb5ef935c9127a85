// COPY/ADD source patterns as the builder matches them: Go's filepath.Match, one path segment at a
// time. `*` is any run of characters, `?` one character, `[…]` a class (`^` negates, `a-z` ranges),
// `\` escapes the next character. Matched by walking the pattern, never by building a RegExp from
// workspace text.

/** One element of a pattern segment: shared with the .dockerignore matcher (parse/dockerIgnore.ts). */
export type Token = { kind: 'star' } | { kind: 'any' } | { kind: 'char'; char: string } | { kind: 'class'; negated: boolean; ranges: Array<[number, number]> };

/** Whether a source holds a wildcard, so that it is matched as a pattern rather than a path. */
export const isPathPattern = (source: string): boolean => /[*?[]/.test(source);

/** The pattern of one segment as tokens, or undefined when Go would reject it (`[]`, `[a`, trailing `\`). */
export function tokenize(pattern: string): Token[] | undefined {
  const chars = Array.from(pattern);
  const tokens: Token[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === '*') tokens.push({ kind: 'star' });
    else if (c === '?') tokens.push({ kind: 'any' });
    else if (c === '\\') {
      if (i + 1 >= chars.length) return undefined;
      tokens.push({ kind: 'char', char: chars[++i] });
    } else if (c === '[') {
      const negated = chars[i + 1] === '^';
      let j = negated ? i + 2 : i + 1;
      const ranges: Array<[number, number]> = [];
      // A class ends at the first unescaped `]` after at least one range; `-` and `]` must be escaped.
      const classChar = (): number | undefined => {
        let ch = chars[j];
        if (ch === undefined || ch === '-' || ch === ']') return undefined;
        if (ch === '\\') ch = chars[++j];
        j++;
        return ch?.codePointAt(0);
      };
      while (!(chars[j] === ']' && ranges.length > 0)) {
        const lo = classChar();
        if (lo === undefined) return undefined;
        let hi = lo;
        if (chars[j] === '-') {
          j++;
          const end = classChar();
          if (end === undefined) return undefined;
          hi = end;
        }
        ranges.push([lo, hi]);
      }
      tokens.push({ kind: 'class', negated, ranges });
      i = j;
    } else tokens.push({ kind: 'char', char: c });
  }
  return tokens;
}

export function matchesOne(token: Token, ch: string): boolean {
  switch (token.kind) {
    case 'any':
      return true;
    case 'char':
      return token.char === ch;
    case 'class': {
      const code = ch.codePointAt(0)!;
      return token.ranges.some(([lo, hi]) => lo <= code && code <= hi) !== token.negated;
    }
    default:
      return false;
  }
}

/**
 * Whether one path segment matches one pattern segment. Greedy with a single backtrack point (the
 * last `*`): at most pattern × name steps, whatever the input.
 */
export function segmentMatches(pattern: string, name: string): boolean {
  const tokens = tokenize(pattern);
  if (!tokens) return false;
  const chars = Array.from(name);
  let t = 0;
  let c = 0;
  let star = -1; // token index of the last `*` seen
  let resume = 0; // where its match would grow by one character
  while (c < chars.length) {
    if (t < tokens.length && tokens[t].kind === 'star') {
      star = t++;
      resume = c;
    } else if (t < tokens.length && matchesOne(tokens[t], chars[c])) {
      t++;
      c++;
    } else if (star >= 0) {
      t = star + 1;
      c = ++resume;
    } else return false;
  }
  while (t < tokens.length && tokens[t].kind === 'star') t++;
  return t === tokens.length;
}

/**
 * Whether a COPY source pattern (relative to the context, no leading `./`) sends `file`: the pattern
 * matches the file's first segments, so a matched directory brings everything under it.
 */
export function patternCopies(pattern: string, file: string): boolean {
  const patternSegments = pattern.split('/');
  const fileSegments = file.split('/');
  return fileSegments.length >= patternSegments.length && patternSegments.every((p, k) => segmentMatches(p, fileSegments[k]));
}
