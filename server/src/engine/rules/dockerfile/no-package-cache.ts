import { defineRule } from '../../rule';
import { parsedRuns, type ModifiableInstruction, type Stage } from '../../parse/dockerfile';
import { allCommands, commandName, type SimpleCommand } from '../../parse/shell';
import { hasOption, packageCommand } from '../../parse/packages';

/** PIP_NO_CACHE_DIR set to a truthy value (pip reads 0/false/no/off as "keep the cache"). */
const PIP_NO_CACHE = /PIP_NO_CACHE_DIR[= ]+["']?(1|true|yes|on)\b/i;

/** dnf/yum actions that fill the package cache (`in` is dnf's short install). */
const YUM_WRITES_CACHE = new Set(['install', 'in', 'reinstall', 'rei', 'upgrade', 'upgrade-minimal', 'up-min', 'update', 'up', 'groupinstall', 'distro-sync']);

/** Whether a clean-up command runs after `cmd` in the same RUN (a clean before the install does nothing). */
function cleanedAfter(commands: SimpleCommand[], cmd: SimpleCommand, cleanUp: RegExp): boolean {
  return commands.slice(commands.indexOf(cmd) + 1).some((c) => cleanUp.test(c.words.map((w) => w.value).join(' ')));
}

export default defineRule({
  meta: {
    id: 'DF019', name: 'no-package-cache', appliesTo: 'dockerfile',
    title: 'Package manager cache left in the image', severity: 'info',
    threat: 'image-misconfiguration', principle: 'attack-surface',
    rationale: 'Package indexes and download caches stay in the layer that created them: tens of megabytes of stale metadata that scanners read as installed software, and that tells an attacker exactly which repositories the image trusts. Removing them in a later layer does not shrink the image.',
    remediation: 'Clean up in the same `RUN`: `apk add --no-cache`, `pip install --no-cache-dir`, `apt-get install … && rm -rf /var/lib/apt/lists/*`, `dnf install … && dnf clean all`; or use a BuildKit cache mount (`RUN --mount=type=cache,target=/var/cache/apt …`).',
    references: [{ standard: 'cis-docker', section: '4.3', title: 'Ensure that unnecessary packages are not installed in the container' }],
    aliases: [
      { tool: 'hadolint', id: 'DL3009' }, { tool: 'hadolint', id: 'DL3019' }, { tool: 'hadolint', id: 'DL3032' }, { tool: 'hadolint', id: 'DL3036' },
      { tool: 'hadolint', id: 'DL3040' }, { tool: 'hadolint', id: 'DL3042' }, { tool: 'hadolint', id: 'DL3060' },
      { tool: 'trivy', id: 'AVD-DS-0015' }, { tool: 'trivy', id: 'AVD-DS-0019' }, { tool: 'trivy', id: 'AVD-DS-0025' },
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
    for (const run of parsedRuns(dockerfile, src)) {
      if (run.stage && !shipped.has(run.stage)) continue; // a fragment without FROM is checked as a whole
      const raw = run.instruction.getRawArgumentsContent() ?? '';
      // A cache or tmpfs mount keeps a manager's cache out of the layer only where it is mounted.
      const mounted = (run.instruction as ModifiableInstruction).getFlags()
        .filter((f) => f.getName() === 'mount' && /type=(cache|tmpfs)/.test(f.getValue() ?? ''))
        .map((f) => /(?:target|dst|destination)=([^,]+)/.exec(f.getValue() ?? '')?.[1] ?? '');
      const mountedAt = (re: RegExp) => mounted.some((t) => re.test(t));
      const commands = allCommands(run.script);
      const text = commands.map((c) => c.words.map((w) => w.value).join(' ')).join('\n');
      const cleans = (re: RegExp) => re.test(text);
      let aptReported = false; // one list clean-up per RUN covers every apt-get install in it
      for (const cmd of commands) {
        const p = packageCommand(cmd);
        if (!p?.action) continue;
        const at = run.rangeOf(p.action.end, p.action.end);
        const range = run.rangeOf(cmd.words[0].start, p.action.end);
        if (p.manager === 'apk' && p.action.value === 'add' && !hasOption(p, '--no-cache') && !cleans(/rm -r?f?r? ?\S*\/var\/cache\/apk/) && !mountedAt(/\/var\/cache\/apk|\/etc\/apk\/cache/)) {
          report({ messageId: 'apkCache', range, fix: [{ range: at, newText: ' --no-cache' }] });
        } else if (p.manager === 'pip' && p.tool !== 'pipx' && p.action.value === 'install' && !hasOption(p, '--no-cache-dir') && !PIP_NO_CACHE.test(raw) && !mountedAt(/\.cache(\/pip)?$/) && !dockerfile.instructions.some((i) => i.getKeyword() === 'ENV' && PIP_NO_CACHE.test(i.getRawArgumentsContent() ?? ''))) {
          report({ messageId: 'pipCache', range, fix: [{ range: at, newText: ' --no-cache-dir' }] });
        } else if (p.manager === 'apt' && p.action.value === 'install' && !aptReported && !cleans(/rm (-\S+ )*\S*\/var\/lib\/apt\/lists|\bapt(-get)? dist-clean\b/) && !mountedAt(/^\/var\/lib\/apt(\/lists)?\/?$/)) {
          const last = commands[commands.length - 1];
          const end = last.words[last.words.length - 1].end;
          const name = commandName(last)?.name;
          // Appending is only safe when the RUN ends with a plain command (not a heredoc or `exec`).
          const fixable = run.script.substitutions.length === 0 && name !== 'exec' && !raw.includes('<<');
          report({ messageId: 'aptLists', range, ...(fixable ? { fix: [{ range: run.rangeOf(end, end), newText: ' && rm -rf /var/lib/apt/lists/*' }] } : {}) });
          aptReported = true;
        } else if (p.manager === 'yum' && YUM_WRITES_CACHE.has(p.action.value) && !mountedAt(/\/var\/cache\/(yum|dnf|libdnf5)/) && !cleanedAfter(commands, cmd, /^(yum|dnf|microdnf|tdnf) clean all$|^rm (-\S+ )*\S*\/var\/cache\/(yum|dnf|libdnf5)/)) {
          report({ messageId: 'yumCache', data: { tool: p.tool }, range });
        } else if (p.manager === 'zypper' && ['install', 'in'].includes(p.action.value) && !mountedAt(/\/var\/cache\/zypp/) && !cleanedAfter(commands, cmd, /^zypper (clean|cc)\b|^rm (-\S+ )*\S*\/var\/cache\/zypp/)) {
          report({ messageId: 'yumCache', data: { tool: p.tool }, range });
        } else if (p.tool === 'yarn' && ['install', 'add'].includes(p.action.value) && !mountedAt(/yarn/) && !cleanedAfter(commands, cmd, /^yarn cache clean\b/)) {
          report({ messageId: 'yumCache', data: { tool: p.tool }, range });
        }
      }
    }
  },
});
