// The open documents as the client syncs them (what `TextDocuments` does), with two defences it lacks:
// - a document over the size limit is refused before its text is indexed or kept: it is held without
//   text, so a 30 MB buffer costs nothing per keystroke, and the server reports it as too large;
// - a change whose version is not an integer or does not increase is ignored and logged, keeping the
//   last good state (a client that goes backwards would otherwise have stale text analyzed as new).
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Connection, TextDocumentContentChangeEvent } from 'vscode-languageserver/node';

export interface DocumentEvents {
  opened(doc: TextDocument): void;
  /** An accepted change, including one that made the document too large (never one to an already refused document). */
  changed(doc: TextDocument): void;
  closed(doc: TextDocument): void;
  saved(doc: TextDocument): void;
}

export class OpenDocuments {
  private readonly docs = new Map<string, TextDocument>();
  /** Documents refused as too large, by URI: the length of the text they were refused with. */
  private readonly refused = new Map<string, number>();

  constructor(
    private readonly maxChars: number,
    private readonly warn: (message: string) => void,
  ) {}

  /** The open document; a refused one has no text (see `refusedSize`). */
  get(uri: string): TextDocument | undefined {
    return this.docs.get(uri);
  }

  all(): TextDocument[] {
    return [...this.docs.values()];
  }

  /** The length of the text a document was refused with; undefined when it is not refused (or not open). */
  refusedSize(uri: string): number | undefined {
    return this.refused.get(uri);
  }

  listen(connection: Connection, events: DocumentEvents): void {
    connection.onDidOpenTextDocument(({ textDocument: { uri, languageId, version, text } }) => {
      if (!this.validVersion(uri, version)) return;
      if (typeof text !== 'string') return this.warn(`bulkhead: ignored opening ${uri}: it came without text`);
      const tooLarge = text.length > this.maxChars;
      if (tooLarge) this.refused.set(uri, text.length);
      else this.refused.delete(uri);
      const doc = TextDocument.create(uri, languageId, version, tooLarge ? '' : text);
      this.docs.set(uri, doc);
      events.opened(doc);
    });
    connection.onDidChangeTextDocument(({ textDocument: { uri, version }, contentChanges }) => {
      const doc = this.docs.get(uri);
      if (!doc || contentChanges.length === 0 || !this.validVersion(uri, version, doc.version)) return;
      if (this.refused.has(uri)) {
        // Its text is not kept, so the edits cannot be applied: it stays refused, at the new version, until reopened.
        this.docs.set(uri, TextDocument.create(uri, doc.languageId, version, ''));
        return;
      }
      const updated = this.apply(doc, contentChanges, version);
      this.docs.set(uri, updated);
      events.changed(updated);
    });
    connection.onDidCloseTextDocument(({ textDocument: { uri } }) => {
      const doc = this.docs.get(uri);
      if (!doc) return;
      this.docs.delete(uri);
      this.refused.delete(uri);
      events.closed(doc);
    });
    connection.onDidSaveTextDocument(({ textDocument: { uri } }) => {
      const doc = this.docs.get(uri);
      if (doc) events.saved(doc);
    });
  }

  /** Applies the changes; a document they grow past the limit drops its text and is refused from now on. */
  private apply(doc: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
    const updated = TextDocument.update(doc, changes, version);
    const size = updated.getText().length;
    if (size <= this.maxChars) return updated;
    this.refused.set(doc.uri, size);
    return TextDocument.create(doc.uri, doc.languageId, version, '');
  }

  /** LSP versions are integers that increase with every change; anything else is logged and ignored. */
  private validVersion(uri: string, version: unknown, previous?: number): version is number {
    if (Number.isInteger(version) && (previous === undefined || (version as number) > previous)) return true;
    const expected = previous === undefined ? 'an integer' : `an integer above ${previous}`;
    this.warn(`bulkhead: ignored ${previous === undefined ? 'opening' : 'a change to'} ${uri}: version ${JSON.stringify(version)} is not ${expected}`);
    return false;
  }
}
