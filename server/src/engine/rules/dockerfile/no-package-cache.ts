import { defineRule } from '../../rule';
import { parsedRuns, type Stage } from '../../parse/dockerfile';
import { allCommands, commandName } from '../../parse/shell';
import { hasOption, packageCommand } from '../../parse/packages';

/** PIP_NO_CACHE_DIR set to a truthy value (pip reads 0/false/no/off as "keep the cache"). */
const PIP_NO_CACHE = /PIP_NO_CACHE_DIR[= ]+["']?(1|true|yes|on)\b/i;

/** dnf/yum actions that fill the package cache (`in` is dnf's short install). */
const YUM_WRITES_CACHE = new Set(['install', 'in', 'reinstall', 'rei', 'upgrade', 'upgrade-minimal', 'up-min', 'update', 'up', 'groupinstall', 'distro-sync']);

/** Where each manager keeps its cache (a cache or tmpfs mount there keeps it out of the layer) and what cleans it. */
const APK_MOUNT = /\/var\/cache\/apk|\/etc\/apk\/cache/;
const APK_CLEAN = /rm -r?f?r? ?\S*\/var\/cache\/apk/;
const PIP_MOUNT = /\.cache(\/pip)?$/;
const APT_MOUNT = /^\/var\/lib\/apt(\/lists)?\/?$/;
// `rm` must start a word (`rm`, `/bin/rm`) and not be an option: each word then starts at most one
// attempt, so the match stays linear however many `-rm` words follow.
const APT_CLEAN = /(?:^|\s)(?:[^\s-]\S*\/)?rm (-\S+ )*\S*\/var\/lib\/apt\/lists|\bapt(-get)? dist-clean\b/;
const YUM_MOUNT = /\/var\/cache\/(yum|dnf|libdnf5)/;
const YUM_CLEAN = /^(yum|dnf|microdnf|tdnf) clean all$|^rm (-\S+ )*\S*\/var\/cache\/(yum|dnf|libdnf5)/;
const ZYPPER_MOUNT = /\/var\/cache\/zypp/;
const ZYPPER_CLEAN = /^zypper (clean|cc)\b|^rm (-\S+ )*\S*\/var\/cache\/zypp/;
const YARN_MOUNT = /yarn/;
const YARN_CLEAN = /^yarn cache clean\b/;

/** `test` answered once per pattern: a RUN with many installs asks the same question of the same text. */
function perPattern<T>(test: (re: RegExp) => T): (re: RegExp) => T {
  const answers = new Map<RegExp, T>();
  return (re) => {
    if (!answers.has(re)) answers.set(re, test(re));
    return answers.get(re)!;
  };
}

/** Index of the last command whose text matches `re`, or -1. */
function lastMatching(texts: string[], re: RegExp): number {
  for (let k = texts.length - 1; k >= 0; k--) if (re.test(texts[k])) return k;
  return -1;
}

export default defineRule({
  meta: {
    id: 'DF019',
    name: 'no-package-cache',
    appliesTo: 'dockerfile',
    title: 'Package manager cache left in the image',
    severity: 'info',
    threat: 'image-misconfiguration',
    principle: 'attack-surface',
    rationale:
      'Package indexes and download caches stay in the layer that created them: tens of megabytes of stale metadata that scanners read as installed software, and that tells an attacker exactly which repositories the image trusts. Removing them in a later layer does not shrink the image.',
    remediation:
      'Clean up in the same `RUN`: `apk add --no-cache`, `pip install --no-cache-dir`, `apt-get install … && rm -rf /var/lib/apt/lists/*`, `dnf install … && dnf clean all`; or use a BuildKit cache mount (`RUN --mount=type=cache,target=/var/cache/apt …`).',
    references: [{ standard: 'cis-docker', section: '4.3', title: 'Ensure that unnecessary packages are not installed in the container' }],
    aliases: [
      { tool: 'hadolint', id: 'DL3009' },
      { tool: 'hadolint', id: 'DL3019' },
      { tool: 'hadolint', id: 'DL3032' },
      { tool: 'hadolint', id: 'DL3036' },
      { tool: 'hadolint', id: 'DL3040' },
      { tool: 'hadolint', id: 'DL3042' },
      { tool: 'hadolint', id: 'DL3060' },
      { tool: 'trivy', id: 'AVD-DS-0015' },
      { tool: 'trivy', id: 'AVD-DS-0019' },
      { tool: 'trivy', id: 'AVD-DS-0025' },
    ],
    messages: {
      apkCache: 'apk add keeps its index cache; use --no-cache.',
      pipCache: 'pip install keeps its download cache; use --no-cache-dir.',
      aptLists: 'apt-get install leaves the package lists in the layer.',
      yumCache: '{{tool}} leaves its package cache in the layer.',
    },
    fix: { applicability: 'safe', title: 'Do not keep the package cache' },
    examples: {
      bad: 'FROM alpine:3.20\nRUN apk add curl\nUSER 10001\n',
      good: 'FROM alpine:3.20\nRUN apk add --no-cache curl\nUSER 10001\n',
    },
    since: '0.1.0',
  },
  check({ dockerfile, src, report }) {
    // Only what reaches the image counts: the final stage and the stages it builds on.
    const shipped = new Set<Stage>();
    for (let s = dockerfile.finalStage; s && !shipped.has(s); s = s.parent) shipped.add(s);
    let pipNoCacheEnv: boolean | undefined; // looked up once, on the first pip install
    const runs = parsedRuns(dockerfile, src);
    for (let r = 0; r < runs.length; r++) {
      const run = runs[r];
      if (run.stage && !shipped.has(run.stage)) continue; // a fragment without FROM is checked as a whole
      const raw = run.instruction.rawArguments ?? '';
      // A cache or tmpfs mount keeps a manager's cache out of the layer only where it is mounted.
      const mounted = run.instruction.flags
        .filter((f) => f.name === 'mount' && /type=(cache|tmpfs)/.test(f.value ?? ''))
        .map((f) => /(?:target|dst|destination)=([^,]+)/.exec(f.value ?? '')?.[1] ?? '');
      const mountedAt = perPattern((re) => mounted.some((t) => re.test(t)));
      const commands = allCommands(run.script);
      // Each command's words as one line, built on the first question: most RUNs install nothing.
      let texts: string[] | undefined;
      let text: string | undefined;
      const commandTexts = () => (texts ??= commands.map((c) => c.words.map((w) => w.value).join(' ')));
      const cleans = perPattern((re) => re.test((text ??= commandTexts().join('\n'))));
      // A clean-up before the install does nothing: it must come after.
      const lastClean = perPattern((re) => lastMatching(commandTexts(), re));
      const cleanedAfter = (index: number, re: RegExp) => lastClean(re) > index;
      let pipNoCacheInRun: boolean | undefined;
      let aptReported = false; // one list clean-up per RUN covers every apt-get install in it
      commands.forEach((cmd, index) => {
        const p = packageCommand(cmd);
        if (!p?.action) return;
        const at = run.rangeOf(p.action.end, p.action.end);
        const range = run.rangeOf(cmd.words[0].start, p.action.end);
        if (p.manager === 'apk' && p.action.value === 'add' && !hasOption(p, '--no-cache') && !cleans(APK_CLEAN) && !mountedAt(APK_MOUNT)) {
          report({ messageId: 'apkCache', range, fix: [{ range: at, newText: ' --no-cache' }] });
        } else if (
          p.manager === 'pip' &&
          p.tool !== 'pipx' &&
          p.action.value === 'install' &&
          !hasOption(p, '--no-cache-dir') &&
          !(pipNoCacheInRun ??= PIP_NO_CACHE.test(raw)) &&
          !mountedAt(PIP_MOUNT) &&
          !(pipNoCacheEnv ??= dockerfile.instructions.some((i) => i.keyword === 'ENV' && PIP_NO_CACHE.test(i.rawArguments ?? '')))
        ) {
          report({ messageId: 'pipCache', range, fix: [{ range: at, newText: ' --no-cache-dir' }] });
        } else if (p.manager === 'apt' && p.action.value === 'install' && !aptReported && !cleans(APT_CLEAN) && !mountedAt(APT_MOUNT)) {
          const last = commands[commands.length - 1];
          const end = last.words[last.words.length - 1].end;
          const name = commandName(last)?.name;
          // Appending is only safe when the RUN ends with a plain command (not a heredoc or `exec`).
          const fixable = run.script.substitutions.length === 0 && name !== 'exec' && !raw.includes('<<');
          report({ messageId: 'aptLists', range, ...(fixable ? { fix: [{ range: run.rangeOf(end, end), newText: ' && rm -rf /var/lib/apt/lists/*' }] } : {}) });
          aptReported = true;
        } else if (p.manager === 'yum' && YUM_WRITES_CACHE.has(p.action.value) && !mountedAt(YUM_MOUNT) && !cleanedAfter(index, YUM_CLEAN)) {
          report({ messageId: 'yumCache', data: { tool: p.tool }, range });
        } else if (p.manager === 'zypper' && ['install', 'in'].includes(p.action.value) && !mountedAt(ZYPPER_MOUNT) && !cleanedAfter(index, ZYPPER_CLEAN)) {
          report({ messageId: 'yumCache', data: { tool: p.tool }, range });
        } else if (p.tool === 'yarn' && ['install', 'add'].includes(p.action.value) && !mountedAt(YARN_MOUNT) && !cleanedAfter(index, YARN_CLEAN)) {
          report({ messageId: 'yumCache', data: { tool: p.tool }, range });
        }
      });
    }
  },
});
