/**
 * A value built on first use, then kept: module-level tables whose construction would otherwise run
 * when the module is imported, at every process start (the server answers `initialize` before any of them is needed).
 */
export function lazy<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => (built ??= { value: build() }).value;
}
