// File-kind detection by name first (what the editor and the workspace scan see), then by content.
import { decodeUriPart, isUri } from './workspace/paths';

const DOCKERFILE_NAME = /^(?:(?:Dockerfile|Containerfile)(?:\..+)?|.+\.(?:Dockerfile|dockerfile|Containerfile|containerfile))$/;
const COMPOSE_NAME = /^(?:docker-)?compose(?:[.-][^/\\]*)?\.ya?ml$/i;
const YAML_NAME = /\.ya?ml$/i;
/** Kustomize's third name for a kustomization, without an extension. */
const KUSTOMIZATION_NAME = /^Kustomization$/;
/** Bulkhead's own config file: analyzed for settings that have no effect (unknown rule ids). */
const CONFIG_NAME = /^\.bulkhead\.(?:ya?ml|json)$/;

/** The last segment of a plain path, taken as written (`50%off.txt` is a name, not an escape). */
const lastSegment = (path: string): string => path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);

/** The file name of a URI (percent-decoded) or of a plain path (as written). */
export function baseName(uriOrPath: string): string {
  if (!isUri(uriOrPath)) return lastSegment(uriOrPath);
  const name = lastSegment(uriOrPath.replace(/[?#].*$/, ''));
  return decodeUriPart(name) ?? name;
}

export type NameKind = 'dockerfile' | 'compose' | 'config' | 'yaml' | 'unknown';

function kindOfName(name: string, languageId?: string): NameKind {
  if (languageId === 'dockerfile') return 'dockerfile';
  if (languageId === 'dockercompose') return 'compose';
  if (CONFIG_NAME.test(name)) return 'config';
  if (DOCKERFILE_NAME.test(name)) return 'dockerfile';
  if (COMPOSE_NAME.test(name)) return 'compose';
  if (languageId === 'yaml' || YAML_NAME.test(name) || KUSTOMIZATION_NAME.test(name)) return 'yaml';
  return 'unknown';
}

/** What the name (or the editor's language id) says; YAML is settled later by content. */
export function kindFromName(uri: string, languageId?: string): NameKind {
  return kindOfName(baseName(uri), languageId);
}

/**
 * Whether a file (a plain path) is one of the workspace's YAML files, as hosts list them for the manifest
 * index: `.yaml`/`.yml`, and a kustomization named `Kustomization` (so a base finds its overlays by it too).
 */
export function isYamlFile(path: string): boolean {
  const name = lastSegment(path);
  return YAML_NAME.test(name) || KUSTOMIZATION_NAME.test(name);
}

/** Whether the workspace scan and the CLI should read a file at all, by its plain name or path (never a URI). */
export function isCandidate(path: string): boolean {
  return kindOfName(lastSegment(path)) !== 'unknown';
}
