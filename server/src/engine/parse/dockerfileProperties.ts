// The NAME=value properties of ARG, ENV and LABEL, read as dockerfile-ast 0.7.1 reads them
// (PropertyInstruction.getPropertyArguments, getProperties and Property), on document offsets.
import type { Range } from '../model';
import type { Word } from './dockerfileWords';

const isBlank = (c: string) => c === ' ' || c === '\t';
const isLineBreak = (c: string) => c === '\r' || c === '\n';
const isWhitespace = (c: string) => isBlank(c) || isLineBreak(c);

/** Where a property's ranges are computed from (an instruction's DockerfileText). */
interface RangeSource {
  range(start: number, end: number): Range;
}

/**
 * A NAME=value of ARG, ENV or LABEL, offsets into the document; `value` is undefined for `ARG NAME`.
 * One object per property with every field set at once: a file of short ENVs holds one per line. The
 * name starts where the property does.
 */
export class Property {
  constructor(
    private readonly file: RangeSource,
    readonly name: string,
    readonly value: string | undefined,
    private readonly start: number,
    private readonly end: number,
    private readonly nameEnd: number,
  ) {}

  get range(): Range {
    return this.file.range(this.start, this.end);
  }

  get nameRange(): Range {
    return this.file.range(this.start, this.nameEnd);
  }
}

/** Index of the first character that is neither blank nor a line continuation, or -1. */
function leadingNonWhitespace(content: string, escapeChar: string): number {
  scan: for (let i = 0; i < content.length; i++) {
    const c = content[i];
    if (isBlank(c)) continue;
    if (c !== escapeChar) return i;
    for (let j = i + 1; j < content.length; j++) {
      const d = content[j];
      if (isBlank(d)) continue;
      if (d === '\r') {
        i = j + 1;
        continue scan;
      }
      if (d === '\n') {
        i = j;
        continue scan;
      }
      break;
    }
    return -1;
  }
  return -1;
}

/** Index of the last character that is not blank, where a line break also skips the continuation before it. */
function trailingNonWhitespace(content: string, escapeChar: string): number {
  for (let i = content.length - 1; i >= 0; i--) {
    const c = content[i];
    if (isBlank(c)) continue;
    if (!isLineBreak(c)) return i;
    if (c === '\n' && content[i - 1] === '\r') i--;
    for (let j = i - 1; j >= 0; j--) {
      const d = content[j];
      if (!isWhitespace(d) && d !== escapeChar) return j;
    }
    return content.length;
  }
  return content.length;
}

/**
 * The property words of an ARG/ENV/LABEL whose arguments are `text[from, to)`; `continued` says whether
 * they start on a later line than the keyword. Values are the raw text: quotes and escapes are kept.
 */
