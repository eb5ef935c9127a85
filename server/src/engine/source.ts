// One position model for every analyzer: LSP ranges (0-based lines, UTF-16 characters).
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range } from './model';

export class SourceFile {
  readonly document: TextDocument;

  constructor(
    readonly uri: string,
    readonly text: string,
    /** A rendering of the file (a Helm template with its values): its parses are kept beside the file's own, not in their place. */
    readonly rendering = false,
  ) {
    this.document = TextDocument.create(uri, 'plaintext', 0, text);
  }

  positionAt(offset: number): Position {
    return this.document.positionAt(offset);
  }

  offsetAt(position: Position): number {
    return this.document.offsetAt(position);
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
    const starts = (line: number) => this.document.offsetAt({ line, character: 0 });
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
    return this.document.lineCount;
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
