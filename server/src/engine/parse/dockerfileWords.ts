// How an instruction's text splits into words, JSON strings and argument lines. These readers give
// exactly what dockerfile-ast 0.7.1 gives (Instruction.getRawArguments, JSONInstruction's strings,
// Instruction.getArgumentsContent), quirks included, so that findings stay as they were; unlike it they
// work on document offsets, read each instruction once, and build a word's value from slices of the text.
// test/engine/dockerfileSyntax.test.ts checks them against dockerfile-ast on generated files.

/** A piece of the document, [start, end) in offsets, with its value as the reader gives it. */
export interface Word {
  value: string;
  start: number;
  end: number;
}

/**
 * Gets each word's start, end and value; returns whether values are still wanted. Once it says no, the
 * remaining words are only delimited (start and end), with '' as their value: nothing is copied.
 */
export type WordVisitor = (start: number, end: number, value: string) => boolean;

// Character codes: scanWords reads every character of every instruction, so it compares numbers
// (charCodeAt) rather than one-character strings.
const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const HASH = 35;
const DOLLAR = 36;
const isBlankCode = (c: number) => c === SPACE || c === TAB;
const isLineBreakCode = (c: number) => c === CR || c === LF;
const isBlank = (c: string) => c === ' ' || c === '\t';
const isLineBreak = (c: string) => c === '\r' || c === '\n';

/**
 * The words of `text[from, to)` as dockerfile-ast's getRawArguments splits them: blanks and line
 * breaks separate words; the escape character escapes the next character (`\$` is kept whole) and, before
 * a line break (blanks allowed in between), continues the line; a `#` line after a continuation is a
 * comment. Quotes are not special here: a quoted word keeps its quotes.
 */
export function scanWords(text: string, from: number, to: number, escapeChar: string, visit: WordVisitor): void {
  let values = true;
  let lineStart = false; // just after a line continuation, where `#` starts a comment line
  let comment = false;
  let found = -1; // where the current word starts
  let escapedWhitespace = false;
  let escaping = false; // within a line continuation
  let escapeMarker = -1; // where the current word ends if a continuation cuts it
  let value = '';
  let run = -1; // start of the characters taken verbatim since the last piece was added to `value`
  const escapeCode = escapeChar.charCodeAt(0);
  // Words are flushed and ended in place below (visit, then value = '' and found = -1) rather than by
  // closures sharing these variables: those were a context and two functions made per instruction read.
  for (let i = from; i < to; i++) {
    const char = text.charCodeAt(i);
    if (isBlankCode(char) || isLineBreakCode(char)) {
      if (run !== -1) {
        if (values) value += text.slice(run, i);
        run = -1;
      }
      if (escaping) {
        escapedWhitespace = !isLineBreakCode(char);
        if (isLineBreakCode(char) && comment) {
          comment = false;
          lineStart = true;
        }
        continue;
      }
      if (found !== -1) {
        values = visit(found, escapeMarker === -1 ? i : escapeMarker, value) && values;
        value = '';
        found = -1;
        escapeMarker = -1;
      }
    } else if (char === escapeCode) {
      if (run !== -1) {
        if (values) value += text.slice(run, i);
        run = -1;
      }
      const next = i + 1 < to ? text.charCodeAt(i + 1) : -1;
      if (isBlankCode(next)) {
        // `\` and blanks: a continuation when only blanks follow up to the line break.
        for (let j = i + 2; j < to; j++) {
          const after = text.charCodeAt(j);
          if (isBlankCode(after)) continue;
          if (isLineBreakCode(after)) {
            comment = false;
            escaping = true;
            lineStart = true;
            if (found !== -1) escapeMarker = i;
            i = after === CR ? j + 1 : j;
          } else {
            escapeMarker = i;
            if (found === -1) i = j - 1;
          }
          break;
        }
      } else if (isLineBreakCode(next)) {
        comment = false;
        escaping = true;
        lineStart = true;
        if (found !== -1 && escapeMarker === -1) escapeMarker = i;
        i += next === CR ? 2 : 1;
      } else {
        if (escapedWhitespace && escapeMarker !== -1) {
          // dockerfile-ast can emit an empty word before any was found: it then starts one before `from`.
          values = visit(found === -1 ? from - 1 : found, escapeMarker, value) && values;
          value = '';
          found = -1;
        }
        escapeMarker = -1;
        escapedWhitespace = false;
        escaping = false;
        if (next === -1) break;
        if (values) value += next === DOLLAR ? text.slice(i, i + 2) : text[i + 1];
        if (found === -1) found = i;
        i++;
      }
    } else if (!comment) {
      if (lineStart && char === HASH) {
        comment = true;
      } else {
        if (escapedWhitespace && escapeMarker !== -1) {
          values = visit(found === -1 ? from - 1 : found, escapeMarker, value) && values;
          value = '';
          found = -1;
        }
        escapedWhitespace = false;
        escaping = false;
        escapeMarker = -1;
        if (run === -1) run = i;
        if (found === -1) found = i;
      }
      lineStart = false;
    }
  }
  if (run !== -1 && values) value += text.slice(run, to);
  if (found !== -1) visit(found, escapeMarker === -1 ? to : escapeMarker, value);
}