export function propertyWords(text: string, from: number, to: number, escapeChar: string, continued: (argsStart: number) => boolean): Word[] {
  const args: Word[] = [];
  const fullArgs = text.slice(from, to);
  const start = leadingNonWhitespace(fullArgs, escapeChar);
  if (start === -1) return args;
  const base = from + start;
  let escaped = continued(base);
  let endingEscape = false;
  let mark = -1; // where the first escape character of a continuation was
  const content = fullArgs.substring(start, trailingNonWhitespace(fullArgs, escapeChar) + 1);
  let argStart = escaped ? -1 : 0;
  let spaced = false;
  const push = (s: number, e: number, rangeEnd = e) => args.push({ value: content.substring(s, e), start: base + s, end: base + rangeEnd });
  const spacedArgument = () => {
    if (argStart !== -1) push(argStart, mark);
  };
  read: for (let i = 0; i < content.length; i++) {
    const char = content[i];
    switch (char) {
      case escapeChar: {
        if (i + 1 === content.length) {
          endingEscape = true;
          break read;
        }
        if (!escaped) mark = i;
        const next = content[i + 1];
        if (isBlank(next)) {
          if (!isWhitespace(content[i + 2] ?? '')) {
            i++; // an escaped blank is part of the word
            continue read;
          }
          // Blanks after the escape: a continuation if they run to the line break, else the word ends.
          for (let j = i + 2; j < content.length; j++) {
            const c = content[j];
            if (isLineBreak(c)) {
              escaped = true;
              i = c === '\r' ? j + 1 : j;
              continue read;
            }
            if (!isBlank(c)) {
              push(argStart, i, i + 2);
              argStart = j;
              break;
            }
          }
          i = argStart - 1;
          continue read;
        }
        if (isLineBreak(next)) {
          escaped = true;
          i += next === '\r' ? 2 : 1;
          continue read;
        }
        if (argStart === -1) argStart = i;
        if (next === escapeChar) i++;
        continue read;
      }
      case "'":
      case '"': {
        if (spaced) {
          spacedArgument();
          argStart = i;
          spaced = false;
        }
        if (argStart === -1) argStart = i;
        for (let j = i + 1; j < content.length; j++) {
          if (content[j] === char) {
            // More text right after the closing quote belongs to the same word.
            if (content[j + 1] !== ' ' && j + 1 < content.length) {
              i = j;
              continue read;
            }
            push(argStart, j + 1);
            i = j;
            argStart = -1;
            continue read;
          }
          if (content[j] === escapeChar) j++;
        }
        break read;
      }
      case ' ':
      case '\t':
        if (escaped) {
          // A blank counts only when the word does not span lines.
          if (argStart !== -1) spaced = true;
        } else if (argStart !== -1) {
          push(argStart, i);
          argStart = -1;
        }
        break;
      case '\r':
        i++;
        spaced = false;
        break;
      case '\n':
        spaced = false;
        break;
      case '#':
        if (escaped) {
          // A comment line after a continuation.
          for (let j = i + 1; j < content.length; j++) {
            if (isLineBreak(content[j])) {
              i = content[j] === '\r' ? j + 1 : j;
              spaced = false;
              continue read;
            }
          }
          if (argStart !== -1) {
            push(argStart, mark);
            argStart = -1;
          }
          break read;
        }
        if (argStart === -1) argStart = i;
        break;
      default:
        if (spaced) {
          spacedArgument();
          argStart = i;
          spaced = false;
        }
        escaped = false;
        if (argStart === -1) argStart = i;
        if (char === '$' && content[i + 1] === '{') {
          // A variable: blanks inside its quotes or after an escape do not end the word.
          let single = false;
          let double = false;
          let escapedChar = false;
          for (let j = i + 1; j < content.length; j++) {
            const c = content[j];
            if (c === escapeChar) escapedChar = true;
            else if (c === "'") {
              single = !single;
              escapedChar = false;
            } else if (c === '"') {
              double = !double;
              escapedChar = false;
            } else if (isBlank(c)) {
              if (escapedChar || single || double) continue;
              i = j - 1;
              continue read;
            } else if (c === '}') {
              i = j;
              continue read;
            } else if (!isLineBreak(c)) escapedChar = false;
          }
          break read;
        }
    }
  }
  if (argStart !== -1 && argStart !== content.length) push(argStart, endingEscape ? content.length - 1 : content.length);
  return args;
}

/**
 * A property's name or value as dockerfile-ast's Property.getValue reads it from its raw text: one pair
 * of surrounding quotes removed, escapes applied as the quoting allows, continuations and comment lines
 * after them dropped.
 */
