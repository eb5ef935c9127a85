// Which release of a distribution or runtime an image tag runs, and when that release stops getting
// security fixes. The dates are data (lifecycle.generated.ts, refreshed by scripts/refreshLifecycle.ts
// from endoflife.date); this module only maps image names and tags onto them.
import { byCodeUnits } from '../order';
import { LIFECYCLE, LIFECYCLE_SNAPSHOT, type LifecycleRelease } from './lifecycle.generated';

/** The day the table was taken (its snapshot's commit date). */
export const LIFECYCLE_SNAPSHOT_DATE = /\((\d{4}-\d{2}-\d{2})\)/.exec(LIFECYCLE_SNAPSHOT)?.[1] ?? '1970-01-01';
import type { ImageRef } from './images';

/** A product of the lifecycle table: its endoflife.date name and how its tags name releases. */
export interface LifecycleProduct {
  /** endoflife.date product id. */
  id: string;
  /** How people call it in messages. */
  label: string;
  /**
   * Which end date counts: `eol` (end of security support), or `eoes` where the extended support is
   * public and in the same archive the image updates from (Debian LTS).
   */
  end: 'eol' | 'eoes';
}

const product = (id: string, label: string, end: 'eol' | 'eoes' = 'eol'): LifecycleProduct => ({ id, label, end });

/** Official images (Docker Hub library names and the usual vendor repositories) and their products. */
const IMAGES: Record<string, LifecycleProduct> = {
  debian: product('debian', 'Debian', 'eoes'),
  ubuntu: product('ubuntu', 'Ubuntu'),
  alpine: product('alpine-linux', 'Alpine Linux'),
  centos: product('centos', 'CentOS'),
  'redhat/ubi': product('rhel', 'Red Hat UBI'),
  rockylinux: product('rocky-linux', 'Rocky Linux'),
  'rockylinux/rockylinux': product('rocky-linux', 'Rocky Linux'),
  almalinux: product('almalinux', 'AlmaLinux'),
  amazonlinux: product('amazon-linux', 'Amazon Linux'),
  fedora: product('fedora', 'Fedora'),
  node: product('nodejs', 'Node.js'),
  python: product('python', 'Python'),
  ruby: product('ruby', 'Ruby'),
  php: product('php', 'PHP'),
  golang: product('go', 'Go'),
  'eclipse-temurin': product('eclipse-temurin', 'Eclipse Temurin'),
  'dotnet/aspnet': product('dotnet', '.NET'),
  'dotnet/runtime': product('dotnet', '.NET'),
  'dotnet/sdk': product('dotnet', '.NET'),
  'dotnet/runtime-deps': product('dotnet', '.NET'),
  nginx: product('nginx', 'nginx'),
  postgres: product('postgresql', 'PostgreSQL'),
  mysql: product('mysql', 'MySQL'),
  mariadb: product('mariadb', 'MariaDB'),
  redis: product('redis', 'Redis'),
  mongo: product('mongodb', 'MongoDB'),
};

/** Every product the table must hold (the refresh script reads this list). */
export const LIFECYCLE_PRODUCTS: readonly string[] = [...new Set(Object.values(IMAGES).map((p) => p.id))].sort();

/** Registries whose path names an official image the same way Docker Hub's library does. */
const MIRRORS = /^(docker\.io|index\.docker\.io|registry-1\.docker\.io|public\.ecr\.aws|mirror\.gcr\.io|mcr\.microsoft\.com|registry\.access\.redhat\.com|registry\.redhat\.io)$/;