/**
 * The double-quoted strings of an exec-form (JSON) argument list in `text[from, to)`, as dockerfile-ast
 * reads them: values keep their quotes, `\"` and `\\` are unescaped and any other escaped character is
 * dropped with its backslash; reading stops at the first thing that is not a JSON string list. A string
 * is listed once its closing quote is read, so an unterminated one is not.
 */
export function jsonStrings(text: string, from: number, to: number): Word[] {
  const out: Word[] = [];
  let start = -1;
  let last = '';
  let quoted = false;
  let value = '';
  /** After a backslash at `i`: the index of the line break ending a continuation (only blanks before it), else -1. */
  const continuationEnd = (j: number): number => {
    for (; j < to; j++) {
      if (isLineBreak(text[j])) return text[j] === '\r' ? j + 1 : j;
      if (!isBlank(text[j])) return -1;
    }
    return -1;
  };
  read: for (let i = from; i < to; i++) {
    const char = text[i];
    switch (char) {
      case '[':
        if (last === '') last = '[';
        else if (quoted) value += char;
        else break read;
        break;
      case '"':
        if (last === '[' || last === ',') {
          start = i;
          quoted = true;
          last = '"';
          value += char;
        } else if (last === '"' && quoted) {
          value += char;
          quoted = false;
          out.push({ value, start, end: i + 1 });
          value = '';
        } else {
          break read;
        }
        break;
      case ',':
        if (quoted) value += char;
        else if (last === '"') last = ',';
        else break read;
        break;
      case ']':
        if (quoted) value += char;
        else if (last !== '') break read;
        break;
      case ' ':
      case '\t':
        break;
      case '\\': {
        const next = i + 1 < to ? text[i + 1] : '';
        if (quoted && (next === '"' || next === '\\')) {
          value += next;
          i++;
          continue;
        }
        if (quoted && !isBlank(next)) {
          i += next === '\r' ? 2 : 1;
          continue;
        }
        const end = continuationEnd(quoted ? i + 2 : i + 1);
        if (end === -1) break read;
        i = end;
        break;
      }
      default:
        if (!quoted) break read;
        value += char;
    }
  }
  return out;
}

/**
 * dockerfile-ast's getArgumentsContent: the arguments `text[from, to)` with their line continuations and
 * comment lines taken out. Each continued line contributes from its start (column 0, blanks included) to
 * its last character; `lineStart(offset)` is the offset where the line holding `offset` starts.
 */
export function argumentsContent(text: string, from: number, to: number, escapeChar: string, lineStart: (offset: number) => number, sameLine: boolean): string {
  if (sameLine) return text.slice(from, to);
  const pieces: Array<[number, number]> = [];
  let pieceStart: number | null = from;
  let end = -1; // the last character of the current piece, relative to `from`
  let comment = false;
  const endPiece = () => {
    if (pieceStart !== null) pieces.push([pieceStart, from + end + 1]);
    pieceStart = null;
    comment = false;
  };
  const length = to - from;
  for (let i = 0; i < length; i++) {
    const char = text[from + i];
    if (char === escapeChar) {
      const next = i + 1 < length ? text[from + i + 1] : '';
      if (isBlank(next)) {
        for (let j = i + 2; j < length; j++) {
          const c = text[from + j];
          if (isBlank(c)) continue;
          if (isLineBreak(c)) {
            endPiece();
            i = c === '\r' ? j + 1 : j;
          }
          break;
        }
      } else if (isLineBreak(next)) {
        endPiece();
        i += next === '\r' ? 2 : 1;
      } else {
        i++;
      }
    } else if (isLineBreak(char)) {
      if (comment) {
        pieceStart = null;
        comment = false;
      }
    } else if (!comment) {
      if (pieceStart === null) {
        if (char === '#') {
          comment = true;
          continue;
        }
        const start = lineStart(from + i);
        if (start !== from + i) pieceStart = start;
      }
      end = i;
    }
  }
  pieces.push(pieceStart === null ? [from + end, from + end + 1] : [pieceStart, from + end + 1]);
  return pieces.map(([s, e]) => text.slice(s, e)).join('');
}
