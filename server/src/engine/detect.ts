// File-kind detection by name first (what the editor and the workspace scan see), then by content.
import type { FileKind } from './model';

const DOCKERFILE_NAME = /^(?:(?:Dockerfile|Containerfile)(?:\..+)?|.+\.(?:Dockerfile|dockerfile|Containerfile|containerfile))$/;
const COMPOSE_NAME = /^(?:docker-)?compose(?:[.-][^/\\]*)?\.ya?ml$/i;
const YAML_NAME = /\.ya?ml$/i;
/** Bulkhead's own config file: analyzed for settings that have no effect (unknown rule ids). */
const CONFIG_NAME = /^\.bulkhead\.(?:ya?ml|json)$/;

export function baseName(uri: string): string {
  const clean = uri.replace(/[?#].*$/, '');
  return decodeURIComponent(clean.slice(Math.max(clean.lastIndexOf('/'), clean.lastIndexOf('\\')) + 1));
}

export type NameKind = 'dockerfile' | 'compose' | 'config' | 'yaml' | 'unknown';

/** What the name (or the editor's language id) says; YAML is settled later by content. */
export function kindFromName(uri: string, languageId?: string): NameKind {
  if (languageId === 'dockerfile') return 'dockerfile';
  if (languageId === 'dockercompose') return 'compose';
  const name = baseName(uri);
  if (CONFIG_NAME.test(name)) return 'config';
  if (DOCKERFILE_NAME.test(name)) return 'dockerfile';
  if (COMPOSE_NAME.test(name)) return 'compose';
  if (languageId === 'yaml' || YAML_NAME.test(name)) return 'yaml';
  return 'unknown';
}

/** Whether the workspace scan and the CLI should read a file at all. */
export function isCandidate(path: string): boolean {
  return kindFromName(path) !== 'unknown';
}

export type { FileKind };
