// What a host (the language server, the CLI, a test) lets the engine see of the workspace. The engine
// never touches the disk: it asks through this interface and records what it asked for, so the
// server knows which open files to re-check when another file changes.

export interface WorkspaceHost {
  /** Text of the file at an absolute POSIX path; undefined when missing, unreadable, binary or too large. */
  readFile(path: string): string | undefined;
  /** Files under a directory, as POSIX paths relative to it (bounded by the host); undefined when missing. */
  listFiles(dir: string): readonly string[] | undefined;
  /** Absolute paths of the workspace's YAML files, for the Kubernetes object index; [] when unknown. */
  yamlFiles(): readonly string[];
}

/** A host over an in-memory map of absolute paths to texts (tests, examples, the rule docs). */
export function memoryHost(files: Record<string, string>): WorkspaceHost {
  const paths = Object.keys(files);
  return {
    readFile: (path) => files[path],
    listFiles: (dir) => {
      const prefix = dir.endsWith('/') ? dir : `${dir}/`;
      const inside = paths.filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length));
      return inside.length ? inside : undefined;
    },
    yamlFiles: () => paths.filter((p) => /\.ya?ml$/i.test(p)),
  };
}
