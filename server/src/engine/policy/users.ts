// Which user a Dockerfile instruction runs as: the USER lines of its stage and of the stages it builds
// on (`FROM <stage>`), then the base image's default (shared by DF001 and DF007).
import { rootStage, type Instruction, type Stage } from '../parse/dockerfile';
import { imageFamily, parseImageRef, registryHost } from './images';

/** Images built to run unprivileged without a USER line: distroless `:nonroot`, Chainguard, rootless variants. */
const NONROOT_IMAGE = /(^|[:/-])(nonroot|rootless)\b|^cgr\.dev\/|(^|\/)windows\/nanoserver\b|\/nanoserver\b/i;
/** Docker official images whose Dockerfile ends with a non-root USER. */
const NONROOT_OFFICIAL = new Set(['elasticsearch', 'kibana', 'logstash', 'sonarqube', 'solr', 'odoo', 'groovy', 'teamspeak', 'jenkins']);
/** Where distributions publish their own OS images, which keep the distribution's root default. */
const OS_VENDOR_PREFIXES = ['registry.access.redhat.com/', 'registry.redhat.io/', 'quay.io/centos/', 'quay.io/fedora/', 'public.ecr.aws/amazonlinux/', 'public.ecr.aws/docker/library/'];

/**
 * The user an image runs as when no USER changes it. Official Docker Hub images and the vendors' OS
 * base images start as root unless listed otherwise; for any other image the answer is 'unknown'
 * (CI and workspace images such as gitpod/workspace-full ship a non-root default user).
 */
export function defaultUser(image: string): 'root' | 'non-root' | 'unknown' {
  const trimmed = image.trim();
  if (trimmed.toLowerCase() === 'scratch') return 'root';
  if (NONROOT_IMAGE.test(trimmed)) return 'non-root';
  const ref = parseImageRef(trimmed);
  if (!ref) return 'unknown';
  const repo = ref.repository.toLowerCase();
  if (registryHost(ref) === 'docker.io' && (!repo.includes('/') || repo.startsWith('library/'))) {
    return NONROOT_OFFICIAL.has(repo.replace(/^library\//, '')) ? 'non-root' : 'root';
  }
  const family = imageFamily(trimmed);
  if (family === 'distroless' || family === 'windows') return 'root';
  const full = `${registryHost(ref)}/${repo}`;
  return family !== 'unknown' && OS_VENDOR_PREFIXES.some((p) => full.startsWith(p)) ? 'root' : 'unknown';
}

/** `root`, UID 0 and Windows' administrator, with any group (`root:x`, `0:0`). */
const ROOT_USER = /^(root|0|containeradministrator)(:.*)?$/i;

/** The account a USER instruction names, quotes removed as the builder removes them. */
export function userValue(user: Instruction): string {
  return (user.argumentsText ?? '').trim().replace(/^(["'])(.*)\1$/, '$2');
}

export const isRootUser = (value: string): boolean => ROOT_USER.test(value);

/** The last of `users` (in file order) that starts before `line`, found by bisection. */
function lastBefore(users: Instruction[], line: number): Instruction | undefined {
  let lo = 0;
  let hi = users.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (users[mid].startLine < line) lo = mid + 1;
    else hi = mid;
  }
  return users[lo - 1];
}

/**
 * The USER in effect at `before` (a line of `stage`), or at the end of the stage when omitted,
 * inherited through `FROM <earlier stage>` chains.
 */
export function userInEffect(stage: Stage, before?: number): Instruction | undefined {
  if (before === undefined) return stage.lastUser;
  return lastBefore(stage.users, before) ?? stage.parent?.lastUser;
}

/** Whether instructions at `before` in `stage` certainly run as root; false when unknown. */
export function runsAsRoot(stage: Stage, before?: number): boolean {
  const user = userInEffect(stage, before);
  return user ? isRootUser(userValue(user)) : defaultUser(rootStage(stage).image) === 'root';
}
