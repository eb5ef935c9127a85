// Splits a Dockerfile into instructions in one pass, as dockerfile-ast 0.7.1's parser does (the same
// instructions with the same extents, so findings stay as they were): parser directives, comment lines,
// line continuations, and heredoc bodies, which belong to the instruction that opens them. Unlike
// dockerfile-ast it builds no instruction twice and assigns no comment to stages (quadratic there).
import type { SourceFile } from '../source';
import { DockerfileText, Instruction } from './dockerfileInstruction';

export interface DockerfileSyntax {
  file: DockerfileText;
  instructions: Instruction[];
  /** The text ends inside a heredoc no line closes: whatever is appended joins the last instruction's body. */
  endsInOpenHeredoc: boolean;
}

const isBlank = (c: string) => c === ' ' || c === '\t';
const isLineBreak = (c: string) => c === '\r' || c === '\n';
const BOM = '\uFEFF';

interface Directive {
  name: string;
  value: string;
}

/**
 * The parser directives (`# escape=``) of the file's first lines: each `# name=value` comment line,
 * until a blank line, another comment or an instruction.
 */
function parserDirectives(text: string): Directive[] {
  const directives: Directive[] = [];
  scan: for (let i = text[0] === BOM ? 1 : 0; i < text.length; i++) {
    const c = text[i];
    if (isBlank(c)) continue;
    if (c !== '#') break;
    let nameStart = -1;
    let nameEnd = -1;
    for (let j = i + 1; j < text.length; j++) {
      const d = text[j];
      if (isBlank(d)) {
        if (nameStart !== -1 && nameEnd === -1) nameEnd = j;
      } else if (isLineBreak(d)) {
        break scan;
      } else if (d === '=') {
        if (nameEnd === -1) nameEnd = j;
        let valueStart = -1;
        let valueEnd = -1;
        let lineEnd = text.length;
        for (let k = j + 1; k < text.length; k++) {
          const e = text[k];
          if (isLineBreak(e) || isBlank(e)) {
            if (valueStart !== -1 && valueEnd === -1) valueEnd = k;
            if (isLineBreak(e)) {
              lineEnd = k;
              break;
            }
          } else if (valueStart === -1) {
            valueStart = k;
          }
        }
        if (nameStart === -1) break scan; // `# =x` is a comment
        if (valueStart === -1) {
          valueStart = j + 1;
          valueEnd = lineEnd;
        } else if (valueEnd === -1) {
          valueEnd = text.length;
        }
        directives.push({ name: text.slice(nameStart, nameEnd), value: text.slice(valueStart, valueEnd) });
        i = text[valueEnd] === '\r' ? valueEnd + 1 : valueEnd;
        continue scan;
      } else if (nameStart === -1) {
        nameStart = j;
      }
    }
  }
  return directives;
}

/** The escape directive's character when it names one the builder accepts, else the backslash. */
function escapeCharacter(directives: Directive[]): string {
  const escape = directives.find((d) => d.name.toLowerCase() === 'escape' && (d.value === '\\' || d.value === '`'));
  return escape ? escape.value : '\\';
}

/** dockerfile-ast's reading of a heredoc opener word (`<<EOF`, `<<-"EOF"`): the delimiter, or undefined. */
function heredocName(word: string): string | undefined {
  let name = word.substring(2);
  if (name.charAt(0) === '-') name = name.substring(1);
  for (const quote of ['"', "'"]) {
    if (name.charAt(0) !== quote) continue;
    if (name.charAt(name.length - 1) !== quote) return undefined;
    name = name.substring(1, name.length - 1);
  }
  return name.charAt(0) === '<' ? undefined : name;
}

const HEREDOC_KEYWORDS = new Set(['ADD', 'COPY', 'RUN']);

class Reader {
  private readonly text: string;
  private readonly escapeChar: string;
  readonly instructions: Instruction[] = [];
  endsInOpenHeredoc = false;

  constructor(private readonly file: DockerfileText) {
    this.text = file.text;
    this.escapeChar = file.escapeChar;
  }

  read(from: number): void {
    for (let i = from; i < this.text.length; i++) {
      const c = this.text[i];
      if (isBlank(c) || isLineBreak(c)) continue;
      i = c === '#' ? this.lineEnd(i) : this.instruction(i);
    }
  }

  /** Where the line holding `from` ends (its line break, or the end of the text). */
  private lineEnd(from: number): number {
    let i = from + 1;
    while (i < this.text.length && !isLineBreak(this.text[i])) i++;
    return i;
  }