/** The product an image repository is, if the table knows it. UBI repositories carry the release in their name. */
function productOf(ref: ImageRef): { product: LifecycleProduct; cycle?: string } | undefined {
  if (ref.registry && !MIRRORS.test(ref.registry)) return undefined;
  const repo = ref.repository.replace(/^(docker\/)?library\//, '').replace(/^_\//, '');
  const ubi = /^(?:redhat\/)?ubi(\d+)(?:\/[a-z-]+)?$/.exec(repo);
  if (ubi) return { product: IMAGES['redhat/ubi'], cycle: ubi[1] };
  // Own keys only: `FROM constructor` names no product (it would read Object's constructor).
  const known = Object.hasOwn(IMAGES, repo) ? IMAGES[repo] : undefined;
  return known ? { product: known } : undefined;
}

/** OS releases a variant suffix names: `-alpine3.16`, `-bullseye`, `-slim-buster`, `-focal`. */
const DISTRO_VARIANT = /(?:^|-)(alpine)(\d+\.\d+)(?=$|-)|(?:^|-)([a-z]+)(?=$|-)/g;

/** A release of a product as a tag names it, with its end date. */
export interface TagRelease {
  product: LifecycleProduct;
  release: LifecycleRelease;
  /** End of support, `YYYY-MM-DD`; undefined while none is announced. */
  end?: string;
  /** Where in the tag the release is written, to replace it. */
  start: number;
  length: number;
}

const endOf = (p: LifecycleProduct, r: LifecycleRelease): string | undefined => (p.end === 'eoes' && r.eoes) || r.eol || undefined;
const codenameKey = (codename: string) => codename.split(/\s+/)[0].toLowerCase();

function releases(p: LifecycleProduct): readonly LifecycleRelease[] {
  return LIFECYCLE[p.id]?.releases ?? [];
}

/** The release a version names: `3.8.10` is cycle `3.8`, `14` cycle `14`; `3` (a moving alias) none. */
function cycleOf(p: LifecycleProduct, version: string): LifecycleRelease | undefined {
  return releases(p).find((r) => version === r.cycle || version.startsWith(`${r.cycle}.`));
}

function codenameRelease(p: LifecycleProduct, word: string): LifecycleRelease | undefined {
  return releases(p).find((r) => r.codename !== undefined && codenameKey(r.codename) === word);
}

const DEBIAN = IMAGES.debian;
const UBUNTU = IMAGES.ubuntu;
const ALPINE = IMAGES.alpine;

/**
 * The releases an image reference runs: the image's own (`python:3.7` → Python 3.7), and the OS of its
 * variant (`node:18-alpine3.16` → Alpine 3.16, `python:3.9-slim-buster` → Debian 10). Tags that name no
 * fixed release (`latest`, `3`, `lts`) give nothing.
 */
export function tagReleases(ref: ImageRef): TagRelease[] {
  const tag = ref.tag;
  const owner = productOf(ref);
  if (!tag || !owner) return [];
  const out: TagRelease[] = [];
  const add = (p: LifecycleProduct, release: LifecycleRelease | undefined, start: number, length: number) => {
    if (release) out.push({ product: p, release, end: endOf(p, release), start, length });
  };
  const version = /^v?(\d+(?:\.\d+)*)/.exec(tag);
  let rest = 0;
  if (owner.cycle !== undefined)
    add(
      owner.product,
      releases(owner.product).find((r) => r.cycle === owner.cycle),
      -1,
      0,
    );
  else if (version) {
    const start = tag.startsWith('v') ? 1 : 0;
    const release = cycleOf(owner.product, version[1]);
    // The replacement keeps the precision of the cycle: `3.7.17-slim` → the new cycle, `-slim` kept.
    add(owner.product, release, start, version[1].length);
    rest = version[0].length;
  } else if (owner.product === DEBIAN || owner.product === UBUNTU) {
    const word = /^[a-z]+/.exec(tag);
    if (word) add(owner.product, codenameRelease(owner.product, word[0]), 0, word[0].length);
    rest = word?.[0].length ?? 0;
  }
  if (owner.product === DEBIAN || owner.product === UBUNTU || owner.product === ALPINE) return out;
  // The OS under a runtime image, named by its variant.
  for (const m of tag.slice(rest).matchAll(DISTRO_VARIANT)) {
    const at = rest + (m.index ?? 0) + (m[0].startsWith('-') ? 1 : 0);
    if (m[1]) add(ALPINE, cycleOf(ALPINE, m[2]), at + m[1].length, m[2].length);
    else if (m[3]) {
      const p = codenameRelease(DEBIAN, m[3]) ? DEBIAN : codenameRelease(UBUNTU, m[3]) ? UBUNTU : undefined;
      if (p) add(p, codenameRelease(p, m[3]), at, m[3].length);
    }
  }
  return out;
}

const DAY = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY);

export interface LifecycleStatus extends TagRelease {
  /** Days from `today` to the end: negative once it has passed. */
  daysLeft: number;
  /** The tag written for the oldest newer release still supported past the warning window, when there is one. */
  replacement?: string;
  /** That release's label (`Debian 12 (Bookworm)`). */
  replacementLabel?: string;
}

/** How a release is named in messages: `Python 3.7`, `Debian 10 (Buster)`. */
export function releaseLabel(p: LifecycleProduct, r: LifecycleRelease): string {
  return `${p.label} ${r.cycle}${r.codename ? ` (${r.codename})` : ''}`;
}

/**
 * The releases of an image reference that have ended or end within `warnDays` of `today`, each with
 * the nearest supported release written in the tag's own style (version or codename).
 */
