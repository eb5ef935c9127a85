// Package-manager invocations in RUN commands: which manager, which sub-command, which packages.
import { commandName, type SimpleCommand, type Word } from './shell';

export type PackageManager = 'apt' | 'apk' | 'yum' | 'zypper' | 'pacman' | 'pip' | 'npm' | 'gem';

/** A Map: a command named `constructor` manages no packages. */
const MANAGERS = new Map<string, PackageManager>(
  Object.entries({
    'apt-get': 'apt',
    apt: 'apt',
    aptitude: 'apt',
    apk: 'apk',
    yum: 'yum',
    dnf: 'yum',
    microdnf: 'yum',
    tdnf: 'yum',
    zypper: 'zypper',
    pacman: 'pacman',
    pip: 'pip',
    pip3: 'pip',
    pipx: 'pip',
    npm: 'npm',
    yarn: 'npm',
    gem: 'gem',
  } satisfies Record<string, PackageManager>),
);

export interface PackageCommand {
  manager: PackageManager;
  /** The executable as written (`apt-get`, `dnf`, …). */
  tool: string;
  /** `install`, `add`, `update`, `upgrade`, … (the first word that is not an option; pacman's operation option, `-Syu`). */
  action?: Word;
  options: Word[];
  /** Words after the action that are not options: packages (and option values). */
  operands: Word[];
  command: SimpleCommand;
}

/** Options whose value is the next word, so it is not taken for a package name. */
const OPTIONS_WITH_VALUE = new Set([
  '-o',
  '-t',
  '--target-release',
  '--repository',
  '-X',
  '-i',
  '--index-url',
  '--extra-index-url',
  '-c',
  '--constraint',
  '-r',
  '--requirement',
  '--root',
  '--virtual',
  '--prefix',
  '--trusted-host',
  '-f',
  '--find-links',
  '--root-user-action',
  '--loglevel',
]);

/** The package-manager invocation a command is, if any (read once per command and kept on it: seven rules ask). */
export function packageCommand(cmd: SimpleCommand): PackageCommand | undefined {
  let p = cmd.packageCommand;
  if (p === undefined) cmd.packageCommand = p = readPackageCommand(cmd) ?? null;
  return p ?? undefined;
}

function readPackageCommand(cmd: SimpleCommand): PackageCommand | undefined {
  const name = commandName(cmd);
  if (!name) return undefined;
  let tool = name.name;
  const written = tool;
  let start = name.index + 1;
  // `python -m pip install …`
  // Every command is asked: the expressions run only on names that start as theirs do.
  if (tool.startsWith('python') && /^python[0-9.]*$/.test(tool) && cmd.words[start]?.value === '-m' && /^pip[0-9.]*$/.test(cmd.words[start + 1]?.value ?? '')) {
    tool = 'pip';
    start += 2;
  }
  if (tool.startsWith('pip') && /^pip[0-9.]+$/.test(tool)) tool = 'pip'; // pip2, pip3, pip3.12
  const manager = MANAGERS.get(tool);
  if (!manager) return undefined;
  const options: Word[] = [];
  const operands: Word[] = [];
  let action: Word | undefined;
  for (let i = start; i < cmd.words.length; i++) {
    const w = cmd.words[i];
    if (w.value === '--') break; // what follows is passed through to a build script, not packages
    // pacman names its operation with an option: `-S`, `-Sy`, `--sync`.
    if (manager === 'pacman' && !action && /^(-[SURQ][a-zA-Z]*|--(sync|upgrade|remove|query))$/.test(w.value)) action = w;
    else if (w.value.startsWith('-')) {
      options.push(w);
      if (OPTIONS_WITH_VALUE.has(w.value) && i + 1 < cmd.words.length) i++;
    } else if (!action) action = w;
    else operands.push(w);
  }
  return { manager, tool: written, action, options, operands, command: cmd };
}

export const hasOption = (p: PackageCommand, ...names: string[]): boolean => p.options.some((o) => names.some((n) => o.value === n || o.value.startsWith(`${n}=`)));

const INSTALL_ACTIONS = new Set(['install', 'in', 'add', 'upgrade', 'dist-upgrade', 'full-upgrade', 'reinstall', 'dup', 'up']);

/** Whether a command installs or upgrades packages (pacman: `-S pkg`, `-Su`, `-Syu`). */
export function installsPackages(p: PackageCommand): boolean {
  const action = p.action?.value ?? '';
  if (p.manager === 'pacman') return /^-S/.test(action) && (/^-S[a-z]*u/.test(action) || p.operands.length > 0);
  // `zypper update` upgrades packages; for apt and apk `update` only refreshes the index.
  return INSTALL_ACTIONS.has(action) || (p.manager === 'zypper' && action === 'update');
}

/** Whether a command refreshes the package index: apt/apk `update`, zypper `refresh`, pacman `-Sy`. */
export function refreshesIndex(p: PackageCommand): boolean {
  const action = p.action?.value ?? '';
  if (p.manager === 'pacman') return /^-S[a-z]*y/.test(action);
  if (p.manager === 'zypper') return action === 'refresh' || action === 'ref';
  return (p.manager === 'apt' || p.manager === 'apk') && action === 'update';
}
