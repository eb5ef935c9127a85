// Image references: parse `registry/repo:tag@digest`, tell mutable tags, and guess the OS family a
// base image belongs to (for fixes that must use that family's tools).

export interface ImageRef {
  /** Registry host when written (`ghcr.io`, `localhost:5000`), else undefined (Docker Hub). */
  registry?: string;
  /** Path without registry, e.g. `library/node` is written `node`. */
  repository: string;
  tag?: string;
  digest?: string;
}

/** Parses an image reference; returns undefined for empty or variable-holding text. */
export function parseImageRef(text: string): ImageRef | undefined {
  const ref = text.trim();
  if (!ref || ref.includes('$') || /\s/.test(ref)) return undefined;
  let rest = ref;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let registry: string | undefined;
  const slash = rest.indexOf('/');
  if (slash > 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first.toLowerCase();
      rest = rest.slice(slash + 1);
    }
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  if (!rest) return undefined;
  return { registry, repository: rest, tag, digest };
}

/** Why an image reference is not pinned: no tag and no digest, or `latest` without a digest. */
export function mutableTag(ref: ImageRef): 'untagged' | 'latest' | undefined {
  if (ref.digest) return undefined;
  if (!ref.tag) return 'untagged';
  return ref.tag.toLowerCase() === 'latest' ? 'latest' : undefined;
}

/** Docker Hub's canonical host; `docker.io`, `index.docker.io` and no host are the same registry. */
export function registryHost(ref: ImageRef): string {
  const r = ref.registry ?? 'docker.io';
  return r === 'index.docker.io' || r === 'registry-1.docker.io' ? 'docker.io' : r;
}

/** Whether an image comes from one of the trusted registries (host, or host/path prefix). */
export function isTrustedRegistry(ref: ImageRef, trusted: string[]): boolean {
  const host = registryHost(ref);
  const full = `${host}/${ref.repository}`;
  return trusted.some((t) => {
    const entry = t.trim().toLowerCase().replace(/\/+$/, '');
    const normalized = entry === 'index.docker.io' ? 'docker.io' : entry;
    return host === normalized || full.toLowerCase().startsWith(normalized + '/');
  });
}

export type ImageFamily = 'alpine' | 'debian' | 'rhel' | 'distroless' | 'scratch' | 'windows' | 'unknown';

/**
 * The OS family of a base image from its name and tag. Official language images (node, python, …)
 * are Debian-based unless their tag says alpine; distroless and Chainguard-style static images have
 * no shell or package manager at all.
 */
export function imageFamily(image: string): ImageFamily {
  const ref = parseImageRef(image);
  if (image.trim().toLowerCase() === 'scratch') return 'scratch';
  if (!ref) return 'unknown';
  const repo = ref.repository.toLowerCase();
  const tag = (ref.tag ?? '').toLowerCase();
  const name = repo.split('/').pop()!;
  const full = `${ref.registry ?? ''}/${repo}`;
  if (/distroless|chainguard\/static|cgr\.dev\/chainguard\/static/.test(full)) return 'distroless';
  if (/windows|servercore|nanoserver|mcr\.microsoft\.com\/(windows|dotnet\/framework)/.test(full) || /windowsservercore|nanoserver|ltsc20/.test(tag)) return 'windows';
  if (name === 'alpine' || /(^|-)alpine/.test(tag) || name.endsWith('-alpine')) return 'alpine';
  if (/^(ubi\d*(-\w+)?|ubi|rhel\d*|centos|fedora|rockylinux|almalinux|amazonlinux|oraclelinux|openeuler)$/.test(name) || /\/ubi\d/.test(repo)) return 'rhel';
  if (/^(debian|ubuntu|buildpack-deps)$/.test(name) || /(bookworm|bullseye|buster|trixie|jammy|noble|focal|slim)/.test(tag)) return 'debian';
  if (
    /^(node|python|golang|ruby|php|perl|openjdk|eclipse-temurin|maven|gradle|rust|nginx|httpd|postgres|mysql|redis|mongo|rabbitmq|elixir|erlang|haskell|julia|r-base|swift|dart|gcc|clojure)$/.test(
      name,
    )
  )
    return 'debian';
  return 'unknown';
}

/** Shared wording of the trusted-registry rules, one per file kind. */
export const TRUSTED_REGISTRY_META = {
  severity: 'error' as const,
  threat: 'supply-chain' as const,
  principle: 'segregation-of-duties' as const,
  rationale:
    'Teams that mirror, scan and sign images in their own registry lose those guarantees the moment a file pulls from anywhere else: a public image that was never scanned, a typo-squatted name, a registry that serves different content tomorrow. The check is inert until `trustedRegistries` is configured.',
  remediation:
    'Pull the image through one of the configured registries (mirror it there first), or add the registry to `bulkhead.trustedRegistries` / `trustedRegistries` in `.bulkhead.yaml` if it is approved. Entries are hosts (`registry.example.com`, `docker.io` for Docker Hub) or host/path prefixes (`ghcr.io/my-org`).',
  message: 'Image "{{image}}" comes from {{registry}}, which is not a trusted registry.',
};
