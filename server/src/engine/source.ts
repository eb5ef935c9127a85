// One position model for every analyzer: LSP ranges (0-based lines, UTF-16 characters).
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range } from './model';

export class SourceFile {
  readonly document: TextDocument;
  private lineStarts?: number[];

  constructor(readonly uri: string, readonly text: string) {
    this.document = TextDocument.create(uri, 'plaintext', 0, text);
  }

  positionAt(offset: number): Position {
    return this.document.positionAt(offset);
  }

  offsetAt(position: Position): number {
    return this.document.offsetAt(position);
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  get lineCount(): number {
    return this.document.lineCount;
  }

  /** Text of a line without its line break. */
  lineText(line: number): string {
    const starts = (this.lineStarts ??= computeLineStarts(this.text));
    const start = starts[line] ?? this.text.length;
    let end = starts[line + 1] ?? this.text.length;
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

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10) {
      starts.push(i + 1);
    }
  }
  return starts;
}
