// What was derived from each workspace file, kept per path while its text stays the same.

/**
 * Per path, `make(text)` once per text. Every keystroke reads the workspace index, so a cache smaller
 * than the workspace would re-parse it all each time; the bound (the host lists at most 20,000 files
 * per tree) keeps memory flat across workspaces.
 */
export class FileCache<T> {
  private readonly entries = new Map<string, { text: string; outcome: { value: T } | { error: unknown } }>();
  constructor(private readonly limit: number) {}
  /** `make(text)`, once per text: a failure is remembered too and thrown again, so a bad file is not re-parsed each time. */
  get(path: string, text: string, make: (text: string, path: string) => T): T {
    let entry = this.entries.get(path);
    if (!entry || entry.text !== text) {
      let outcome: { value: T } | { error: unknown };
      try {
        outcome = { value: make(text, path) };
      } catch (error) {
        outcome = { error };
      }
      entry = { text, outcome };
      this.entries.delete(path);
      if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value as string);
      this.entries.set(path, entry);
    }
    if ('error' in entry.outcome) throw entry.outcome.error;
    return entry.outcome.value;
  }
}
