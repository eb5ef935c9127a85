// Edits to other workspace files: created, or appended to (a .gitignore entry).
import type { FileEdit } from '../model';

/** Creates another workspace file holding exactly `text`; `private` when that text is a credential. */
export function createFile(path: string, text: string, { private: secret = false } = {}): FileEdit {
  const origin = { line: 0, character: 0 };
  return { path, create: true, edits: [{ range: { start: origin, end: origin }, newText: text }], ...(secret ? { private: true } : {}) };
}

/** Appends lines to another workspace file (`text` its current content), or creates it with them. */
export function appendToFile(path: string, text: string | undefined, lines: string[]): FileEdit {
  const block = lines.map((l) => `${l}\n`).join('');
  if (text === undefined) return createFile(path, block);
  const all = text.split('\n');
  const end = { line: all.length - 1, character: all[all.length - 1].length };
  const separator = text === '' || text.endsWith('\n') ? '' : '\n';
  return { path, create: false, edits: [{ range: { start: end, end }, newText: `${separator}${block}` }] };
}

/** Adds `paths` (absolute, inside `ignoreFile.dir`) to the .gitignore of that directory, anchored to it (`/secrets/db.txt`). */
export function gitIgnoreEdit(ignoreFile: { dir: string; text?: string }, paths: string[]): FileEdit {
  return appendToFile(
    `${ignoreFile.dir}/.gitignore`,
    ignoreFile.text,
    paths.map((p) => `/${p.slice(ignoreFile.dir.length + 1)}`),
  );
}
