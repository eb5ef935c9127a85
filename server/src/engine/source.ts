// One position model for every analyzer: LSP ranges (0-based lines, UTF-16 characters).
import type { Position, Range } from './model';

const LF = 10;
const CR = 13;
const isLineBreakCode = (code: number) => code === LF || code === CR;

/**
 * Where each line starts, as vscode-languageserver-textdocument counts lines (`\n`, `\r\n` and a lone
 * `\r` each end one). Found with indexOf (a fraction of a character-by-character scan), kept in a typed
 * array the collector never copies.
 */
function lineStarts(text: string): Uint32Array {
  let count = 1;
  for (let at = 0, next = lineBreaks(text); (at = next(at)) !== -1;) count++;
  const starts = new Uint32Array(count);
  for (let at = 0, line = 1, next = lineBreaks(text); (at = next(at)) !== -1;) starts[line++] = at;
  return starts;
}

/**
 * A search for the start of the line after the one holding `from`, for ascending `from`: -1 after the
 * last line. The next `\r` is kept between calls, so a text with a few of them (one CRLF file in a large
 * stream) is still searched with indexOf, not read character by character.
 */
function lineBreaks(text: string): (from: number) => number {
  let cr = text.indexOf('\r');
  return (from) => {
    if (cr !== -1 && cr < from) cr = text.indexOf('\r', from);
    const lf = text.indexOf('\n', from);
    if (cr === -1 || (lf !== -1 && lf < cr)) return lf === -1 ? -1 : lf + 1;
    return text.charCodeAt(cr + 1) === LF ? cr + 2 : cr + 1;
  };
}

export class SourceFile {
  private starts?: Uint32Array;

  constructor(
    readonly uri: string,
    readonly text: string,
    /** A rendering of the file (a Helm template with its values): its parses are kept beside the file's own, not in their place. */
    readonly rendering = false,
    /** A version of a file being edited: what is parsed of it is kept for its next version (yamlCache.ts). */
    readonly edited = false,
  ) {}

  /** The line table, built when a position is first asked for. */
  private get lineOffsets(): Uint32Array {
    return (this.starts ??= lineStarts(this.text));
  }

  /** `offset` moved back before the line break that ends the line starting at `lineStart`. */
  private beforeLineBreak(offset: number, lineStart: number): number {
    let at = offset;
    while (at > lineStart && isLineBreakCode(this.text.charCodeAt(at - 1))) at--;
    return at;
  }

  positionAt(offset: number): Position {
    const at = Math.max(Math.min(offset, this.text.length), 0);
    const starts = this.lineOffsets;
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (starts[mid] > at) high = mid;
      else low = mid + 1;
    }
    const line = low - 1;
    return { line, character: this.beforeLineBreak(at, starts[line]) - starts[line] };
  }

  offsetAt(position: Position): number {
    const starts = this.lineOffsets;
    if (position.line >= starts.length) return this.text.length;
    if (position.line < 0) return 0;
    const lineStart = starts[position.line];
    if (position.character <= 0) return lineStart;
    const next = position.line + 1 < starts.length ? starts[position.line + 1] : this.text.length;
    return this.beforeLineBreak(Math.min(lineStart + position.character, next), lineStart);
  }

  /** The line asked for last by lineAt: most callers go forward through the file. */
  private lastLine = 0;

  /**
   * The line holding `offset` (positionAt(offset).line), searched from the line found last: forward a
   * step at a time, then doubling, then by halves. A binary search over every line start per question
   * was most of asking the line of each instruction of a large file (the table does not stay in cache).
   */
  lineAt(offset: number): number {
    const at = Math.max(0, Math.min(offset, this.text.length));
    const lines = this.lineCount;
    const table = this.lineOffsets;
    const starts = (line: number) => table[line];
    // Invariant: starts(low) <= at, and high === lines or starts(high) > at.
    const forward = starts(this.lastLine) <= at;
    let low = forward ? this.lastLine : 0;
    let high = forward ? low + 1 : this.lastLine;
    for (let step = 1; forward && high < lines && starts(high) <= at; step *= 2) {
      low = high;
      high = Math.min(lines, low + step);
    }
    while (high - low > 1) {
      const mid = (low + high) >> 1;
      if (starts(mid) <= at) low = mid;
      else high = mid;
    }
    return (this.lastLine = low);
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  get lineCount(): number {
    return this.lineOffsets.length;
  }

  /** Text of a line without its line break. */
  lineText(line: number): string {
    // The document's own line table (one per file: building a second one cost as much as a rule).
    const start = line < 0 ? this.text.length : this.offsetAt({ line, character: 0 });
    let end = this.offsetAt({ line: line + 1, character: 0 });
    while (end > start && (this.text[end - 1] === '\n' || this.text[end - 1] === '\r')) end--;
    return this.text.slice(start, end);
  }

  private lineBreak?: string;
  private templated?: boolean;
  private indentStep?: string;

  /** The file's own line break, so inserted lines match it (computed once: fixes ask per finding). */
  get eol(): string {
    return (this.lineBreak ??= this.text.includes('\r\n') ? '\r\n' : '\n');
  }

  /** Whether the file holds a template expression (`{{`), computed once. */
  get hasTemplates(): boolean {
    return (this.templated ??= this.text.includes('{{'));
  }

  /** A per-file value computed once by `make` (the indentation step fixes use). */
  indentation(make: () => string): string {
    return (this.indentStep ??= make());
  }

  textOf(range: Range): string {
    return this.text.slice(this.offsetAt(range.start), this.offsetAt(range.end));
  }
}