export function propertyValue(raw: string, escapeChar: string): string {
  let escaped = false;
  const skip = leadingNonWhitespace(raw, escapeChar);
  if (skip !== 0 && raw[skip] === '#') escaped = true; // starts with a comment line after a continuation
  let value = raw.substring(skip);
  const first = value.charAt(0);
  const last = value.charAt(value.length - 1);
  const literal = first === "'" || first === '"';
  const inSingle = first === "'" && last === "'";
  let inDouble = false;
  if (first === '"') {
    for (let i = 1; i < value.length; i++) {
      if (value[i] === escapeChar) i++;
      else if (value[i] === '"' && i === value.length - 1) inDouble = true;
    }
  }
  if (inSingle || inDouble) value = value.substring(1, value.length - 1);
  // Without an escape character or a line break every character is kept as it is (most values).
  if (!escaped && !value.includes(escapeChar) && !value.includes('\n') && !value.includes('\r')) return value;
  // One character per element, so that blanks before a comment line can be taken back in O(1).
  const out: string[] = [];
  const takeBack = (n: number) => {
    out.length = Math.max(0, out.length - n);
  };
  let commentCheck = -1; // where blanks after a continuation started
  read: for (let i = 0; i < value.length; i++) {
    let char = value[i];
    switch (char) {
      case escapeChar: {
        if (i + 1 === value.length) {
          out.push(escapeChar);
          break read;
        }
        char = value[i + 1];
        if (isBlank(char)) {
          for (let j = i + 2; j < value.length; j++) {
            const char2 = value[j];
            if (isBlank(char2)) continue;
            if (isLineBreak(char2)) {
              escaped = true;
              i = char2 === '\r' ? j + 1 : j;
              continue read;
            }
            if (!inDouble && !inSingle && !literal) {
              if (char2 === escapeChar) {
                out.push(char);
                i++;
              } else {
                out.push(char, char2);
                i = j;
              }
              continue read;
            }
            break;
          }
        }
        if (inDouble) {
          if (char === '\r') {
            escaped = true;
            i += 2;
          } else if (char === '\n') {
            escaped = true;
            i++;
          } else if (char !== '"') {
            if (char === escapeChar) i++;
            out.push(escapeChar);
          }
          continue read;
        }
        if (inSingle || literal) {
          if (char === '\r') {
            escaped = true;
            i += 2;
          } else if (char === '\n') {
            escaped = true;
            i++;
          } else out.push(escapeChar);
          continue read;
        }
        if (char === escapeChar) {
          out.push(escapeChar);
          i++;
        } else if (char === '\r') {
          escaped = true;
          i += 2;
        } else if (char === '\n') {
          escaped = true;
          i++;
        } else {
          out.push(char);
          i++;
        }
        break;
      }
      case ' ':
      case '\t':
        if (escaped && commentCheck === -1) commentCheck = i;
        out.push(char);
        break;
      case '\r':
      case '\n':
        if (char === '\r') i++;
        if (escaped && commentCheck !== -1) {
          takeBack(i - commentCheck - 1);
          commentCheck = -1;
        }
        break;
      case '#':
        if (escaped) {
          if (commentCheck !== -1) {
            takeBack(i - commentCheck);
            commentCheck = -1;
          }
          for (let j = i + 1; j < value.length; j++) {
            if (isLineBreak(value[j])) {
              i = value[j] === '\r' ? j + 1 : j;
              break;
            }
          }
          continue read;
        }
        escaped = false;
        commentCheck = -1;
        out.push(char);
        break;
      default:
        escaped = false;
        commentCheck = -1;
        out.push(char);
    }
  }
  return out.join('');
}

/** The document a property is read from. */
interface PropertySource extends RangeSource {
  text: string;
  escapeChar: string;
}

/** A property read from `name` and, for `ENV NAME value` forms, a separate value word. */
function property(file: PropertySource, name: Word, value?: Word): Property {
  const { text, escapeChar } = file;
  const eq = name.value.indexOf('=');
  const first = name.value.charAt(0);
  const before = name.value.charAt(eq - 1);
  // `"var"=x` and `'var'=x` have a quoted name; any other quote before the `=` makes the whole word the name.
  const split = eq !== -1 && ((first === '"' && before === '"') || (first === "'" && before === "'") || (first !== '"' && first !== "'"));
  const nameEnd = split ? name.start + eq : name.end;
  const propertyName = propertyValue(text.slice(name.start, nameEnd), escapeChar);
  if (value) return new Property(file, propertyName, propertyValue(text.slice(value.start, value.end), escapeChar), name.start, value.end, nameEnd);
  const propertyValueText = split ? propertyValue(text.slice(name.start + eq + 1, name.end), escapeChar) : undefined;
  return new Property(file, propertyName, propertyValueText, name.start, name.end, nameEnd);
}

/** The properties of ARG/ENV/LABEL from its property words (dockerfile-ast's getProperties). */
export function properties(file: PropertySource, args: Word[]): Property[] {
  if (args.length === 0) return [];
  if (args.length === 1) return [property(file, args[0])];
  if (!args[0].value.includes('=')) {
    // `ENV NAME some value`: everything after the name is its value.
    const rest = args.length === 2 ? args[1] : { value: '', start: args[1].start, end: args[args.length - 1].end };
    return [property(file, args[0], rest)];
  }
  return args.map((a) => property(file, a));
}

/** The single property of an ARG as dockerfile-ast's Arg.getProperty gives it: none when it has several words. */
export function argProperty(file: PropertySource, args: Word[]): Property | undefined {
  return args.length === 1 ? property(file, args[0]) : undefined;
}
