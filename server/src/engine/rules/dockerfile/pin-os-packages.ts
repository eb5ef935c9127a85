import { defineRule } from '../../rule';
import { runPackageCommands } from '../../parse/dockerfileIndex';
import type { PackageManager } from '../../parse/packages';

/** How each OS package manager writes a pinned version; `name-$VERSION` pins through a variable. */
const PINNED: Partial<Record<PackageManager, RegExp>> = {
  apt: /=/,
  apk: /[=~<>]/,
  yum: /-[\d$]|[=<>]/,
  zypper: /[=<>]|-[\d$]/,
};
const INSTALL = new Set(['install', 'in', 'add']);

export default defineRule({
  meta: {
    id: 'DF033',
    name: 'pin-os-packages',
    appliesTo: 'dockerfile',
    scope: 'instruction',
    title: 'OS package installed without a version',
    severity: 'info',
    threat: 'supply-chain',
    principle: 'defence-in-depth',
    rationale:
      'Without a version, the package is whatever the mirror serves on build day: rebuilding the same commit can ship different code, and a bad or compromised update lands unnoticed. Info by default: pinning OS packages also means tracking security updates yourself, which not every team wants.',
    remediation: 'Pin versions (`apt-get install curl=7.88.1-10+deb12u8`, `apk add curl=8.9.1-r0`, `dnf install curl-8.6.0`), or pin the base image by digest and rebuild on purpose.',
    references: [{ standard: 'cwe', id: 1357 }],
    aliases: [
      { tool: 'hadolint', id: 'DL3008' },
      { tool: 'hadolint', id: 'DL3018' },
      { tool: 'hadolint', id: 'DL3033' },
      { tool: 'hadolint', id: 'DL3037' },
      { tool: 'hadolint', id: 'DL3041' },
    ],
    messages: { unpinned: '{{tool}} installs {{package}} without a version.' },
    examples: {
      bad: 'FROM debian:12\nRUN apt-get install -y --no-install-recommends curl\nUSER 10001\n',
      good: 'FROM debian:12\nRUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8\nUSER 10001\n',
    },
    since: '0.1.0',
    related: ['DF027'],
  },
  check({ dockerfile, src, report }) {
    for (const { run, package: p } of runPackageCommands(dockerfile, src)) {
      const pinned = PINNED[p.manager];
      if (!pinned || !INSTALL.has(p.action?.value ?? '')) continue;
      for (const w of p.operands) {
        // Local files, variables and globs are not registry package names.
        if (/^[./$]|\.(deb|rpm|apk)$|[*?]/.test(w.value) || pinned.test(w.value)) continue;
        report({ messageId: 'unpinned', data: { tool: p.tool, package: w.value }, range: run.rangeOf(w.start, w.end) });
      }
    }
  },
});
