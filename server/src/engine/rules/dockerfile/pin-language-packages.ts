import { defineRule } from '../../rule';
import { packageCommandsOr } from '../../parse/dockerfileIndex';
import { commandName } from '../../parse/shell';

/** An operand that names a registry package rather than a file, directory, URL or requirements list. */
const isPackageName = (v: string) => /^[A-Za-z0-9@][A-Za-z0-9._/@-]*(\[[^\]]*\])?$/.test(v) && !/^\.|\/$|\.(whl|tar\.gz|tgz|zip)$/.test(v) && !v.includes('://');
/** pip names never contain a slash: `pip install foo/bar` installs a local directory. */
const isPipName = (v: string) => isPackageName(v) && !v.includes('/');

/** Git sources are pinned by a ref: `#ref` for npm, `@ref` after the repository for pip. */
const NPM_GIT = /^(git\+(ssh|https?):\/\/|git:\/\/|github:)/;
const PIP_VCS = /^(git|hg|svn|bzr)\+/;

function unpinned(manager: string, operand: string): boolean {
  if (manager === 'pip') return PIP_VCS.test(operand) ? !/\.git@[^#\s]+|@[0-9a-f]{7,40}/.test(operand) : !/(==|===|@|~=)/.test(operand);
  if (manager === 'npm') return NPM_GIT.test(operand) ? !/#\S+$/.test(operand) : !/^(@[^/]+\/)?[^@]+@\S+$/.test(operand);
  return false;
}

export default defineRule({
  meta: {
    id: 'DF027',
    name: 'pin-language-packages',
    appliesTo: 'dockerfile',
    scope: 'instruction',
    title: 'Language package installed without a version',
    severity: 'warning',
    threat: 'supply-chain',
    principle: 'defence-in-depth',
    rationale:
      '`pip install flask`, `npm install -g typescript`, `gem install rails` or `go install x@latest` take whatever version is newest at build time: a hijacked release or a typo-squatted update lands in the image with no review, and two builds of one commit differ.',
    remediation:
      'Pin exact versions (`pip install flask==3.0.3`, `npm install -g typescript@5.6.3`, `gem install rails -v 7.2.1`, `go install example.com/tool@v1.4.2`), or install from a lock file (`pip install -r requirements.txt` with hashes, `npm ci`).',
    references: [{ standard: 'cwe', id: 1357 }],
    aliases: [
      { tool: 'hadolint', id: 'DL3013' },
      { tool: 'hadolint', id: 'DL3016' },
      { tool: 'hadolint', id: 'DL3028' },
      { tool: 'hadolint', id: 'DL3062' },
    ],
    messages: { unpinned: '{{tool}} installs {{package}} without a pinned version.' },
    examples: {
      bad: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask\nUSER 10001\n',
      good: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask==3.0.3\nUSER 10001\n',
    },
    since: '0.1.0',
  },
  check({ dockerfile, src, report }) {
    // The `go` commands and the package-manager invocations (no `go` is one), in file order.
    const commands = packageCommandsOr(dockerfile, src, ['go']);
    for (let c = 0; c < commands.length; c++) {
      const entry = commands[c];
      const { run, command: cmd } = entry;
      if (!('package' in entry)) {
        // go install x, go install x@latest, go get x (local paths are not packages)
        const name = commandName(cmd)!;
        const goVerb = cmd.words[name.index + 1]?.value;
        if (goVerb !== 'install' && goVerb !== 'get' && goVerb !== 'run') continue;
        // `go run pkg args…`: only the first operand is a package; the rest are its arguments.
        const operands = cmd.words.slice(name.index + 2).filter((w) => !w.value.startsWith('-'));
        for (const w of goVerb === 'run' ? operands.slice(0, 1) : operands) {
          if (!/^[-./$]/.test(w.value) && !/\.go$/.test(w.value) && (!w.value.includes('@') || w.value.endsWith('@latest'))) {
            report({ messageId: 'unpinned', data: { tool: 'go', package: w.value.replace(/@latest$/, '') }, range: run.rangeOf(w.start, w.end) });
          }
        }
        continue;
      }
      const p = entry.package;
      if (!['pip', 'npm', 'gem'].includes(p.manager) || p.tool === 'yarn' || !['install', 'i', 'add'].includes(p.action?.value ?? '')) continue;
      if (p.manager === 'pip' && p.options.some((o) => ['-r', '--requirement', '-e', '--editable', '-c', '--constraint'].includes(o.value))) continue;
      if (p.manager === 'gem' && p.options.some((o) => ['-v', '--version'].includes(o.value) || o.value.startsWith('--version='))) continue;
      // `pip install --upgrade pip setuptools wheel` refreshes the installer itself: noise, not supply risk.
      const selfUpgrade = p.manager === 'pip' && p.options.some((o) => o.value === '--upgrade' || o.value === '-U');
      for (const w of p.operands) {
        if (selfUpgrade && /^(pip|setuptools|wheel)$/.test(w.value)) continue;
        const candidate = (p.manager === 'pip' ? isPipName(w.value) : isPackageName(w.value)) || (p.manager === 'npm' && NPM_GIT.test(w.value)) || (p.manager === 'pip' && PIP_VCS.test(w.value));
        if (!candidate || /\.(tar|tgz|tar\.gz)$/.test(w.value) || (p.manager !== 'gem' && !unpinned(p.manager, w.value)) || (p.manager === 'gem' && w.value.includes(':'))) continue;
        report({ messageId: 'unpinned', data: { tool: p.tool, package: w.value }, range: run.rangeOf(w.start, w.end) });
      }
    }
  },
});
