// What a host (the language server, the CLI, a test) lets the engine see of the workspace. The engine
// never touches the disk: it asks through this interface and records what it asked for, so the
// server knows which open files to re-check when another file changes.
import { isYamlFile } from '../detect';

export interface WorkspaceHost {
  /**
   * Whether `path` (absolute, POSIX) is inside the workspace boundary. The engine reads, lists and edits
   * nothing else, and asks before it reads: a host on a real file system resolves symbolic links first, so
   * a link that leads out of the workspace is outside, and so is a dangling one.
   */
  contains(path: string): boolean;
  /** Text of the file at an absolute POSIX path; undefined when missing, unreadable, binary or too large. */
  readFile(path: string): string | undefined;
  /** Files under a directory, as POSIX paths relative to it (bounded by the host); undefined when missing. */
  listFiles(dir: string): readonly string[] | undefined;
  /**
   * Absolute paths of the workspace's YAML files (`isYamlFile`), for the Kubernetes object index; [] when unknown. The
   * engine keeps one index per returned array: a host returns the same array only while no file's text
   * changes, except those `changingPaths` lists.
   */
  yamlFiles(): readonly string[];
  /** Files whose text may change while `yamlFiles()` returns the same array (an editor's buffers, open or closed since). */
  changingPaths?(): Iterable<string>;
}

/**
 * A host over an in-memory map of absolute paths to texts (tests, examples, the rule docs). `root` is the
 * workspace boundary: files of the map outside it exist but are outside the workspace.
 */
export function memoryHost(files: Record<string, string>, root: string): WorkspaceHost {
  const paths = Object.keys(files);
  const prefix = (dir: string) => (dir.endsWith('/') ? dir : `${dir}/`);
  return {
    contains: (path) => path === root || path.startsWith(prefix(root)),
    readFile: (path) => files[path],
    listFiles: (dir) => {
      const inside = paths.filter((p) => p.startsWith(prefix(dir))).map((p) => p.slice(prefix(dir).length));
      return inside.length ? inside : undefined;
    },
    yamlFiles: () => paths.filter(isYamlFile),
  };
}
