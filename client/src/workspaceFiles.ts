// The web worker's file access, answered by the client (shared/protocol.ts READ_FILE_METHOD,
// LIST_FILES_METHOD): vscode.workspace.fs reads whatever file system the workspace is on (GitHub,
// a remote, memory). Containment holds here too: only files inside a workspace folder are read or
// listed, never through a symbolic link (the web API cannot say where one leads).
import { FileSystemError, FileType, Uri, workspace } from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { LIST_FILES_METHOD, READ_FILE_METHOD, type ListFilesParams, type ListFilesResult, type ReadFileParams, type ReadFileResult } from '../../shared/protocol';

/** The URI when it lies inside a workspace folder; a `.` or `..` segment is refused rather than resolved. */
function insideWorkspace(uri: string): Uri | undefined {
  const parsed = Uri.parse(uri, true);
  if (parsed.path.split('/').some((s) => s === '.' || s === '..')) return undefined;
  return workspace.getWorkspaceFolder(parsed) ? parsed : undefined;
}

async function readWorkspaceFile({ uri, maxBytes }: ReadFileParams): Promise<ReadFileResult> {
  const file = insideWorkspace(uri);
  if (!file) return { refused: 'outside the workspace' };
  let stat;
  try {
    stat = await workspace.fs.stat(file);
  } catch (e) {
    return e instanceof FileSystemError && e.code === 'FileNotFound' ? { missing: true } : { refused: `cannot read: ${(e as Error).message}` };
  }
  if (stat.type & FileType.SymbolicLink) return { refused: 'a symbolic link' };
  if (!(stat.type & FileType.File)) return { refused: 'not a regular file' };
  if (stat.size > maxBytes) return { size: stat.size };
  return { base64: toBase64(await workspace.fs.readFile(file)) };
}

/** Version-control directories: their presence matters (a .git/ copied into an image), their depths do not. */
const VCS_DIRS = new Set(['.git', '.hg', '.svn']);
/** Files listed of a version-control directory, and the deepest directory walked (as the Node host). */
const VCS_FILES = 16;
const MAX_DEPTH = 12;

/**
 * The files under a workspace directory, walked with readDirectory: the file system provider answers at
 * once, where findFiles may answer nothing before a remote's search provider is registered. Links are not
 * followed, node_modules is skipped, version-control directories are listed one level deep.
 */
async function listWorkspaceFiles({ uri, max }: ListFilesParams): Promise<ListFilesResult> {
  const dir = insideWorkspace(uri);
  const stat = dir && (await Promise.resolve(workspace.fs.stat(dir)).catch(() => undefined));
  if (!dir || !stat || stat.type !== FileType.Directory) return null;
  const out: string[] = [];
  const entries = (d: Uri) => Promise.resolve(workspace.fs.readDirectory(d)).catch((): [string, FileType][] => []);
  const walk = async (d: Uri, rel: string, depth: number): Promise<void> => {
    for (const [name, type] of await entries(d)) {
      if (out.length >= max) return;
      const childRel = rel ? `${rel}/${name}` : name;
      if (type === FileType.File) out.push(childRel);
      else if (type !== FileType.Directory || name === 'node_modules') continue;
      else if (VCS_DIRS.has(name)) {
        const files = (await entries(Uri.joinPath(d, name))).filter(([, t]) => t === FileType.File);
        out.push(...files.slice(0, VCS_FILES).map(([f]) => `${childRel}/${f}`));
      } else if (depth < MAX_DEPTH) await walk(Uri.joinPath(d, name), childRel, depth + 1);
    }
  };
  await walk(dir, '', 0);
  return out.slice(0, max).sort();
}

/** Bytes as base64, in chunks: spreading a megabyte into one call would overflow the stack. */
function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Answers the server's file requests (set before the client starts, so none is missed). */
export function serveWorkspaceFiles(client: BaseLanguageClient): void {
  client.onRequest(READ_FILE_METHOD, readWorkspaceFile);
  client.onRequest(LIST_FILES_METHOD, listWorkspaceFiles);
}