  private add(name: string, start: number, keywordEnd: number, end: number): void {
    this.instructions.push(new Instruction(this.file, name, start, keywordEnd, end));
  }

  // The keyword being read is the characters taken into it: one stretch of the text, unless a continuation
  // splits it (`R\` at a line end, then `UN`). Stretches are cut from the text when they end, not built a character at a time.
  // Kept on the reader rather than in closures made for every instruction.
  private taken = '';
  private stretchStart = 0;
  private stretchEnd = 0;

  /** Takes the character at `i` into the keyword. */
  private take(i: number): void {
    if (i !== this.stretchEnd) {
      this.taken += this.text.slice(this.stretchStart, this.stretchEnd);
      this.stretchStart = i;
    }
    this.stretchEnd = i + 1;
  }

  /** The keyword as taken so far. */
  private keyword(): string {
    return this.taken + this.text.slice(this.stretchStart, this.stretchEnd);
  }

  /** Reads the instruction starting at `start`; returns where it ends. */
  private instruction(start: number): number {
    const { text, escapeChar } = this;
    this.taken = '';
    this.stretchStart = start;
    this.stretchEnd = start + 1;
    let nameEnd = -1;
    let escaped = false; // a line continuation inside the keyword
    read: for (let i = start + 1; i < text.length; i++) {
      const c = text[i];
      if (c === escapeChar) {
        escaped = true;
        const next = i + 1 < text.length ? text[i + 1] : '';
        if (isLineBreak(next)) {
          if (nameEnd === -1) nameEnd = i;
          i++;
        } else if (isBlank(next)) {
          for (let j = i + 2; j < text.length; j++) {
            if (isBlank(text[j])) continue;
            if (isLineBreak(text[j])) {
              i = j;
              continue read;
            }
            nameEnd = i + 1;
            this.take(i);
            i = j - 2;
            continue read;
          }
          nameEnd = i + 1;
          this.take(i);
          break read;
        } else {
          nameEnd = i + 1;
          this.take(i);
          escaped = false;
        }
      } else if (isBlank(c)) {
        if (escaped) {
          let j = i + 1;
          while (j < text.length && isBlank(text[j])) j++;
          if (j < text.length && isLineBreak(text[j])) {
            i = j;
            continue read;
          }
          escaped = false;
        }
        if (nameEnd === -1) nameEnd = i;
        const read = this.keyword();
        const end = this.arguments(read, start, nameEnd, i);
        this.add(read, start, nameEnd, end);
        return end;
      } else if (isLineBreak(c)) {
        if (escaped) continue;
        this.add(this.keyword(), start, i, i);
        return i;
      } else if (c === '#' && escaped) {
        continue;
      } else {
        nameEnd = i + 1;
        this.take(i);
        escaped = false;
      }
    }
    this.add(this.keyword(), start, nameEnd === -1 ? text.length : nameEnd, text.length);
    return text.length;
  }

  /** Reads the arguments after the blank at `from`; returns where the instruction ends, heredoc bodies included. */
  private arguments(name: string, start: number, nameEnd: number, from: number): number {
    const { text, escapeChar } = this;
    let escaped = false; // after a line continuation, until the next word
    read: for (let i = from + 1; i < text.length; i++) {
      // Outside a continuation only a line break or the escape character changes anything: skip to it.
      if (!escaped && (i = this.nextStop(i)) === text.length) break;
      const c = text[i];
      if (isLineBreak(c)) {
        if (escaped) continue;
        return this.heredocs(name, start, nameEnd, i);
      }
      if (c === escapeChar) {
        const next = text[i + 1] ?? '';
        if (isLineBreak(next)) {
          escaped = true;
          i++;
        } else if (isBlank(next)) {
          for (let j = i + 2; j < text.length; j++) {
            if (isBlank(text[j])) continue;
            if (isLineBreak(text[j])) escaped = true;
            i = j;
            continue read;
          }
          return text.length;
        }
      } else if (c === '#') {
        if (escaped) i = this.lineEnd(i); // a comment line inside a continued instruction
      } else if (!isBlank(c)) {
        escaped = false;
      }
    }
    return text.length;
  }

  // The next `\n`, `\r` and escape character at or after where arguments were last read (-1: none left;
  // -2: not searched yet), each searched again only once passed: instructions are read in order, so each
  // search crosses the file once, instead of a test of every character of every argument.
  private nextLf = -2;
  private nextCr = -2;
  private nextEscape = -2;

