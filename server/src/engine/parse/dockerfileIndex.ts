// A Dockerfile's instructions by keyword, and the commands of its RUNs by what rules look for: the
// command that runs (`chmod`, `curl`), a wrapper in front of it (`sudo`), or a package manager. Most
// rules care about a few keywords or commands; each reading every instruction and every command of a
// large file was most of their cost, and on a file analyzed once, most of what the engine spent
// compiling them. Indexed once per model.
import type { SourceFile } from '../source';
import { parsedRuns, type DockerfileModel, type Instruction, type ParsedRun } from './dockerfile';
import { packageCommand, type PackageCommand } from './packages';
import { allCommands, commandHead, type SimpleCommand } from './shell';

/** A command of a RUN (ONBUILD RUN triggers included), with its RUN. */
export interface RunCommand {
  run: ParsedRun;
  command: SimpleCommand;
  /** Its place among every command of the file: lists merged on it stay in file order. */
  order: number;
}

export interface RunPackageCommand extends RunCommand {
  package: PackageCommand;
}

interface CommandIndex {
  byName: Map<string, RunCommand[]>;
  byWrapper: Map<string, RunCommand[]>;
  packages: RunPackageCommand[];
}

const indexes = new WeakMap<DockerfileModel, CommandIndex>();

function add(map: Map<string, RunCommand[]>, key: string, entry: RunCommand): void {
  const list = map.get(key);
  if (list) list.push(entry);
  else map.set(key, [entry]);
}

function commandIndex(model: DockerfileModel, src: SourceFile): CommandIndex {
  let index = indexes.get(model);
  if (index) return index;
  index = { byName: new Map(), byWrapper: new Map(), packages: [] };
  let order = 0;
  const runs = parsedRuns(model, src);
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r];
    const commands = allCommands(run.script);
    for (let c = 0; c < commands.length; c++) {
      const command = commands[c];
      const entry: RunCommand = { run, command, order: order++ };
      const { wrappers, command: name } = commandHead(command);
      if (name) add(index.byName, name.name, entry);
      // A command wrapped twice by the same wrapper (`sudo sudo x`) is listed once under it.
      for (let k = 0; k < wrappers.length; k++) if (!wrappers.slice(0, k).some((w) => w.name === wrappers[k].name)) add(index.byWrapper, wrappers[k].name, entry);
      const p = packageCommand(command);
      if (p) index.packages.push({ run, command, order: entry.order, package: p });
    }
  }
  indexes.set(model, index);
  return index;
}

const NONE: readonly RunCommand[] = Object.freeze([]);

/** Lists of commands as one list in file order (most lookups find one list, returned as it is). */
function inFileOrder<T extends RunCommand>(lists: ReadonlyArray<readonly T[]>): readonly T[] {
  const found = lists.filter((l) => l.length > 0);
  if (found.length <= 1) return found[0] ?? (NONE as readonly T[]);
  return found.flat().sort((a, b) => a.order - b.order);
}

/** The commands that run one of `names` (after assignments and wrappers, basename only), in file order. */
export function commandsNamed(model: DockerfileModel, src: SourceFile, names: Iterable<string>): readonly RunCommand[] {
  const { byName } = commandIndex(model, src);
  const lists: RunCommand[][] = [];
  for (const name of names) {
    const list = byName.get(name);
    if (list) lists.push(list);
  }
  return inFileOrder(lists);
}

/** The commands run through `wrapper` (`sudo`, `env`, …), each once, in file order. */
export function commandsWrappedBy(model: DockerfileModel, src: SourceFile, wrapper: string): readonly RunCommand[] {
  return commandIndex(model, src).byWrapper.get(wrapper) ?? NONE;
}

/** The package-manager invocations of the RUNs, in file order. */
export function runPackageCommands(model: DockerfileModel, src: SourceFile): readonly RunPackageCommand[] {
  return commandIndex(model, src).packages;
}

/** The package-manager invocations and the commands that run one of `names`, together in file order. */
export function packageCommandsOr(model: DockerfileModel, src: SourceFile, names: Iterable<string>): ReadonlyArray<RunCommand | RunPackageCommand> {
  return inFileOrder<RunCommand | RunPackageCommand>([runPackageCommands(model, src), commandsNamed(model, src, names)]);
}

const byKeyword = new WeakMap<DockerfileModel, Map<string, Instruction[]>>();
/** Lists of several keywords merged in file order, by their keywords sorted and joined: several rules ask for the same ones (ARG and ENV, COPY and ADD). */
const merged = new WeakMap<DockerfileModel, Map<string, Instruction[]>>();

/**
 * The instructions whose keyword is one of `keywords` (capitals), in file order. ONBUILD triggers are
 * not instructions of the file: a rule that reads them asks for ONBUILD too.
 */
export function instructionsOf(model: DockerfileModel, keywords: readonly string[]): readonly Instruction[] {
  let index = byKeyword.get(model);
  if (!index) {
    index = new Map();
    const instructions = model.instructions;
    for (let n = 0; n < instructions.length; n++) {
      const ins = instructions[n];
      const list = index.get(ins.keyword);
      if (list) list.push(ins);
      else index.set(ins.keyword, [ins]);
    }
    byKeyword.set(model, index);
  }
  const lists: Instruction[][] = [];
  for (const keyword of keywords) {
    const list = index.get(keyword);
    if (list) lists.push(list);
  }
  if (lists.length <= 1) return lists[0] ?? [];
  let mergedLists = merged.get(model);
  if (!mergedLists) merged.set(model, (mergedLists = new Map()));
  const key = [...keywords].sort().join(' ');
  let list = mergedLists.get(key);
  if (!list) mergedLists.set(key, (list = lists.flat().sort((a, b) => a.start - b.start)));
  return list;
}
