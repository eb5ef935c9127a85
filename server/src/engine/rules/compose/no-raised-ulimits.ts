import { defineRule } from '../../rule';
import { describeSetting, isInterpolated, serviceSettings } from '../../parse/compose';
import { isMap, type Node, type YamlDocument } from '../../parse/yaml';

/**
 * The highest value each limit should need; above it (or -1, unlimited) the raise is worth a review.
 * Limits that are unlimited on a stock host anyway (fsize, cpu, as, data) are not listed.
 */
const CEILINGS: Record<string, number> = {
  nproc: 65535, // a fork bomb's budget
  nofile: 1048576, // Docker's own default hard limit
  core: 0, // core dumps write process memory (secrets included) to disk
  rtprio: 0, // real-time priority can starve the host
  memlock: Infinity, // only unlimited is flagged: locked memory cannot be reclaimed
  stack: Infinity, // an unlimited stack switches to the legacy mmap layout and weakens ASLR
  msgqueue: Infinity,
  sigpending: Infinity,
};

/** The value nodes of one ulimit: `nproc: 65535` or `nofile: {soft: 1024, hard: 4096}`. */
function limitValues(doc: YamlDocument, value: Node | null): Node[] {
  const node = doc.deref(value);
  if (!isMap(node)) return node ? [node] : [];
  return ['hard', 'soft'].map((k) => doc.get(node, k)).filter((n): n is Node => n !== undefined);
}

/** The raised value as written, or undefined when it is within the ceiling (or unknown). */
function raisedValue(doc: YamlDocument, node: Node, ceiling: number): string | undefined {
  const value = doc.scalar(node);
  if (value === undefined || value === null || isInterpolated(value)) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) return undefined;
  return n === -1 ? 'unlimited' : n > ceiling ? String(n) : undefined;
}

export default defineRule({
  meta: {
    id: 'DC025',
    name: 'no-raised-ulimits',
    appliesTo: 'compose',
    title: 'Service raises a resource ulimit',
    severity: 'info',
    enabledByDefault: false,
    threat: 'vulnerable-host',
    principle: 'blast-radius',
    rationale:
      "The daemon's default ulimits bound what one container can take from the host. Raising `nproc` or `memlock` to unlimited lets one compromised service exhaust host processes or pin host memory; enabling `core` dumps writes process memory, secrets included, to disk; an unlimited `stack` weakens address-space randomization. Off by default: databases and search engines document raised limits (`nofile`, `memlock`).",
    remediation: 'Raise a ulimit only as far as the software documents it needs, never to -1 (unlimited), keep `core: 0`, and prefer `pids_limit` to `nproc` for bounding processes.',
    references: [{ standard: 'cis-docker', section: '5.19', title: 'Ensure that the default ulimit is overwritten at runtime if needed' }],
    aliases: [],
    messages: { raised: 'Service "{{service}}" raises the {{limit}} ulimit to {{value}}.' },
    examples: {
      bad: 'services:\n  worker:\n    image: example/worker:1.4\n    ulimits:\n      nproc: -1\n',
      good: 'services:\n  worker:\n    image: example/worker:1.4\n    ulimits:\n      nofile: {soft: 65536, hard: 65536}\n',
    },
    since: '0.2.0',
    related: ['DC018'],
  },
  check({ compose, report }) {
    for (const setting of serviceSettings(compose, 'ulimits')) {
      const { doc, pair } = setting;
      const { service, related } = describeSetting(setting);
      for (const { key, pair: limit } of doc.entries(pair.value)) {
        const ceiling = CEILINGS[key];
        if (ceiling === undefined) continue;
        const raised = limitValues(doc, limit.value)
          .map((n) => ({ n, value: raisedValue(doc, n, ceiling) }))
          .find((r) => r.value !== undefined);
        if (raised) report({ messageId: 'raised', data: { service, limit: key, value: raised.value! }, range: doc.rangeOf(raised.n), related });
      }
    }
  },
});