export function lifecycleStatus(ref: ImageRef, today: string, warnDays: number): LifecycleStatus[] {
  const out: LifecycleStatus[] = [];
  for (const found of tagReleases(ref)) {
    if (!found.end) continue;
    const daysLeft = daysBetween(today, found.end);
    if (daysLeft > warnDays) continue;
    const next = nearestSupported(found, today, warnDays);
    const tag = ref.tag ?? '';
    const byCodename = found.start >= 0 && !/^\d/.test(tag.slice(found.start));
    // `6.0` names cycle `6`: the new cycle keeps such `.0` components (`10.0`); a patch level (`3.7.17`) is dropped.
    const zeros = /^(\.0)+$/.exec(tag.slice(found.start + found.release.cycle.length, found.start + found.length))?.[0] ?? '';
    const written = next && (byCodename ? next.codename && codenameKey(next.codename) : next.cycle + zeros);
    const replacement = written && found.start >= 0 ? tag.slice(0, found.start) + written + tag.slice(found.start + found.length) : undefined;
    out.push({ ...found, daysLeft, ...(replacement ? { replacement } : {}), ...(next ? { replacementLabel: releaseLabel(found.product, next) } : {}) });
  }
  return out;
}

/** The oldest release newer than `found` that is supported past the warning window. */
function nearestSupported(found: TagRelease, today: string, warnDays: number): LifecycleRelease | undefined {
  const all = releases(found.product);
  const newer = all.filter((r) => r.releaseDate > found.release.releaseDate);
  const supported = newer.filter((r) => {
    const end = endOf(found.product, r);
    return !end || daysBetween(today, end) > warnDays;
  });
  return supported.sort((a, b) => byCodeUnits(a.releaseDate, b.releaseDate))[0];
}

/** How many days ahead of its end a release is announced. */
export const WARN_DAYS = 90;

export interface LifecycleFinding {
  messageId: 'endOfLife' | 'nearEnd';
  data: { image: string; release: string; date: string; advice: string };
  /** The image with the tag of the nearest supported release (and no digest: it pinned the old one). */
  replacement?: string;
}

/**
 * The day releases are judged against: the option (the CLI and the server pass the current date), else
 * the table's snapshot date, so that the engine reads no clock and its results do not drift by themselves.
 */
export const todayOf = (option: string | undefined): string => option ?? LIFECYCLE_SNAPSHOT_DATE;

/** The most urgent lifecycle finding for an image reference as written, if any. */
export function imageLifecycleFinding(image: string, ref: ImageRef, today: string): LifecycleFinding | undefined {
  const statuses = lifecycleStatus(ref, today, WARN_DAYS).sort((a, b) => a.daysLeft - b.daysLeft);
  const worst = statuses[0];
  if (!worst) return undefined;
  const tag = ref.tag ?? '';
  const tagAt = image.lastIndexOf(`:${tag}`, ref.digest ? image.indexOf('@') : image.length);
  // Every ended release of the tag is replaced at once (`3.7-buster` → `3.9-bookworm`), from the right.
  let newTag = tag;
  for (const s of [...statuses].sort((a, b) => b.start - a.start)) {
    const written = s.replacement?.slice(s.start, s.replacement.length - (tag.length - s.start - s.length));
    if (written !== undefined && s.start >= 0) newTag = newTag.slice(0, s.start) + written + newTag.slice(s.start + s.length);
  }
  const replacement = tagAt > 0 && newTag !== tag ? `${image.slice(0, tagAt)}:${newTag}` : undefined;
  const advice = worst.replacementLabel
    ? `the nearest supported release is ${worst.replacementLabel}${replacement ? ` (${replacement})` : ''}`
    : `no newer ${worst.product.label} release is supported: move to another one`;
  return {
    messageId: worst.daysLeft < 0 ? 'endOfLife' : 'nearEnd',
    data: { image, release: releaseLabel(worst.product, worst.release), date: worst.end!, advice },
    ...(replacement ? { replacement } : {}),
  };
}

/** The metadata the three end-of-life rules share: messages, fix, references, rationale. */
export const LIFECYCLE_META = {
  severity: 'error' as const,
  threat: 'vulnerable-code' as const,
  principle: 'defence-in-depth' as const,
  rationale:
    "A distribution or runtime past its end of life gets no security fixes: every vulnerability found after that date stays open in the image, and scanners report them with no fixed version to move to. Rebuilding does not help; only moving to a supported release does. The dates come from the vendors' lifecycles as collected by endoflife.date, embedded in Bulkhead (no network access) and dated by the snapshot they came from.",
  remediation:
    'Move to a supported release of the same variant (the fix writes the nearest one: review what changed between the releases, test, and pin it again), and let a dependency bot keep it current. Releases within 90 days of their end are reported as information so the move can be planned.',
  references: [
    { standard: 'cwe' as const, id: 1104 },
    { standard: 'url' as const, title: 'endoflife.date: lifecycles of distributions and runtimes', href: 'https://endoflife.date' },
  ],
  messages: {
    endOfLife: 'Image "{{image}}" runs {{release}}, out of security support since {{date}}: {{advice}}.',
    nearEnd: 'Image "{{image}}" runs {{release}}, whose security support ends on {{date}}: {{advice}}.',
  },
  fix: {
    applicability: 'unsafe' as const,
    title: 'Move to {{replacement}}',
    review: 'the image moves to a newer release: packages, paths and defaults may change; rebuild and test before keeping it',
  },
};
