// The web worker's file access: requests to the client, which reads through vscode.workspace.fs and
// answers only for files inside a workspace folder (client/src/workspaceFiles.ts).
import type { Connection } from 'vscode-languageserver';
import { LIST_FILES_METHOD, READ_FILE_METHOD, type ListFilesParams, type ListFilesResult, type ReadFileParams, type ReadFileResult } from '../../../shared/protocol';
import { decodeText, MAX_LISTED, tooLarge, type ReadResult } from '../host/textFiles';
import { pathToUri } from './uris';

/** A missing file is told apart from an unreadable one: only the first means "no config file here". */
export type ClientRead = ReadResult | { missing: true };

export class ClientFiles {
  constructor(private readonly connection: Connection) {}

  async read(path: string, maxBytes: number): Promise<ClientRead> {
    try {
      const answer = await this.connection.sendRequest<ReadFileResult>(READ_FILE_METHOD, { uri: pathToUri(path), maxBytes } satisfies ReadFileParams);
      if ('missing' in answer) return answer;
      if ('size' in answer) return { skipped: tooLarge(answer.size, maxBytes) };
      if ('refused' in answer) return { skipped: answer.refused };
      return decodeText(Uint8Array.from(atob(answer.base64), (c) => c.charCodeAt(0)));
    } catch (e) {
      return { skipped: `cannot read: ${(e as Error).message}` };
    }
  }

  /** The files under `dir` (relative POSIX paths, sorted), or undefined when it is no directory in the workspace. */
  async list(dir: string): Promise<string[] | undefined> {
    try {
      const answer = await this.connection.sendRequest<ListFilesResult>(LIST_FILES_METHOD, { uri: pathToUri(dir), max: MAX_LISTED } satisfies ListFilesParams);
      return Array.isArray(answer) ? answer.filter((f): f is string => typeof f === 'string').slice(0, MAX_LISTED) : undefined;
    } catch {
      return undefined;
    }
  }
}