  /** The first line break or escape character at or after `from`, or the end of the text. */
  private nextStop(from: number): number {
    const { text } = this;
    if (this.nextLf !== -1 && this.nextLf < from) this.nextLf = text.indexOf('\n', from);
    if (this.nextCr !== -1 && this.nextCr < from) this.nextCr = text.indexOf('\r', from);
    if (this.nextEscape !== -1 && this.nextEscape < from) this.nextEscape = text.indexOf(this.escapeChar, from);
    let stop = text.length;
    if (this.nextLf !== -1 && this.nextLf < stop) stop = this.nextLf;
    if (this.nextCr !== -1 && this.nextCr < stop) stop = this.nextCr;
    if (this.nextEscape !== -1 && this.nextEscape < stop) stop = this.nextEscape;
    return stop;
  }

  /**
   * Whether `text[from, to)` holds a `<` followed by a `<` or the escape character: a word's value starts
   * with `<<` only then (escapes and continuations between the two `<` start with the escape character).
   * The next such place is kept and searched for again only once passed: instructions are read in
   * order, so the whole file is searched once. A plain `<` (`'wheel<0.46'`, `< file`) no longer makes
   * every word of its RUN be read for heredoc openers.
   */
  private mayOpenHeredoc(from: number, to: number): boolean {
    if (from < this.openerSearchedFrom || (this.nextOpener !== -1 && this.nextOpener < from)) {
      this.openerSearchedFrom = from;
      const { text, escapeChar } = this;
      let at = text.indexOf('<', from);
      while (at !== -1 && text[at + 1] !== '<' && text[at + 1] !== escapeChar) at = text.indexOf('<', at + 1);
      this.nextOpener = at;
    }
    return this.nextOpener !== -1 && this.nextOpener < to;
  }
  private nextOpener = -1;
  private openerSearchedFrom = Infinity;

  /** The end of the heredoc bodies an instruction (or its ONBUILD trigger) opens, read from `offset` (its line break) on. */
  private heredocs(name: string, start: number, nameEnd: number, offset: number): number {
    // Most instructions cannot open a heredoc: they are not tokenized here.
    if (!this.mayOpenHeredoc(start, offset)) return offset;
    const keyword = name.toUpperCase();
    if (!HEREDOC_KEYWORDS.has(keyword) && keyword !== 'ONBUILD') return offset;
    const read = new Instruction(this.file, name, start, nameEnd, offset);
    const target = keyword === 'ONBUILD' ? read.trigger : read;
    if (!target || !HEREDOC_KEYWORDS.has(target.keyword)) return offset;
    const delimiters: string[] = [];
    let tabbed = false;
    target.eachArgumentValue((value) => {
      if (!value.startsWith('<<') || value.length <= 2) return;
      // As in dockerfile-ast, one `<<-` lets every terminator of the instruction be indented with tabs.
      if (value.startsWith('<<-')) tabbed = true;
      const delimiter = heredocName(value);
      if (delimiter !== undefined) delimiters.push(delimiter);
    });
    let end = offset;
    for (const delimiter of delimiters) {
      end = this.heredocEnd(delimiter, end, tabbed);
      if (end === -1) {
        this.endsInOpenHeredoc = true;
        return this.text.length;
      }
    }
    return end;
  }

  /** The line break (or the end of the text) after the first line from `offset` on that is `name` (after tabs when `tabbed`); -1 when no line is. */
  private heredocEnd(name: string, offset: number, tabbed: boolean): number {
    const { text } = this;
    let word = -1;
    let lineStart = true;
    const closes = (i: number) => word !== -1 && i - word === name.length && text.startsWith(name, word);
    for (let i = offset; i < text.length; i++) {
      const c = text[i];
      if (c === ' ' || (c === '\t' && !tabbed)) {
        lineStart = false;
      } else if (isLineBreak(c)) {
        if (closes(i)) return i;
        word = -1;
        lineStart = true;
      } else if (c !== '\t' && lineStart) {
        word = i;
        lineStart = false;
      }
    }
    return closes(text.length) ? text.length : -1;
  }
}

/** The instructions of a Dockerfile, in file order (ONBUILD triggers are read from their ONBUILD). */
export function readDockerfile(src: SourceFile): DockerfileSyntax {
  const { text } = src;
  const directives = parserDirectives(text);
  const file = new DockerfileText(src, escapeCharacter(directives));
  // Instructions start after the directive lines (one line each).
  const from = directives.length > 0 ? src.offsetAt({ line: directives.length, character: 0 }) : text[0] === BOM ? 1 : 0;
  const reader = new Reader(file);
  reader.read(from);
  return { file, instructions: reader.instructions, endsInOpenHeredoc: reader.endsInOpenHeredoc };
}
